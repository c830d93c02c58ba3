package dev.aiguardian.guards.trust.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** ContextWords answers exactly what a lower-cased copy of the window and {@code contains} would. */
class ContextWordsTest {
    private static final String[] WORDS = {"phone", "tel", "call", "text me", " v", "ver.", "ss#", "henkilötunnus"};

    @Test
    void findsWordsInAnyCaseOnlyInsideTheWindow() {
        ContextWords words = ContextWords.of(WORDS);
        assertThat(words.occursIn("Call me on", 0, 10)).isTrue();
        assertThat(words.occursIn("PHONE: 555", 0, 10)).isTrue();
        assertThat(words.occursIn("my PHON", 0, 7)).isFalse();
        // the word must end before the window does
        assertThat(words.occursIn("my phone", 0, 7)).isFalse();
        assertThat(words.occursIn("the telephone", 4, 13)).isTrue();
        assertThat(words.occursIn("the telly", 5, 9)).isFalse();
        assertThat(words.occursIn("Henkilötunnus 1", 0, 15)).isTrue();
        assertThat(words.occursIn("build V2", 0, 8)).isTrue();
    }

    @Test
    void agreesWithLowerCaseContainsOnRandomWindows() {
        ContextWords words = ContextWords.of(WORDS);
        String alphabet = "phonetlcamx vr.s#PHONETLCAMXVRS#öÖİı";
        Random random = new Random(14);
        int hits = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(30);
            boolean ascii = random.nextBoolean();
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(random.nextInt(ascii ? alphabet.length() - 4 : alphabet.length())));
            }
            String s = b.toString();
            int from = random.nextInt(len + 1);
            int to = from + random.nextInt(len - from + 1);
            String window = s.substring(from, to).toLowerCase(Locale.ROOT);
            boolean expected = false;
            for (String w : WORDS) {
                expected |= window.contains(w);
            }
            hits += expected ? 1 : 0;
            assertThat(words.occursIn(s, from, to)).as("%s [%d, %d)", s, from, to).isEqualTo(expected);
        }
        assertThat(hits).isGreaterThan(100);
    }
}
