package dev.aiguardian.guards.tokens.bpe;

/**
 * cl100k_base's split pattern, {@link RegexSplit#CL100K}, as a hand-written scan: the regex engine's
 * alternation and backtracking cost more than the merging on ordinary text. Each branch below is one
 * alternative of the pattern, in the pattern's order.
 */
public final class Cl100kSplit extends ScannedSplit {
    public static final Cl100kSplit INSTANCE = new Cl100kSplit();

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = Character.isLetter(c) ? LETTER : Character.isDigit(c) ? NUMBER : OTHER;
        }
        for (char c : " \t\n\u000B\f\r".toCharArray()) {
            ASCII[c] = SPACE;
        }
    }

    private Cl100kSplit() {
    }

    @Override
    int pieceEnd(String text, int start) {
        int n = text.length();
        int c = text.codePointAt(start);
        int next = start + Character.charCount(c);
        // '(?i:[sdmt]|ll|ve|re)
        if (c == '\'' && next < n) {
            char c1 = text.charAt(next);
            if ("sdmtSDMT\u017F".indexOf(c1) >= 0) {
                return next + 1;
            }
            if (next + 1 < n && isTwoLetterContraction(c1, text.charAt(next + 1))) {
                return next + 2;
            }
        }
        byte kind = kind(c);
        // [^\r\n\p{L}\p{N}]?+\p{L}++
        if (kind == LETTER) {
            return letters(text, next);
        }
        if (kind != NUMBER && c != '\r' && c != '\n' && next < n && kind(text.codePointAt(next)) == LETTER) {
            return letters(text, next);
        }
        // \p{N}{1,3}+
        if (kind == NUMBER) {
            int end = next;
            for (int k = 1; k < 3 && end < n; k++) {
                int d = text.codePointAt(end);
                if (kind(d) != NUMBER) {
                    break;
                }
                end += Character.charCount(d);
            }
            return end;
        }
        //  ?[^\s\p{L}\p{N}]++[\r\n]*+
        int punctuation = c == ' ' && next < n && kind(text.codePointAt(next)) == OTHER ? next : kind == OTHER ? start : -1;
        if (punctuation >= 0) {
            int end = punctuation;
            while (end < n) {
                int p = text.codePointAt(end);
                if (kind(p) != OTHER) {
                    break;
                }
                end += Character.charCount(p);
            }
            while (end < n && (text.charAt(end) == '\r' || text.charAt(end) == '\n')) {
                end++;
            }
            return end;
        }
        // Whitespace, all of it in the BMP: \s++\z | \s*[\r\n] | \s+(?!\S) | \s
        int runEnd = start;
        int lastNewline = -1;
        while (runEnd < n && kind(text.charAt(runEnd)) == SPACE) {
            char w = text.charAt(runEnd);
            if (w == '\r' || w == '\n') {
                lastNewline = runEnd;
            }
            runEnd++;
        }
        if (runEnd == n) {
            return n;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        return runEnd - start >= 2 ? runEnd - 1 : start + 1;
    }

    private static int letters(String text, int from) {
        int end = from;
        while (end < text.length()) {
            int c = text.codePointAt(end);
            if (kind(c) != LETTER) {
                break;
            }
            end += Character.charCount(c);
        }
        return end;
    }

    private static boolean isTwoLetterContraction(char a, char b) {
        char x = Character.toLowerCase(a);
        char y = Character.toLowerCase(b);
        return x == 'l' && y == 'l' || x == 'v' && y == 'e' || x == 'r' && y == 'e';
    }

    // \p{L}, \p{N} and \s (Unicode White_Space, as the regex's \s is) for one code point.
    private static byte kind(int c) {
        if (c < 128) {
            return ASCII[c];
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return NUMBER;
            default:
                return isWhiteSpace(c) ? SPACE : OTHER;
        }
    }
}
