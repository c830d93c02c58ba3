package dev.aiguardian.guards.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** LongRuns finds the same run a char-by-char scan finds. */
class LongRunsTest {
    private static final boolean[] LETTERS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            LETTERS[c] = true;
        }
    }

    @Test
    void findsTheFirstRunLongEnough() {
        assertThat(LongRuns.next("ab cdef ghijk", 0, LETTERS, 5)).isEqualTo(8);
        assertThat(LongRuns.next("ab cdef ghij", 0, LETTERS, 5)).isEqualTo(-1);
        assertThat(LongRuns.next("abcde", 0, LETTERS, 5)).isZero();
        // chars beyond the table are outside the class
        assertThat(LongRuns.next("abc\u00e9defgh", 0, LETTERS, 5)).isEqualTo(4);
    }

    @Test
    void agreesWithACharByCharScanOnRandomTexts() {
        Random random = new Random(14);
        String alphabet = "abcxyz .-\u00e9";
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            int len = random.nextInt(60);
            StringBuilder b = new StringBuilder();
            int spaceEvery = 2 + random.nextInt(12);
            for (int k = 0; k < len; k++) {
                b.append(random.nextInt(spaceEvery) == 0 ? alphabet.charAt(6 + random.nextInt(4))
                        : alphabet.charAt(random.nextInt(6)));
            }
            String s = b.toString();
            int min = 1 + random.nextInt(10);
            int expected = naive(s, min);
            found += expected >= 0 ? 1 : 0;
            assertThat(LongRuns.next(s, 0, LETTERS, min)).as("%s, min %d", s, min).isEqualTo(expected);
        }
        assertThat(found).isGreaterThan(1000);
    }

    private static int naive(String s, int min) {
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && s.charAt(j) < 128 && LETTERS[s.charAt(j)]) {
                j++;
            }
            if (j - i >= min) {
                return i;
            }
            i = j + 1;
        }
        return -1;
    }
}
