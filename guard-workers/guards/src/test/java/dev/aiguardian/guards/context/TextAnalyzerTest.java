package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
    private static final TextAnalyzer ANALYZER = new TextAnalyzer();

    /** The words as the analyzer read them with a regex before its hand-written scan: the reference. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Set<String> STOP_WORDS = Set.copyOf(TextAnalyzer.wordList("/context/stopwords.txt"));

    private static List<TextAnalyzer.Word> byRegex(String text) {
        List<TextAnalyzer.Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            int apos = Math.max(w.indexOf('\''), w.indexOf('’'));
            if (apos > 0) {
                w = w.substring(0, apos);
            }
            if (w.length() < 2 || STOP_WORDS.contains(w) || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String stem = TextAnalyzer.stem(w);
            if (!STOP_WORDS.contains(stem)) {
                out.add(new TextAnalyzer.Word(w, stem));
            }
        }
        return out;
    }

    @Test
    void readsContentWordsAndStems() {
        assertThat(ANALYZER.words("The dog's bowls were baking in 2024, weren't they? Ⅻ chapters!"))
                .extracting(TextAnalyzer.Word::stem)
                .containsExactly("dog", "bowl", "bak", "xii", "chapter"); // NFKC reads Ⅻ as XII
    }

    @Test
    void apostropheLettersBelongToTheWordBefore() {
        String text = "rock'n'roll o’clock l'été 4'11 can'";
        assertThat(ANALYZER.words(text)).extracting(TextAnalyzer.Word::surface)
                // "n", "clock" and "été" follow an apostrophe and go with it; "o", "l" and "4" are too short, "11" a
                // number and "can" a stop-word
                .containsExactly("rock", "roll")
                .isEqualTo(byRegex(text).stream().map(TextAnalyzer.Word::surface).toList());
    }

    @Test
    void sameWordsAsTheRegexOnSeededMixtures() {
        // Letters and numbers of several scripts (supplementary ones too), apostrophes, separators, fullwidth and
        // compatibility forms that NFKC changes, and upper case that lower-casing lengthens.
        String[] pieces = {"a", "Z", "é", "ß", "İ", "ǅ", "Ω", "ж", "中", "ア", "٣", "Ⅻ", "½", "²", "𝐀", "𐐀", "😀",
            "Ａ", "ﬁ", "'", "’", " ", "-", ".", "\n", "\t", "_", "0", "7", "dog", "it's", "Baking", "ingly", "’s",
            "\u0301", "\u200b", "\ud800", "\udc00"};
        Random random = new Random(20261202);
        for (int round = 0; round < 4_000; round++) {
            StringBuilder b = new StringBuilder();
            int parts = 1 + random.nextInt(24);
            for (int p = 0; p < parts; p++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            assertThat(ANALYZER.words(text)).as("words of %s", text).isEqualTo(byRegex(text));
        }
    }
}
