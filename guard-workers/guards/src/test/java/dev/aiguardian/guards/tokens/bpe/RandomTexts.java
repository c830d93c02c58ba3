package dev.aiguardian.guards.tokens.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random texts built from fragments of the kinds that BPE split patterns tell apart. */
final class RandomTexts {
    private static final String PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";
    private static final String[] WHITESPACE = {" ", "  ", "\t", "\n", "\r\n", "\n\n", " \n ", "\u00A0", "\u3000",
            "\u2003", "\u000B", "\f", "\u0085", "\u2028"};
    private static final String[] CONTRACTIONS = {"'s", "'re", "'ll", "'ve", "'d", "'m", "'t", "'S", "'LL", "'Re",
            "\u2019s", "'x"};
    private static final String[] CODE = {"if (x == 1) {\n    return y;\n}", "foo_bar(baz, 42);", "a->b", "// comment",
            "</div>", "x += 0x1F;", "def f(*args, **kw):\n\tpass", "SELECT * FROM t WHERE id=7;", "${HOME}/bin",
            "https://example.com/a/b?c=d&e=f", "<|endoftext|>", "<|fim_prefix|>", "\"\"\"doc\"\"\"", "i++;//x\r\n"};
    private static final String[] WORDS = {"hello", "world", "The", "don", "I", "naïve", "Straße", "ſ", "K",
            "résumé", "Привет", "мир", "Ελληνικά", "नमस्ते", "한국어", "こんにちは", "ＡＢＣ", "ǅ", "ﬁ"};

    private RandomTexts() {
    }

    static List<String> generate(Random random, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            int fragments = 1 + random.nextInt(30);
            for (int f = 0; f < fragments; f++) {
                fragment(random, b);
            }
            texts.add(b.toString());
        }
        return texts;
    }

    private static void fragment(Random r, StringBuilder b) {
        switch (r.nextInt(16)) {
            case 0 -> letters(r, b, 'a', 26, 1 + r.nextInt(12));
            case 1 -> letters(r, b, 'A', 26, 1 + r.nextInt(6));
            case 2 -> letters(r, b, '0', 10, 1 + r.nextInt(10));
            case 3 -> b.append(WHITESPACE[r.nextInt(WHITESPACE.length)]).append(r.nextBoolean() ? " " : "");
            case 4 -> {
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    b.append(PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length())));
                }
            }
            case 5 -> codePoints(r, b, 0x4E00, 0x5000, 1 + r.nextInt(8)); // CJK ideographs
            case 6 -> codePoints(r, b, 0x3041, 0x56, 1 + r.nextInt(6)); // hiragana
            case 7 -> emoji(r, b);
            case 8 -> { // letters with combining marks
                b.append((char) ('a' + r.nextInt(26)));
                codePoints(r, b, 0x0300, 0x70, 1 + r.nextInt(3));
            }
            case 9 -> { // Arabic letters with harakat
                for (int k = 1 + r.nextInt(6); k > 0; k--) {
                    codePoints(r, b, 0x0621, 0x2A, 1);
                    if (r.nextBoolean()) {
                        codePoints(r, b, 0x064B, 0x08, 1);
                    }
                }
            }
            case 10 -> b.append(CONTRACTIONS[r.nextInt(CONTRACTIONS.length)]);
            case 11 -> b.append(CODE[r.nextInt(CODE.length)]);
            case 12 -> b.append(WORDS[r.nextInt(WORDS.length)]);
            case 13 -> b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
            case 14 -> veryLong(r, b);
            default -> b.append(' ').append((char) ('a' + r.nextInt(26))).append((char) ('a' + r.nextInt(26)));
        }
    }

    private static void veryLong(Random r, StringBuilder b) {
        int n = 200 + r.nextInt(1500);
        switch (r.nextInt(6)) {
            case 0 -> b.append("a".repeat(n));
            case 1 -> letters(r, b, 'a', 26, n);
            case 2 -> b.append("=".repeat(n));
            case 3 -> b.append(" ".repeat(n));
            case 4 -> b.append("ab".repeat(n / 2));
            default -> codePoints(r, b, 0x4E00, 0x40, n / 4);
        }
    }

    private static void emoji(Random r, StringBuilder b) {
        codePoints(r, b, 0x1F300, 0x150, 1);
        switch (r.nextInt(4)) {
            case 0 -> codePoints(r, b, 0x1F3FB, 5, 1); // skin tone
            case 1 -> b.append("\u200D").appendCodePoint(0x1F525); // zero-width joiner sequence
            case 2 -> b.append("\uFE0F");
            default -> {
            }
        }
    }

    private static void letters(Random r, StringBuilder b, char first, int span, int n) {
        for (int k = 0; k < n; k++) {
            b.append((char) (first + r.nextInt(span)));
        }
    }

    private static void codePoints(Random r, StringBuilder b, int first, int span, int n) {
        for (int k = 0; k < n; k++) {
            b.appendCodePoint(first + r.nextInt(span));
        }
    }
}
