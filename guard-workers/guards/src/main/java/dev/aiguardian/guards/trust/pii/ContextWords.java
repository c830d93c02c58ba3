package dev.aiguardian.guards.trust.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lower-case words that name a kind of personal data ("card", "phone"...), grouped by first char, and the test
 * whether one occurs just before a match. Built once per list, so a test reads each char of its window once and
 * compares only the words that start with it, instead of every word at every position.
 */
final class ContextWords {
    private final String[] words;
    // ASCII first char -> the words starting with it; words starting beyond ASCII never match an ASCII window
    private final String[][] byFirst = new String[128][];

    private ContextWords(String... words) {
        this.words = words.clone();
        List<List<String>> lists = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            lists.add(new ArrayList<>());
        }
        for (String w : words) {
            if (w.charAt(0) < 128) {
                lists.get(w.charAt(0)).add(w);
            }
        }
        for (int c = 0; c < 128; c++) {
            if (!lists.get(c).isEmpty()) {
                byFirst[c] = lists.get(c).toArray(String[]::new);
            }
        }
    }

    static ContextWords of(String... words) {
        return new ContextWords(words);
    }

    /** Whether one of the words occurs, in any case, in {@code s[from, to)}. */
    boolean occursIn(String s, int from, int to) {
        if (isAscii(s, from, to)) {
            // an ASCII window's root lower case is A-Z shifted and nothing else: compared in place, with no copy
            for (int i = from; i < to; i++) {
                char c = asciiLower(s.charAt(i));
                String[] starting = byFirst[c];
                if (starting != null) {
                    for (String w : starting) {
                        if (matchesLowered(s, i, to, w)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
        String window = s.substring(from, to).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (window.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether the ASCII {@code s[i, to)}, lower-cased, starts with {@code w} (whose first char is known to match). */
    private static boolean matchesLowered(String s, int i, int to, String w) {
        int len = w.length();
        if (i + len > to) {
            return false;
        }
        for (int k = 1; k < len; k++) {
            if (asciiLower(s.charAt(i + k)) != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
