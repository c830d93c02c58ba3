package dev.aiguardian.guards.bias;

/**
 * The letters every match of a word-bounded hostility pattern must begin with, read off the pattern's
 * source, so that the detector tries a pattern only where such a letter opens a word instead of at every
 * character. Anything it cannot read with certainty yields null, and the caller then scans as before.
 */
final class PatternStarts {
    private PatternStarts() {
    }

    /**
     * Case-folded first letters (indexed by ASCII code) of every match of {@code regex}, or null when the
     * pattern is not {@code \b} followed by a mandatory letter or by a group whose every alternative opens
     * with a mandatory letter.
     */
    static boolean[] of(String regex) {
        Starts starts = read(regex);
        return starts == null ? null : starts.letters();
    }

    /**
     * What a match must open with: {@code letters} as in {@link #of}, and per first letter ({@code 'a'..'z'}
     * minus {@code 'a'}) the letters that must follow it as a bit set, with {@link #ANY_SECOND} set where an
     * alternative's second character is not a plain mandatory letter ("i(?:'ll|...)", "i\\s+").
     */
    record Starts(boolean[] letters, long[] seconds) {
    }

    /** In {@link Starts#seconds()}: some alternative opening with this letter may go on with anything. */
    static final long ANY_SECOND = 1L << 26;

    /** The start letters and letter pairs of {@code regex}, or null where {@link #of} is null. */
    static Starts read(String regex) {
        if (!regex.startsWith("\\b")) {
            return null;
        }
        String s = regex.substring(2);
        boolean[] letters = new boolean[128];
        long[] seconds = new long[26];
        if (!s.startsWith("(")) {
            return letter(s, 0, letters, seconds) ? new Starts(letters, seconds) : null;
        }
        int k;
        if (s.startsWith("(?:")) {
            k = 3;
        } else if (s.startsWith("(?")) {
            return null; // a look-around or flag group: the first letter is not simply readable
        } else {
            k = 1;
        }
        if (!letter(s, k, letters, seconds)) {
            return null;
        }
        int depth = 0;
        for (; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                k = classEnd(s, k);
                if (k < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    // An optional group ("(a|b)?x") may match nothing, so x could open the match.
                    return k + 1 < s.length() && "?*{".indexOf(s.charAt(k + 1)) >= 0 ? null : new Starts(letters, seconds);
                }
                depth--;
            } else if (c == '|' && depth == 0 && !letter(s, k + 1, letters, seconds)) {
                return null;
            }
        }
        return null;
    }

    /**
     * Records the letter at {@code k} if it is a plain ASCII letter that no quantifier makes optional, with the
     * letter after it when that one is just as plain (else {@link #ANY_SECOND}).
     */
    private static boolean letter(String s, int k, boolean[] letters, long[] seconds) {
        if (k >= s.length()) {
            return false;
        }
        char c = s.charAt(k);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
            return false;
        }
        if (k + 1 < s.length() && "?*{".indexOf(s.charAt(k + 1)) >= 0) {
            return false;
        }
        char first = Character.toLowerCase(c);
        letters[first] = true;
        char next = k + 1 < s.length() ? s.charAt(k + 1) : 0;
        boolean plain = (next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z')
                && !(k + 2 < s.length() && "?*{".indexOf(s.charAt(k + 2)) >= 0);
        seconds[first - 'a'] |= plain ? 1L << (Character.toLowerCase(next) - 'a') : ANY_SECOND;
        return true;
    }

    /** The index of the ']' closing the character class opened at {@code open}, or -1 (also read by {@link PatternPrefixes}). */
    static int classEnd(String s, int open) {
        int k = open + 1;
        if (k < s.length() && s.charAt(k) == '^') {
            k++;
        }
        if (k < s.length() && s.charAt(k) == ']') {
            k++; // a leading ']' is literal
        }
        for (; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                return -1; // nested classes: not worth reading
            } else if (c == ']') {
                return k;
            }
        }
        return -1;
    }

    /**
     * What follows an opening letter, as the detector's candidates take it: the fold of the next character when
     * that is an ASCII letter, {@link #NOT_A_LETTER} when it is some other character of the Basic Multilingual
     * Plane, and 0 when unknown (a surrogate; the end of the text is 0 too).
     */
    static final char NOT_A_LETTER = 1;

    /** See {@link #NOT_A_LETTER}. */
    static char secondOf(char c) {
        if (Character.isSurrogate(c)) {
            return 0;
        }
        int folded = fold(c);
        return folded >= 'a' && folded <= 'z' ? (char) folded : NOT_A_LETTER;
    }

    /** The fold of {@code c} if it is an ASCII letter ('a'..'z'), else 0. */
    static char letterFold(char c) {
        int folded = fold(c);
        return folded >= 'a' && folded <= 'z' ? (char) folded : 0;
    }

    /** The case fold java.util.regex compares with under CASE_INSENSITIVE | UNICODE_CASE. */
    private static int fold(char c) {
        return c < 128 ? Character.toLowerCase(c) : Character.toLowerCase(Character.toUpperCase(c));
    }
}
