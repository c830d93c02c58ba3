package dev.aiguardian.guards.trust.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PhraseIndexTest {

    private static int[] kinds(PhraseIndex index, String... words) {
        int[] k = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            k[i] = index.kindOf(words[i]);
        }
        return k;
    }

    private static PhraseIndex.Compiled only(PhraseIndex index, String firstWord) {
        return index.candidates(index.kindOf(firstWord))[0];
    }

    @Test
    void aRuleWhoseRequiredWordIsAbsentIsNotViable() {
        PhraseIndex index = new PhraseIndex(List.of(
                PhraseRule.parse("t 0.5 | ignore ~all|the previous instruct* | drop"),
                PhraseRule.parse("t 0.5 | hello | a greeting")));
        PhraseIndex.Compiled ignore = only(index, "ignore");
        PhraseIndex.Compiled hello = only(index, "hello");

        int[] without = kinds(index, "please", "ignore", "the", "typos");
        long[] viable = index.viable(without, without.length);
        assertThat(PhraseIndex.isViable(viable, ignore)).isFalse();
        assertThat(PhraseIndex.isViable(viable, hello)).as("a rule with nothing required after its first word").isTrue();

        // both required slots ("previous", "instruct*") must be met, each by some word of the view
        int[] half = kinds(index, "ignore", "the", "previous", "typos");
        assertThat(PhraseIndex.isViable(index.viable(half, half.length), ignore)).isFalse();
        int[] with = kinds(index, "ignore", "all", "previous", "instructionz");
        assertThat(PhraseIndex.isViable(index.viable(with, with.length), ignore)).isTrue();
        assertThat(PhraseIndex.matchAt(ignore, with, with.length, 0)).isEqualTo(4);
    }

    /** The filter is only a necessary condition: on random views of the bundled rules' own words it never drops a match. */
    @Test
    void neverDropsARuleThatMatches() {
        List<PhraseRule> rules = InjectionDetector.loadBundledRules();
        assertThat(rules).hasSizeGreaterThan(64); // rule ids span more than one word of bits
        PhraseIndex index = new PhraseIndex(rules);
        List<String> vocabulary = new ArrayList<>();
        for (PhraseRule r : rules) {
            for (PhraseRule.Slot s : r.allSlots()) {
                vocabulary.addAll(s.words());
                s.prefixes().forEach(p -> vocabulary.add(p + "ing"));
            }
        }
        vocabulary.addAll(List.of("weather", "table", "x", "report", "2024"));
        Random random = new Random(20261202);
        int matches = 0;
        int skipped = 0;
        for (int round = 0; round < 20_000; round++) {
            String[] words = new String[1 + random.nextInt(12)];
            for (int i = 0; i < words.length; i++) {
                words[i] = vocabulary.get(random.nextInt(vocabulary.size()));
            }
            int[] k = kinds(index, words);
            long[] viable = index.viable(k, k.length);
            for (int t = 0; t < k.length; t++) {
                PhraseIndex.Compiled[] candidates = index.candidates(k[t]);
                if (candidates == null) {
                    continue;
                }
                for (PhraseIndex.Compiled c : candidates) {
                    boolean matched = PhraseIndex.matchAt(c, k, k.length, t) > t;
                    if (matched) {
                        matches++;
                        assertThat(PhraseIndex.isViable(viable, c)).as("%s at %d of %s", c.rule().source(), t,
                                String.join(" ", words)).isTrue();
                    } else if (!PhraseIndex.isViable(viable, c)) {
                        skipped++;
                    }
                }
            }
        }
        assertThat(matches).as("random views that match some rule").isGreaterThan(1_000);
        assertThat(skipped).as("tries the filter saves").isGreaterThan(10_000);
    }

    /** Kinds read during the split equal kinds looked up afterwards, on texts built to hit every rewrite of a word. */
    @Test
    void kindsReadWhileSplittingEqualALookupAfterwards() {
        PhraseIndex index = new PhraseIndex(InjectionDetector.loadBundledRules());
        WordTokens tokens = new InjectionDetector().tokens();
        String[] pieces = {"ignore", "instructions", "instructionz", "1gn0r3", "pr3vious", "don't", "you\u2019re",
            "!ignore", "ignore!", "|all|", "i g n o r e", "a l l", "system", "prompt", "\u00e9t\u00e9", "caf\u00e9",
            "2024", "x", " ", "  ", ", ", ".\n", "'", "!", "|", "@dmin", "$ystem", "\u0130", "the", "previous", "rul3s"};
        Random random = new Random(42);
        int read = 0;
        for (int round = 0; round < 4_000; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(20); i >= 0; i--) {
                b.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextBoolean()) {
                    b.append(' ');
                }
            }
            String s = b.toString();
            WordSpans words = index.spans(tokens, s);
            WordSpans plain = tokens.spans(s);
            assertThat(words.size()).isEqualTo(plain.size());
            for (int t = 0; t < words.size(); t++) {
                String rewritten = plain.rewritten(t);
                int expected = rewritten == null ? index.kindOf(s, plain.start(t), plain.end(t)) : index.kindOf(rewritten);
                assertThat(index.kindOf(words, t, s)).as("word %d of \"%s\"", t, s).isEqualTo(expected);
                read += words.value(t) != WordSpans.UNKNOWN ? 1 : 0;
            }
        }
        assertThat(read).as("words whose kind the split read").isGreaterThan(10_000);
    }

    /** A word trimmed of '!' or '|' (punctuation, not leetspeak, when it has no letter) is read as trimmed. */
    @Test
    void aTrimmedWordIsReadWithoutItsPunctuation() {
        PhraseIndex index = new PhraseIndex(List.of(PhraseRule.parse("t 0.5 | 42 | a number")));
        WordTokens tokens = new WordTokens(java.util.Set.of("42"));
        for (String s : new String[] {"42|", "|42", "42!", "!42!", "x 42|| y"}) {
            WordSpans words = index.spans(tokens, s);
            int t = s.startsWith("x") ? 1 : 0;
            assertThat(s.substring(words.start(t), words.end(t))).isEqualTo("42");
            assertThat(index.kindOf(words, t, s)).as(s).isEqualTo(index.kindOf("42"));
        }
    }
}
