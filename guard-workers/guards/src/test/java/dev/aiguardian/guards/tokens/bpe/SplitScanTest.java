package dev.aiguardian.guards.tokens.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written cl100k and o200k splits cut every text exactly where the published regexes do. */
class SplitScanTest {

    private static List<String> pieces(SplitPattern split, String text) {
        List<String> out = new ArrayList<>();
        SplitPattern.Pieces p = split.pieces(text);
        while (p.next()) {
            out.add(text.substring(p.start(), p.end()));
        }
        return out;
    }

    private static List<String> differences(SplitPattern regex, SplitPattern scan, List<String> texts) {
        List<String> differences = new ArrayList<>();
        for (String text : texts) {
            List<String> expected = pieces(regex, text);
            List<String> actual = pieces(scan, text);
            if (!expected.equals(actual)) {
                differences.add(text + ": regex " + expected + ", scan " + actual);
            }
        }
        return differences;
    }

    @Test
    void cl100kSamePiecesAsTheRegexOnRandomTexts() {
        List<String> texts = new ArrayList<>(RandomTexts.generate(new Random(100), 3000));
        // Edges of the pattern's classes: contractions with the long s, Unicode spaces and separators that are not
        // White_Space, numbers that are not digits, a lone surrogate, a carriage return before punctuation.
        texts.addAll(List.of("it'ſ", "'LL'Ve're'x'", "a\u001Cb\u001F c", "x\u2028\u2028y", "Ⅻ½²³", "a\uD800b",
                "!!\r\n\r\n", " \r\n ?", "\u00A0\u00A0word", "\t\tword", "'", "' ", "  ", "a ", "12345678", "\n",
                "🌞hello", "🌞 🌞", "x\u0301y"));
        assertThat(differences(RegexSplit.CL100K, Cl100kSplit.INSTANCE, texts)).isEmpty();
    }

    @Test
    void o200kSamePiecesAsTheRegexOnRandomTexts() {
        List<String> texts = new ArrayList<>(RandomTexts.generate(new Random(200), 3000));
        // o200k's words are case-shaped: capitals then lower case, where modifier and other letters and marks
        // count as both (so the regex backtracks into the capitals); marks are not letters but are "other";
        // slashes and line ends trail punctuation; a line end anywhere in a space run ends the piece there.
        texts.addAll(List.of("DON'T", "don't", "We'LL", "it'ſ", "ABcD", "HELLOworld", "McDonald's", "日本語です",
                "ǅemal", "ʰello", "Aʰb", "ÀB\u0301c", "x\u0301y", "\u0301abc", " \u0301x", "a\u0301\u0301",
                "!\r\n/", "a/\n", "http://x/y//\n", "  \t\n\n x", " \n", "\n\n\n", "   ", "a  b", "1234567",
                "Ⅻ½²³", "a\u001Cb\u001F c", "x\u2028\u2028y", "a\uD800b", "🌞hello", "🌞 🌞", "ΑΒΓδε", "İstanbul",
                "ՙa", "Ա\u0301"));
        assertThat(differences(RegexSplit.O200K, O200kSplit.INSTANCE, texts)).isEmpty();
    }

    @Test
    void cutsAtTheAlternativesOfThePattern() {
        assertThat(pieces(Cl100kSplit.INSTANCE, "I'm here, they'll see 12345!\n\n  ok   "))
                .containsExactly("I", "'m", " here", ",", " they", "'ll", " see", " ", "123", "45", "!\n\n", " ",
                        " ok", "   ");
        assertThat(pieces(O200kSplit.INSTANCE, "I'm HERE, they'll seeMe 12345!\n\n  ok   "))
                .containsExactly("I'm", " HERE", ",", " they'll", " see", "Me", " ", "123", "45", "!\n\n", " ", " ok",
                        "   ");
    }
}
