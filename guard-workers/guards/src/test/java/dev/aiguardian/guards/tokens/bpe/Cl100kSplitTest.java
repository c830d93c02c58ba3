package dev.aiguardian.guards.tokens.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written cl100k split cuts every text exactly where the published regex does. */
class Cl100kSplitTest {

    private static List<String> pieces(SplitPattern split, String text) {
        List<String> out = new ArrayList<>();
        SplitPattern.Pieces p = split.pieces(text);
        while (p.next()) {
            out.add(text.substring(p.start(), p.end()));
        }
        return out;
    }

    @Test
    void samePiecesAsTheRegexOnRandomTexts() {
        List<String> texts = new ArrayList<>(RandomTexts.generate(new Random(100), 3000));
        // Edges of the pattern's classes: contractions with the long s, Unicode spaces and separators that are not
        // White_Space, numbers that are not digits, a lone surrogate, a carriage return before punctuation.
        texts.addAll(List.of("it'ſ", "'LL'Ve're'x'", "a\u001Cb\u001F c", "x\u2028\u2028y", "Ⅻ½²³", "a\uD800b",
                "!!\r\n\r\n", " \r\n ?", "\u00A0\u00A0word", "\t\tword", "'", "' ", "  ", "a ", "12345678", "\n",
                "🌞hello", "🌞 🌞", "x\u0301y"));
        List<String> differences = new ArrayList<>();
        for (String text : texts) {
            List<String> expected = pieces(RegexSplit.CL100K, text);
            List<String> actual = pieces(Cl100kSplit.INSTANCE, text);
            if (!expected.equals(actual)) {
                differences.add(text + ": regex " + expected + ", scan " + actual);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void cutsAtTheAlternativesOfThePattern() {
        assertThat(pieces(Cl100kSplit.INSTANCE, "I'm here, they'll see 12345!\n\n  ok   "))
                .containsExactly("I", "'m", " here", ",", " they", "'ll", " see", " ", "123", "45", "!\n\n", " ",
                        " ok", "   ");
    }
}
