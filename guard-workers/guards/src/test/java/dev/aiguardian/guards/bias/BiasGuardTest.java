package dev.aiguardian.guards.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.testing.LinearScaling;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.guard.InvalidOptionException;

class BiasGuardTest {
    private static final BiasGuard GUARD = new BiasGuard();

    private static BiasReport report(GuardOutcome o) {
        return (BiasReport) o.details();
    }

    @Test
    void neutralTextIsAllowedWithZeroScores() {
        GuardOutcome o = GUARD.inspect(GuardInput.of("Older adults benefit from regular exercise and a varied diet."));
        assertThat(o.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(o.score()).isZero();
        assertThat(report(o).findings()).isEmpty();
        assertThat(report(o).categoryScores()).containsOnlyKeys(BiasCategory.wireNames()).allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void gendered_titles_and_default_pronouns_are_rewritten() {
        String text = "Every chairman must file his report. The Policeman and the stewardess agreed.";
        GuardOutcome o = GUARD.inspect(GuardInput.of(text));
        BiasReport r = report(o);
        assertThat(o.verdict()).isEqualTo(Verdict.FLAG);
        assertThat(r.findings()).extracting(BiasFinding::type)
                .contains("gendered_term", "default_pronoun");
        assertThat(r.rewrittenText())
                .isEqualTo("Every chairperson must file their report. The Police officer and the flight attendant agreed.");
        BiasFinding chairman = r.findings().get(0);
        assertThat(text.substring(chairman.start(), chairman.end())).isEqualTo("chairman");
        assertThat(chairman.suggestion()).contains("chairperson");
        assertThat(chairman.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void slursBlockAndAreMaskedInTheRewrite() {
        GuardOutcome o = GUARD.inspect(GuardInput.of("Don't be such a retard."));
        assertThat(o.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(report(o).findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(BiasCategory.DISABILITY);
            assertThat(f.type()).isEqualTo("slur");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(report(o).rewrittenText()).isEqualTo("Don't be such a r*****.");
        assertThat(o.score()).isEqualTo(0.9);
    }

    @Test
    void generalisationsAreExplainedButNotRewritten() {
        String text = "All girls are bad at maths.";
        BiasReport r = report(GUARD.inspect(GuardInput.of(text)));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("generalisation");
            assertThat(f.category()).isEqualTo(BiasCategory.GENDER);
            assertThat(f.evidence()).startsWith("All girls are bad");
            assertThat(f.explanation()).contains("bad");
        });
        assertThat(r.rewrittenText()).isEqualTo(text);
    }

    @Test
    void exclusionaryRequirementsNeedARequirementContext() {
        assertThat(GUARD.findings("Must be a native speaker of German.")).extracting(BiasFinding::type)
                .containsExactly("exclusionary_requirement");
        assertThat(GUARD.findings("She is a native speaker of Welsh.")).isEmpty();
        assertThat(GUARD.findings("Applicants over 50 need not apply.")).singleElement()
                .satisfies(f -> assertThat(f.category()).isEqualTo(BiasCategory.AGE));
        assertThat(GUARD.findings("Women need not apply.")).singleElement()
                .satisfies(f -> assertThat(f.category()).isEqualTo(BiasCategory.GENDER));
    }

    @Test
    void wordsInsideOtherWordsDoNotMatch() {
        assertThat(GUARD.findings("Scunthorpe, Manchester and the Shih Tzu show at Dickens Hall.")).isEmpty();
    }

    @Test
    void obfuscatedWordsAreFoundAndMarkdownIsNot() {
        assertThat(GUARD.findings("What the f*ck. Sh1t. You b@stard.")).extracting(BiasFinding::evidence)
                .containsExactly("f*ck", "Sh1t", "b@stard");
        assertThat(GUARD.findings("**Women** are **naturally** too emotional.")).extracting(BiasFinding::type)
                .containsExactly("generalisation");
        assertThat(GUARD.findings("Mail jo@example.com; rated 4 stars; the S*P 500 rose.")).isEmpty();
        assertThat(report(GUARD.inspect(GuardInput.of("f*cking hell"))).rewrittenText()).isEqualTo("f****** hell");
    }

    @Test
    void scoresCompoundWithinACategory() {
        Map<String, Double> one = report(GUARD.inspect(GuardInput.of("Call the fireman."))).categoryScores();
        Map<String, Double> two = report(GUARD.inspect(GuardInput.of("Call the fireman and the mailman."))).categoryScores();
        assertThat(one.get("gender")).isEqualTo(0.3);
        assertThat(two.get("gender")).isEqualTo(0.51);
    }

    @Test
    void optionsFilterCategoriesAndSeverity() {
        String text = "The fireman said this is bullshit.";
        BiasReport onlyGender = report(GUARD.inspect(GuardInput.of(text, Map.of("categories", List.of("gender")))));
        assertThat(onlyGender.findings()).extracting(BiasFinding::category).containsExactly(BiasCategory.GENDER);
        assertThat(onlyGender.categoryScores()).containsOnlyKeys("gender");
        BiasReport medium = report(GUARD.inspect(GuardInput.of(text, Map.of("min_severity", "medium"))));
        assertThat(medium.findings()).extracting(BiasFinding::category).containsExactly(BiasCategory.TOXICITY);
        assertThat(report(GUARD.inspect(GuardInput.of(text, Map.of("rewrite", false)))).rewrittenText()).isNull();
    }

    @Test
    void badOptionsNameTheOptionAndTheFix() {
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("x", Map.of("categories", List.of("weather")))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.categories")
                .hasMessageContaining("race_ethnicity");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("x", Map.of("min_severity", "extreme"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.min_severity")
                .hasMessageContaining("low, medium or high");
        assertThatThrownBy(() -> GUARD.inspect(GuardInput.of("x", Map.of("rewrite", "yes"))))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("payload.rewrite");
    }

    @Test
    void groupNounPhrasesAndPredicatesGeneralise() {
        assertThat(categories("Muslim women have no ambition.")).containsExactly("religion");
        assertThat(categories("People on benefits are scroungers.")).containsExactly("socioeconomic");
        assertThat(categories("Muslim women can use the prayer room.")).isEmpty();
    }

    @Test
    void ageLimitsCountOnlyInRequirementsAndFromAdultAges() {
        assertThat(categories("Applicants should be under 35.")).containsExactly("age");
        assertThat(categories("Applicants must be over 18.")).isEmpty();
        assertThat(categories("Over 50 applicants applied this week.")).isEmpty();
    }

    @Test
    void rebuttedOrQuotedStereotypesAreDampenedButPlainOnesAreNot() {
        assertThat(categories("It's a myth that women are bad drivers.")).isEmpty();
        assertThat(categories("Please avoid words like 'lame' in the docs.")).isEmpty();
        assertThat(categories("Women are bad drivers, and that is no myth.")).containsExactly("gender");
        assertThat(categories("Women are bad drivers.")).containsExactly("gender");
        assertThat(categories("You're wrong, women are bad drivers.")).containsExactly("gender");
    }

    @Test
    void aGenderedGroupMakesThePronounSpecific() {
        assertThat(categories("Each player on the women's team lifted her trophy.")).isEmpty();
        assertThat(categories("Each player on the women's team lifted his trophy.")).containsExactly("gender");
    }

    private static java.util.Set<String> categories(String text) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        GUARD.findings(text).forEach(f -> out.add(f.category().wireName()));
        return out;
    }

    @Test
    void catalogHostsIt() {
        assertThat(GuardCatalog.standard().create(ServiceType.BIASGUARD).type()).isEqualTo(ServiceType.BIASGUARD);
    }

    @Test
    void linearOnAdversarialInputs() {
        // Adversarial shapes for a pattern scanner: endless group nouns, cue words, and one huge sentence.
        Map<String, java.util.function.IntFunction<String>> inputs = new java.util.LinkedHashMap<>();
        inputs.put("group nouns", n -> LinearScaling.repeat("all women are ", n));
        inputs.put("cue then pronoun", n -> LinearScaling.repeat("every engineer ", n - 4) + " his");
        inputs.put("repeated phrase", n -> LinearScaling.repeat("for a for a for a girl ", n));
        inputs.put("one letter", n -> "a".repeat(n));
        inputs.put("one long mask", n -> "f" + "*".repeat(n - 2) + "k");
        inputs.put("masks", n -> LinearScaling.repeat("s*", n));
        inputs.put("rebuttal frames", n -> LinearScaling.repeat("the myth that people on benefits have no morals ", n));
        inputs.put("open quote", n -> "\"" + LinearScaling.repeat("'lame' muslim women are lazy ", n));
        inputs.put("age limits", n -> "applicants must be " + LinearScaling.repeat("under 35 or between 22 and ", n));
        inputs.put("long prose", n -> LinearScaling.repeat(
                "The chairman of Acme said the fireman was late; immigrants are eligible. ", n));
        inputs.forEach((name, input) -> System.out.println(
                LinearScaling.assertLinear(name, input, text -> GUARD.inspect(GuardInput.of(text)))));
    }
}
