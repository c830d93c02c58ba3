package dev.aiguardian.guards.tokens.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.testing.LinearScaling;
import dev.aiguardian.guards.tokens.TokenCounter;

/** 1 MB pieces (one letter, one long word, one run of spaces or punctuation) cost about eight 128 KB ones. */
class BytePairEncodingLinearTimeTest {
    private static final TokenCounter COUNTER = new TokenCounter();

    @Test
    void longPiecesScaleLinearlyInBothEncodings() {
        String word = randomWord(new Random(14), LinearScaling.MEGABYTE);
        StringBuilder report = new StringBuilder();
        for (TokenCounter.Bpe bpe : TokenCounter.Bpe.values()) {
            BytePairEncoding encoding = COUNTER.encoding(bpe);
            report.append(bpe.wireName()).append('\n');
            report.append(LinearScaling.assertLinear("one letter", n -> "a".repeat(n), encoding::countOrdinary)).append('\n');
            report.append(LinearScaling.assertLinear("one long word", n -> word.substring(0, n), encoding::countOrdinary))
                    .append('\n');
            report.append(LinearScaling.assertLinear("spaces", n -> " ".repeat(n), encoding::countOrdinary)).append('\n');
            report.append(LinearScaling.assertLinear("punctuation", n -> LinearScaling.repeat("=-*", n),
                    encoding::encodeOrdinary)).append('\n');
        }
        System.out.print(report);
    }

    @Test
    void aLongPieceMergesAsAShortOneWould() {
        // "ab" repeated: the same bytes cut into many short pieces by spaces merge into the same tokens each.
        BytePairEncoding cl = COUNTER.encoding(TokenCounter.Bpe.CL100K_BASE);
        String longWord = "ab".repeat(PieceMerger.SCAN_LIMIT);
        int[] ids = cl.encodeOrdinary(longWord);
        assertThat(cl.decode(ids, 0, ids.length)).isEqualTo(longWord);
        assertThat(ids.length).isBetween(2, longWord.length() / 2);
    }

    private static String randomWord(Random random, int length) {
        char[] letters = new char[length];
        for (int i = 0; i < length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }
}
