package dev.aiguardian.guards.bias;

import java.util.Arrays;

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
        if (!regex.startsWith("\\b")) {
            return null;
        }
        String s = regex.substring(2);
        boolean[] letters = new boolean[128];
        if (!s.startsWith("(")) {
            return letter(s, 0, letters) ? letters : null;
        }
        int k;
        if (s.startsWith("(?:")) {
            k = 3;
        } else if (s.startsWith("(?")) {
            return null; // a look-around or flag group: the first letter is not simply readable
        } else {
            k = 1;
        }
        if (!letter(s, k, letters)) {
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
                    return k + 1 < s.length() && "?*{".indexOf(s.charAt(k + 1)) >= 0 ? null : letters;
                }
                depth--;
            } else if (c == '|' && depth == 0 && !letter(s, k + 1, letters)) {
                return null;
            }
        }
        return null;
    }

    /** Records the letter at {@code k} if it is a plain ASCII letter that no quantifier makes optional. */
    private static boolean letter(String s, int k, boolean[] letters) {
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
        letters[Character.toLowerCase(c)] = true;
        return true;
    }

    /** The index of the ']' closing the character class opened at {@code open}, or -1. */
    private static int classEnd(String s, int open) {
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
     * The places in a text where some pattern could begin, found in one pass shared by all patterns:
     * {@code at[k]} opens a word and its character folds to {@code letter[k]}, an ASCII letter, or is a
     * surrogate ({@code letter[k] == 0}), which is left to the regex itself.
     */
    record Openings(int[] at, char[] letter, int count) {
        /** Whether a pattern with these first letters could match at opening {@code k}. */
        boolean fits(int k, boolean[] letters) {
            char c = letter[k];
            return c == 0 || letters[c];
        }
    }

    /**
     * The fold is the one java.util.regex applies under CASE_INSENSITIVE | UNICODE_CASE, so "İ" or
     * "ı" still count as "i"; a character after an ASCII word character is skipped, as \b cannot hold there.
     */
    static Openings openings(CharSequence text) {
        int n = text.length();
        int[] at = new int[Math.max(16, n / 4)];
        char[] letter = new char[at.length];
        int count = 0;
        for (int p = 0; p < n; p++) {
            char c = text.charAt(p);
            if (p > 0 && isAsciiWordChar(text.charAt(p - 1))) {
                continue;
            }
            int folded;
            if (Character.isSurrogate(c)) {
                folded = 0;
            } else {
                folded = c < 128 ? Character.toLowerCase(c) : Character.toLowerCase(Character.toUpperCase(c));
                if (!(folded >= 'a' && folded <= 'z')) {
                    continue;
                }
            }
            if (count == at.length) {
                at = Arrays.copyOf(at, count * 2);
                letter = Arrays.copyOf(letter, count * 2);
            }
            at[count] = p;
            letter[count] = (char) folded;
            count++;
        }
        return new Openings(at, letter, count);
    }

    private static boolean isAsciiWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
