package dev.aiguardian.guards.trust.urls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Markdown {@code [text](href)} and HTML {@code <a href="…">text</a>} links whose text shows one
 * domain while the link goes to another: the reader trusts what is displayed.
 */
final class DisplayedLinks {
    /** A link whose displayed domain is not where it goes; offsets into the scanned text. */
    record Mismatch(int start, int end, String shown, String actual) {
    }

    private static final int MAX_TEXT = 300;

    private DisplayedLinks() {
    }

    static List<Mismatch> scan(String s) {
        List<Mismatch> out = new ArrayList<>();
        markdown(s, out);
        html(s, out);
        return out;
    }

    private static void markdown(String s, List<Mismatch> out) {
        int from = 0;
        for (int mid; (mid = s.indexOf("](", from)) >= 0; ) {
            from = mid + 2;
            int open = -1;
            for (int i = mid - 1; i >= 0 && mid - i <= MAX_TEXT && s.charAt(i) != '\n' && s.charAt(i) != ']'; i--) {
                if (s.charAt(i) == '[') {
                    open = i;
                    break;
                }
            }
            int close = s.indexOf(')', mid + 2);
            if (open < 0 || close < 0 || close - mid > 4096) {
                continue;
            }
            check(s.substring(open + 1, mid), s.substring(mid + 2, close), open, close + 1, out);
            from = close + 1;
        }
    }

    private static void html(String s, List<Mismatch> out) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.length() != s.length()) {
            return;
        }
        int from = 0;
        for (int a; (a = lower.indexOf("<a ", from)) >= 0; ) {
            from = a + 3;
            int tagEnd = lower.indexOf('>', a);
            int closeTag = tagEnd < 0 ? -1 : lower.indexOf("</a>", tagEnd);
            if (closeTag < 0 || closeTag - tagEnd > MAX_TEXT) {
                continue;
            }
            int href = lower.indexOf("href=", a);
            if (href < 0 || href > tagEnd || href + 6 > tagEnd) {
                continue;
            }
            char quote = s.charAt(href + 5);
            int valueStart = quote == '"' || quote == '\'' ? href + 6 : href + 5;
            int valueEnd = valueStart;
            while (valueEnd < tagEnd && s.charAt(valueEnd) != quote && !Character.isWhitespace(s.charAt(valueEnd))) {
                valueEnd++;
            }
            check(s.substring(tagEnd + 1, closeTag), s.substring(valueStart, valueEnd), a, closeTag + 4, out);
            from = closeTag + 4;
        }
    }

    private static void check(String text, String href, int start, int end, List<Mismatch> out) {
        String shown = domainOf(text.trim(), false);
        String actual = domainOf(href.trim(), true);
        if (shown == null || actual == null) {
            return;
        }
        // the link may go deeper into the domain it shows (docs.x.com for x.com), never elsewhere
        if (!actual.equals(shown) && !actual.endsWith("." + shown)) {
            out.add(new Mismatch(start, end, shown, actual));
        }
    }

    /** The host a piece of text names, without "www.", or null when it names none. */
    static String domainOf(String text, boolean needScheme) {
        String t = text.toLowerCase(Locale.ROOT);
        int scheme = t.indexOf("://");
        if (scheme >= 0) {
            for (int i = 0; i < scheme; i++) {
                if (!Character.isLetter(t.charAt(i))) {
                    return null;
                }
            }
            t = t.substring(scheme + 3);
        } else if (needScheme) {
            return null;
        }
        int end = 0;
        while (end < t.length() && "/?#".indexOf(t.charAt(end)) < 0) {
            end++;
        }
        String host = t.substring(0, end);
        host = host.substring(host.lastIndexOf('@') + 1);
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        host = host.startsWith("www.") ? host.substring(4) : host;
        int dot = host.lastIndexOf('.');
        if (dot <= 0 || dot == host.length() - 1) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
                return null; // prose such as "Open in GitHub" or "RFC 3986" names no host
            }
        }
        for (int i = dot + 1; i < host.length(); i++) {
            if (!Character.isLetter(host.charAt(i))) {
                return null; // "version 1.2" is not a domain
            }
        }
        return host;
    }
}
