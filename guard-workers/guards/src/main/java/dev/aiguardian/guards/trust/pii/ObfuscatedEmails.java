package dev.aiguardian.guards.trust.pii;

import java.util.Locale;
import java.util.Set;

/**
 * E-mail addresses written to get past filters: {@code jane [at] mail [dot] com},
 * {@code jane(at)mail(dot)de}, {@code jane AT mail DOT org}, {@code jane at mail dot com}. A
 * bracketed "at" may be followed by a real dot; a bare "at" needs an obfuscated dot and a known
 * top-level domain, so "look at google.com" stays prose. Starts only at an "at" marker: linear.
 */
final class ObfuscatedEmails {

    interface Sink {
        void found(int start, int end, String value);
    }

    /** Top-level domains accepted after a bare " at ": the common generic ones and country codes. */
    private static final Set<String> TLDS = Set.of("com", "org", "net", "edu", "gov", "io", "co", "de", "uk", "fr",
            "es", "it", "nl", "pl", "cz", "ch", "at", "be", "se", "no", "dk", "fi", "pt", "ru", "jp", "cn", "in", "br",
            "au", "ca", "us", "mx", "info", "biz", "me", "dev", "app", "ai", "eu");

    private ObfuscatedEmails() {
    }

    static void scan(String s, Sink sink) {
        // no lower-case copy of the text: "at" is matched in either case where it stands
        for (int i = 1; i + 2 < s.length(); i++) {
            char a = s.charAt(i);
            if ((a != 'a' && a != 'A') || (s.charAt(i + 1) != 't' && s.charAt(i + 1) != 'T')) {
                continue;
            }
            char open = s.charAt(i - 1);
            char close = s.charAt(i + 2);
            boolean bracket = CLOSE.indexOf(close) >= 0 && OPEN.indexOf(open) == CLOSE.indexOf(close);
            boolean bare = open == ' ' && close == ' ' && (s.startsWith("at", i) || s.startsWith("AT", i));
            if (!bracket && !bare) {
                continue;
            }
            int localEnd = i - 1;
            if (bracket && localEnd > 0 && s.charAt(localEnd - 1) == ' ') {
                localEnd--;
            }
            int ls = localEnd;
            while (ls > 0 && localEnd - ls < 64 && isLocal(s.charAt(ls - 1))) {
                ls--;
            }
            int p = i + 3;
            if (bracket && p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
            if (localEnd - ls < 1 || p >= s.length()) {
                continue;
            }
            int labels = 0;
            boolean obfuscatedDot = false;
            int lastStart = p;
            int end = p;
            while (p < s.length() && p - i < 128) {
                int le = p;
                while (le < s.length() && le - p < 63 && isLabel(s.charAt(le))) {
                    le++;
                }
                if (le == p) {
                    break;
                }
                labels++;
                lastStart = p;
                end = le;
                int dot = dotLength(s, le, bare);
                if (dot <= 0 || le + dot >= s.length() || !isLabel(s.charAt(le + dot))) {
                    break;
                }
                obfuscatedDot |= dot > 1;
                p = le + dot;
            }
            String tld = s.substring(lastStart, end);
            if (labels < 2 || tld.length() < 2 || !allLetters(tld)) {
                continue;
            }
            if (bare && !(obfuscatedDot && TLDS.contains(tld.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (!bare || obfuscatedDot) {
                sink.found(ls, end, s.substring(ls, end));
            }
            i = end;
        }
    }

    private static final String OPEN = "[({<";
    private static final String CLOSE = "])}>";

    /** Length of a dot marker at {@code at}: ".", "[dot]"/"(dot)" with optional spaces, or a bare " dot "; 0 if none. */
    private static int dotLength(String s, int at, boolean bare) {
        if (at < s.length() && s.charAt(at) == '.') {
            return 1;
        }
        int k = at;
        if (k < s.length() && s.charAt(k) == ' ') {
            k++;
        }
        if (k + 5 <= s.length() && OPEN.indexOf(s.charAt(k)) >= 0 && s.regionMatches(true, k + 1, "dot", 0, 3)
                && CLOSE.indexOf(s.charAt(k + 4)) == OPEN.indexOf(s.charAt(k))) {
            k += 5;
            if (k < s.length() && s.charAt(k) == ' ') {
                k++;
            }
            return k - at;
        }
        if (bare && (s.startsWith(" dot ", at) || s.startsWith(" DOT ", at))) {
            return 5;
        }
        return 0;
    }

    private static boolean isLocal(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+';
    }

    private static boolean isLabel(char c) {
        return Character.isLetterOrDigit(c) || c == '-';
    }

    private static boolean allLetters(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isLetter(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
