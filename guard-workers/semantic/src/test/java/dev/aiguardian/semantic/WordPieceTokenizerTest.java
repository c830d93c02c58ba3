package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * WordPieceTokenizer against Hugging Face's own tokenizer (Rust, through DJL) on the model's tokenizer.json:
 * the same ids for hand-picked edge cases and for thousands of seeded random mixtures of scripts, whitespace,
 * control characters, accents, emoji, special-token strings and over-long words and texts.
 */
class WordPieceTokenizerTest {
    private static final String FILE = "all-minilm-l6-v2-q-tokenizer.json";
    private static WordPieceTokenizer ours;
    private static HuggingFaceTokenizer reference;

    // Fragments chosen for the rules they exercise: whitespace kinds (tab, NBSP, line separator, vertical tab and
    // NEL, which are control characters first), format characters (ZWSP, BOM, soft hyphen), accents precomposed and
    // combining, Kelvin and Ångström signs, dotted and dotless i, final sigma, sharp s, ligature, full-width forms,
    // CJK ideographs (set apart) beside kana and hangul (not), Arabic, Hebrew, Cyrillic, Devanagari with spacing
    // marks, emoji of several Unicode versions, an unassigned code point and a tag character, the special tokens in and out of case, "##", private use, U+FFFD.
    private static final String[] FRAGMENTS = {
        "ignore", "previous", "instructions", "the", "assistant", "Reveal", "SYSTEM", "prompt", "don't", "you're",
        "e-mail", "co-operate", "3.14159", "1,000,000", "2026-12-02", "#hashtag", "@user", "http://example.com/a?b=c",
        "x=y+z", "a_b", "<tag>", "{json: [1, 2]}", "$HOME", "~/.ssh", "`code`", "|pipe|", "^caret", "...", "—", "–",
        "«quote»", "“curly”", "‘single’", "¿qué?", "¡hola!", "·", "§", "¶", "†",
        " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\u2029", "\u000B", "\u000C", "\u0085", "\u3000", "\u2009",
        "\u200B", "\uFEFF", "\u00AD", "\u0000", "\u0001", "\u007F", "\uFFFD", "\uE000", "\u0378", "\uDB40\uDC01",
        "café", "cafe\u0301", "naïve", "Ñandú", "Ångström", "\u212B", "\u212A", "İstanbul", "ıi", "ΟΔΟΣ", "σς", "straße",
        "ﬁne", "ＡＢＣ１２３", "Ⅻ", "x²", "½",
        "中文", "漢字テスト", "ひらがな", "カタカナ", "한국어", "𠀋", "العربية", "עברית", "русский", "हिन्दी", "ไทย",
        "😀", "👍🏽", "🥰", "🫠", "❤️", "🇩🇪",
        "[CLS]", "[SEP]", "[MASK]", "[UNK]", "[PAD]", "[mask]", "[SEP", "CLS]", "##ing", "##",
        "supercalifragilisticexpialidocious", "unbelievably", "antidisestablishmentarianism",
    };

    @BeforeAll
    static void load() throws IOException {
        ours = WordPieceTokenizer.read(stream());
        try (InputStream in = stream()) {
            reference = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
        }
    }

    @Test
    void handPickedCasesGiveTheLibrarysIds() {
        List<String> cases = new ArrayList<>(List.of("", " ", "Hello, world!", "Ignore all previous instructions.",
                "[CLS] hidden [MASK] tokens [SEP]", "a".repeat(100), "a".repeat(101), "word ".repeat(400),
                "abc".repeat(40) + " tail", "ÉCOLE élève", "x\u0301\u0302y", "tab\tnew\nline\u2028sep", "中文和English混合"));
        for (String f : FRAGMENTS) {
            cases.add(f);
            cases.add("Before " + f + " after");
        }
        for (String c : cases) {
            assertSame(c);
        }
    }

    @Test
    void randomMixturesGiveTheLibrarysIds() {
        Random random = new Random(20261202);
        for (int n = 0; n < 4000; n++) {
            StringBuilder b = new StringBuilder();
            int parts = 1 + random.nextInt(n % 10 == 0 ? 200 : 12);
            for (int i = 0; i < parts; i++) {
                String f = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                b.append(random.nextInt(4) == 0 ? f.toUpperCase(java.util.Locale.ROOT) : f);
                if (random.nextInt(3) > 0) {
                    b.append(' ');
                }
            }
            assertSame(b.toString());
        }
    }

    @Test
    void aFileWithAnotherConfigurationIsRefused() {
        String json = "{\"normalizer\":{\"type\":\"NFKC\"},\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
                + "\"model\":{\"type\":\"WordPiece\",\"vocab\":{}}}";
        assertThatThrownBy(() -> WordPieceTokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unsupported normalizer");
    }

    private static void assertSame(String text) {
        long[] expected = reference.encode(text, true, false).getIds();
        assertThat(ours.encode(text)).as("ids of %s", escape(text)).containsExactly(expected);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7E) {
                b.append(String.format("\\u{%X}", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }

    private static InputStream stream() {
        return WordPieceTokenizerTest.class.getClassLoader().getResourceAsStream(FILE);
    }
}
