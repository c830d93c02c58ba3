package dev.aiguardian.guards.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The word-class rules of WordSaladCheck: a noun before "the", pronoun slots, relative clauses let through. */
class WordSaladCheckTest {
    private static List<HealthIssue> check(String text) {
        List<HealthIssue> out = new ArrayList<>();
        new WordSaladCheck().check(text, out);
        return out;
    }

    @Test
    void nounChainBrokenByASingleTheIsSalad() {
        assertThat(check("Marble kettle the patient hinge of saucer lagoon. Ribbon gravel the quarter of biscuit."))
                .singleElement().satisfies(i -> {
                    assertThat(i.type()).isEqualTo("gibberish");
                    assertThat(i.detail()).contains("2 impossible word orders (first: 'kettle the')");
                });
    }

    @Test
    void saladSentenceInsideAHealthyParagraphIsFound() {
        assertThat(check("The service restarts every night at two. Lantern of the pudding biscuit the ladder "
                + "raincoat sawdust gravel. After that, the health check turns green again.")).hasSize(1);
    }

    @Test
    void relativeClausesWithoutThatAreGrammar() {
        assertThat(check("This is the way the parser works, and every request the gateway sends is logged by the "
                + "module. The report the auditors wrote covers the year the company moved.")).isEmpty();
    }

    @Test
    void namesAndImperativesBeforeTheAreGrammar() {
        assertThat(check("We visited the palace of Catherine the Great in the spring. Then zest the lemon, "
                + "season the fish and serve it with rice.")).isEmpty();
    }

    @Test
    void subjectPronounAfterAPrepositionIsAViolation() {
        assertThat(check("Lamp with they saucepan. Gravel of she tulip the marble cushion pillow.")).hasSize(1);
        assertThat(check("The parcel was sent to them because they had asked for it on Monday.")).isEmpty();
    }

    @Test
    void wordClassesTellVerbsFromNouns() {
        assertThat(WordClasses.possibleVerb("publishes")).isTrue();
        assertThat(WordClasses.possibleVerb("studies")).isTrue();
        assertThat(WordClasses.possibleVerb("rotated")).isTrue();
        assertThat(WordClasses.possibleVerb("taught")).isTrue();
        assertThat(WordClasses.possibleVerb("lagoon")).isFalse();
        assertThat(WordClasses.possibleVerb("seventeen")).isFalse();
        assertThat(WordClasses.adverb("quietly")).isTrue();
        assertThat(WordClasses.adverb("however")).isTrue();
        assertThat(WordClasses.adverb("saucer")).isFalse();
    }
}
