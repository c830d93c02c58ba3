package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal openings every match of a hostility pattern must start with ("i'll", "i will", "i" then
 * whitespace, "they", "those people"...), read off the pattern's source, so that the detector compares a few
 * chars before it enters the regex: most words that open with a pattern's first two letters ("in",
 * "immigrants", "the", "young") fail on the third or fourth. Only letters, spaces, apostrophes and {@code \s}
 * that no quantifier makes optional are read; anything else ends an opening there, and a pattern with an
 * alternative that has no readable opening has none (null): the caller then enters the regex as before.
 */
final class PatternPrefixes {
    /** In an opening: any char {@code \s} matches (space, tab, line feed, vertical tab, form feed, carriage return). */
    static final char WHITESPACE = 0;
    /** More openings than this and the pattern is not worth filtering. */
    private static final int MAX = 64;

    private PatternPrefixes() {
    }

    /** One opening being read: {@code open} while the chars after it may still be appended. */
    private record Opening(String chars, boolean open) {
    }

    /** The case-folded openings of {@code regex} (case-insensitive, Unicode case), or null. */
    static String[] of(String regex) {
        String s = regex.startsWith("\\b") ? regex.substring(2) : regex;
        List<Opening> openings = alternatives(s, 0, s.length());
        if (openings == null) {
            return null;
        }
        String[] out = new String[openings.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = openings.get(k).chars();
        }
        return out;
    }

    /** Whether some opening matches {@code text} at {@code p}, as the regex would compare it; true where unsure. */
    static boolean anyAt(String[] openings, CharSequence text, int p) {
        return anyAt(openings, text, p, 0);
    }

    /** The same for openings whose first {@code known} chars are known to match there. */
    static boolean anyAt(String[] openings, CharSequence text, int p, int known) {
        int n = text.length();
        for (String o : openings) {
            int k = known;
            for (; k < o.length(); k++) {
                if (p + k >= n) {
                    break;
                }
                char c = text.charAt(p + k);
                if (Character.isSurrogate(c)) {
                    return true; // the regex compares code points there: leave it to the regex
                }
                char want = o.charAt(k);
                if (want == WHITESPACE ? !(c == ' ' || c >= '\t' && c <= '\r') : fold(c) != want) {
                    break;
                }
            }
            if (k == o.length()) {
                return true;
            }
        }
        return false;
    }

    /** The case fold java.util.regex compares a literal with under CASE_INSENSITIVE | UNICODE_CASE. */
    private static int fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** The openings of the alternatives in {@code s[from, to)}, or null when one has none. */
    private static List<Opening> alternatives(String s, int from, int to) {
        List<Opening> out = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int k = from; k <= to; k++) {
            char c = k < to ? s.charAt(k) : '|';
            if (k < to && c == '\\') {
                k++;
            } else if (k < to && c == '[') {
                k = PatternStarts.classEnd(s, k);
                if (k < 0 || k >= to) {
                    return null;
                }
            } else if (k < to && c == '(') {
                depth++;
            } else if (k < to && c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                List<Opening> seq = sequence(s, start, k);
                if (seq == null) {
                    return null;
                }
                out.addAll(seq);
                if (out.size() > MAX) {
                    return null;
                }
                start = k + 1;
            }
        }
        return depth == 0 ? out : null;
    }

    /** The openings of one alternative {@code s[from, to)}: its literal start, through groups it must pass. */
    private static List<Opening> sequence(String s, int from, int to) {
        List<Opening> out = new ArrayList<>(List.of(new Opening("", true)));
        int k = from;
        for (; k < to && anyOpen(out); ) {
            char c = s.charAt(k);
            String literal;
            int next;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ' || c == '\'') {
                literal = String.valueOf((char) fold(c));
                next = k + 1;
            } else if (c == '\\' && k + 1 < to && s.charAt(k + 1) == 's') {
                literal = String.valueOf(WHITESPACE);
                next = k + 2;
            } else if (c == '(' && !(s.startsWith("(?", k) && !s.startsWith("(?:", k))) {
                int close = groupEnd(s, k, to);
                if (close < 0) {
                    break;
                }
                List<Opening> inner = alternatives(s, s.startsWith("(?:", k) ? k + 3 : k + 1, close);
                if (inner == null || optional(s, close + 1, to)) {
                    break;
                }
                boolean more = close + 1 < to && s.charAt(close + 1) == '+';
                List<Opening> joined = new ArrayList<>();
                for (Opening o : out) {
                    if (!o.open()) {
                        joined.add(o);
                        continue;
                    }
                    for (Opening i : inner) {
                        joined.add(new Opening(o.chars() + i.chars(), i.open() && !more));
                    }
                }
                if (joined.size() > MAX) {
                    break;
                }
                out = joined;
                k = close + 1;
                continue;
            } else {
                break; // a class, an escape, a wildcard, an anchor or a look-around: the opening ends here
            }
            if (optional(s, next, to)) {
                break;
            }
            boolean more = next < to && s.charAt(next) == '+';
            List<Opening> grown = new ArrayList<>(out.size());
            for (Opening o : out) {
                grown.add(o.open() ? new Opening(o.chars() + literal, !more) : o);
            }
            out = grown;
            k = next;
        }
        List<Opening> read = new ArrayList<>(out.size());
        for (Opening o : out) {
            if (o.chars().isEmpty()) {
                return null;
            }
            // Only an alternative read to its end may go on with what follows its group.
            read.add(k < to && o.open() ? new Opening(o.chars(), false) : o);
        }
        return read;
    }

    private static boolean anyOpen(List<Opening> openings) {
        for (Opening o : openings) {
            if (o.open()) {
                return true;
            }
        }
        return false;
    }

    /** A quantifier at {@code k} that lets the element before it be absent. */
    private static boolean optional(String s, int k, int to) {
        return k < to && "?*{".indexOf(s.charAt(k)) >= 0;
    }

    /** The index of the ')' closing the group opened at {@code open}, before {@code to}, or -1. */
    private static int groupEnd(String s, int open, int to) {
        int depth = 0;
        for (int k = open; k < to; k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                k = PatternStarts.classEnd(s, k);
                if (k < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }
}
