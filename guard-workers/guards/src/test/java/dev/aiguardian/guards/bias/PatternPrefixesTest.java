package dev.aiguardian.guards.bias;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The literal openings HostilityDetector compares before entering a regex: only what every match must start with. */
class PatternPrefixesTest {
    private static final char WS = PatternPrefixes.WHITESPACE;

    @Test
    void readsLiteralsThroughMandatoryGroupsAndStopsAtWhatIsOptionalOrRepeated() {
        assertThat(PatternPrefixes.of("\\b(i(?:'ll| will)|We(?: are)?)\\s+x")).containsExactly("i'll" + WS, "i will" + WS, "we");
        assertThat(PatternPrefixes.of("\\b(kill|wipe out)\\s+(all)\\b")).containsExactly("kill" + WS, "wipe out" + WS);
        assertThat(PatternPrefixes.of("\\bab?c")).containsExactly("a");
        assertThat(PatternPrefixes.of("\\bab+c")).containsExactly("ab");
        assertThat(PatternPrefixes.of("\\bab*c")).containsExactly("a");
        assertThat(PatternPrefixes.of("\\bab{1,2}c")).containsExactly("a");
        assertThat(PatternPrefixes.of("\\ba(?:b|c)+d")).containsExactly("ab", "ac");
        assertThat(PatternPrefixes.of("\\ba(?:b|c\\w)d")).containsExactly("abd", "ac");
        assertThat(PatternPrefixes.of("\\bevery(?:one|body)?x")).containsExactly("every");
        assertThat(PatternPrefixes.of("\\ba[bc]d")).containsExactly("a");
    }

    @Test
    void refusesAlternativesWithoutAReadableOpening() {
        assertThat(PatternPrefixes.of("\\b(a|\\w+)")).isNull();
        assertThat(PatternPrefixes.of("\\b(a|b)?c")).isNull();
        assertThat(PatternPrefixes.of("\\b(?=a)a")).isNull();
        assertThat(PatternPrefixes.of("\\b(a|b")).isNull();
        assertThat(PatternPrefixes.of("\\b.x")).isNull();
    }

    @Test
    void comparesAsTheRegexFoldsAndLeavesSurrogatesToIt() {
        String[] o = PatternPrefixes.of("\\bi\\s+hate");
        assertThat(PatternPrefixes.anyAt(o, "I hate", 0)).isTrue();
        assertThat(PatternPrefixes.anyAt(o, "\u0130\thate", 0)).isTrue();
        assertThat(PatternPrefixes.anyAt(o, "\u0131\nhate", 0)).isTrue();
        assertThat(PatternPrefixes.anyAt(o, "in", 0)).isFalse();
        assertThat(PatternPrefixes.anyAt(o, "i", 0)).isFalse();
        assertThat(PatternPrefixes.anyAt(o, "\uD83D\uDE00", 0)).isTrue();
        String[] k = PatternPrefixes.of("\\bkill");
        assertThat(PatternPrefixes.anyAt(k, "\u212Aill", 0)).isTrue();
        assertThat(PatternPrefixes.anyAt(k, "skill", 1)).isTrue();
        assertThat(PatternPrefixes.anyAt(k, "kiln", 0)).isFalse();
    }
}
