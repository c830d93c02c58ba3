package dev.aiguardian.guards.tokens.bpe;

/**
 * o200k_base's split pattern, {@link RegexSplit#O200K}, as a hand-written scan: the regex was four fifths of
 * o200k's counting time. Each step below is one alternative of the pattern, in the pattern's order, with the
 * outcome its backtracking reaches worked out in advance (see {@link #letters}).
 */
public final class O200kSplit extends ScannedSplit {
    public static final O200kSplit INSTANCE = new O200kSplit();

    // Character classes of the pattern, as bits of one code point's kind.
    /** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}], the pattern's capitalised part of a word. */
    private static final int UPPER = 1;
    /** [\p{Ll}\p{Lm}\p{Lo}\p{M}], its lower-case part: modifier and other letters and marks are in both. */
    private static final int LOWER = 2;
    /** \p{L}. Marks are in the word classes above but not letters. */
    private static final int LETTER = 4;
    /** \p{N}. */
    private static final int NUMBER = 8;
    /** \s, the White_Space property. */
    private static final int SPACE = 16;
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = (byte) (c >= 'A' && c <= 'Z' ? UPPER | LETTER : c >= 'a' && c <= 'z' ? LOWER | LETTER
                    : c >= '0' && c <= '9' ? NUMBER : 0);
        }
        for (char c : " \t\n\u000B\f\r".toCharArray()) {
            ASCII[c] = SPACE;
        }
    }

    private O200kSplit() {
    }

    @Override
    int pieceEnd(String text, int start) {
        int n = text.length();
        int c = text.codePointAt(start);
        int next = start + Character.charCount(c);
        int kind = kind(c);
        boolean prefix = c != '\r' && c != '\n' && (kind & (LETTER | NUMBER)) == 0;
        // [^\r\n\p{L}\p{N}]?[Lu Lt Lm Lo M]*[Ll Lm Lo M]+ C?  — with the optional first character, then without it
        int end = prefix && next < n ? lowerWord(text, next) : -1;
        if (end < 0) {
            end = lowerWord(text, start);
        }
        // [^\r\n\p{L}\p{N}]?[Lu Lt Lm Lo M]+[Ll Lm Lo M]* C?
        if (end < 0 && prefix && next < n) {
            end = upperWord(text, next);
        }
        if (end < 0) {
            end = upperWord(text, start);
        }
        if (end >= 0) {
            return contraction(text, end);
        }
        // \p{N}{1,3}
        if ((kind & NUMBER) != 0) {
            end = next;
            for (int k = 1; k < 3 && end < n; k++) {
                int d = text.codePointAt(end);
                if ((kind(d) & NUMBER) == 0) {
                    break;
                }
                end += Character.charCount(d);
            }
            return end;
        }
        //  ?[^\s\p{L}\p{N}]+[\r\n/]*
        int other = c == ' ' && next < n && isOther(text.codePointAt(next)) ? next : isOther(c) ? start : -1;
        if (other >= 0) {
            end = other;
            while (end < n) {
                int p = text.codePointAt(end);
                if (!isOther(p)) {
                    break;
                }
                end += Character.charCount(p);
            }
            while (end < n && (text.charAt(end) == '\r' || text.charAt(end) == '\n' || text.charAt(end) == '/')) {
                end++;
            }
            return end;
        }
        // Whitespace, all of it in the BMP: \s*[\r\n]+ | \s+(?!\S) | \s+
        int runEnd = start;
        int lastNewline = -1;
        while (runEnd < n && (kind(text.charAt(runEnd)) & SPACE) != 0) {
            char w = text.charAt(runEnd);
            if (w == '\r' || w == '\n') {
                lastNewline = runEnd;
            }
            runEnd++;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        if (runEnd == n) {
            return n;
        }
        return runEnd - start >= 2 ? runEnd - 1 : runEnd;
    }

    /**
     * Where {@code [UPPER]*[LOWER]+} matching at {@code from} ends, or -1. The greedy upper run gives characters
     * back until a lower-class character follows, so the match takes the longest upper prefix that is followed by
     * one, then the whole lower run from there.
     */
    private static int lowerWord(String text, int from) {
        int n = text.length();
        int upperEnd = from;
        int lastBoth = -1; // the last position in the upper run whose character is in both classes
        while (upperEnd < n) {
            int c = text.codePointAt(upperEnd);
            int k = kind(c);
            if ((k & UPPER) == 0) {
                break;
            }
            if ((k & LOWER) != 0) {
                lastBoth = upperEnd;
            }
            upperEnd += Character.charCount(c);
        }
        int lowerStart;
        if (upperEnd < n && (kind(text.codePointAt(upperEnd)) & LOWER) != 0) {
            lowerStart = upperEnd;
        } else if (lastBoth >= 0) {
            lowerStart = lastBoth;
        } else {
            return -1;
        }
        return run(text, lowerStart, LOWER);
    }

    /** Where {@code [UPPER]+[LOWER]*} matching at {@code from} ends, or -1. */
    private static int upperWord(String text, int from) {
        int upperEnd = run(text, from, UPPER);
        return upperEnd == from ? -1 : run(text, upperEnd, LOWER);
    }

    private static int run(String text, int from, int bits) {
        int end = from;
        while (end < text.length()) {
            int c = text.codePointAt(end);
            if ((kind(c) & bits) == 0) {
                break;
            }
            end += Character.charCount(c);
        }
        return end;
    }

    /** {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)?} at {@code at}: where the piece ends. */
    private static int contraction(String text, int at) {
        int n = text.length();
        if (at + 1 >= n || text.charAt(at) != '\'') {
            return at;
        }
        char a = text.charAt(at + 1);
        if ("stmdSTMD\u017F".indexOf(a) >= 0) {
            return at + 2;
        }
        if (at + 2 < n) {
            char x = Character.toLowerCase(a);
            char y = Character.toLowerCase(text.charAt(at + 2));
            if (x == 'r' && y == 'e' || x == 'v' && y == 'e' || x == 'l' && y == 'l') {
                return at + 3;
            }
        }
        return at;
    }

    /** [^\s\p{L}\p{N}]: marks are in it. */
    private static boolean isOther(int c) {
        return (kind(c) & (SPACE | LETTER | NUMBER)) == 0;
    }

    private static int kind(int c) {
        if (c < 128) {
            return ASCII[c];
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER:
                return UPPER | LETTER;
            case Character.LOWERCASE_LETTER:
                return LOWER | LETTER;
            case Character.MODIFIER_LETTER, Character.OTHER_LETTER:
                return UPPER | LOWER | LETTER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK:
                return UPPER | LOWER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return NUMBER;
            default:
                return isWhiteSpace(c) ? SPACE : 0;
        }
    }
}
