package dev.aiguardian.guards.trust.urls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.aiguardian.guards.trust.Finding;
import dev.aiguardian.guards.trust.TrustGuardConfig;
import dev.aiguardian.guards.trust.normalize.Homoglyphs;
import dev.aiguardian.guards.trust.normalize.TextView;
import dev.aiguardian.guards.trust.pii.IpAddresses;

/**
 * Suspicious links: IP-literal hosts, punycode and mixed-script (homoglyph) domains, domains
 * staged in subdomains or spelt with look-alike characters, link shorteners, credentials or a
 * decoy domain before '@', links whose displayed domain is not their target, and
 * {@code javascript:} / {@code data:} URLs. Ordinary links and links to the configured own
 * domains are not reported.
 */
public final class UrlDetector {
    public static final String CATEGORY = "url";

    private static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd",
            "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "bl.ink", "s.id", "t.ly",
            "v.gd", "lnkd.in", "shorte.st", "adf.ly", "bitly.com", "tiny.one", "qrco.de", "x.co", "soo.gd", "clck.ru");

    private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "hxxp", "hxxps", "ftp", "ws", "wss");

    private final TrustGuardConfig config;

    public UrlDetector(TrustGuardConfig config) {
        this.config = config;
    }

    public List<Finding> scan(TextView view) {
        List<Finding> out = new ArrayList<>();
        String s = view.text();
        int from = 0;
        for (int at; (at = s.indexOf("://", from)) >= 0; ) {
            // URLs do not nest: continue after this one, so each char is scanned once
            from = Math.max(at + 3, hierarchical(view, s, at, out));
        }
        if (s.indexOf(':') >= 0) {
            pseudoSchemes(view, s, out);
        }
        if (s.contains("](") || s.contains("<a ") || s.contains("<A ")) {
            displayed(view, s, out);
        }
        return out;
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '|';
    }

    /** Checks the URL around "://" at {@code at}; returns where it ends. */
    private int hierarchical(TextView view, String s, int at, List<Finding> out) {
        int sb = at;
        while (sb > 0 && at - sb < 20 && (Character.isLetterOrDigit(s.charAt(sb - 1)) || s.charAt(sb - 1) == '+'
                || s.charAt(sb - 1) == '.' || s.charAt(sb - 1) == '-')) {
            sb--;
        }
        if (sb == at) {
            return at + 3;
        }
        String scheme = s.substring(sb, at).toLowerCase(Locale.ROOT);
        if (!WEB_SCHEMES.contains(scheme)) {
            return at + 3; // database and other connection strings are the secrets detector's business
        }
        int p = at + 3;
        int end = p;
        while (end < s.length() && end - p < 4096 && !endsUrl(s.charAt(end))) {
            end++;
        }
        while (end > p && ".,;:!?)]}".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end <= p) {
            return at + 3;
        }
        int authEnd = p;
        if (s.charAt(p) == '[') {
            int close = s.lastIndexOf(']', end - 1); // within this URL only: bounded by end
            authEnd = close > p ? close + 1 : end;
        }
        while (authEnd < end && "/?#".indexOf(s.charAt(authEnd)) < 0) {
            authEnd++;
        }
        String authority = s.substring(p, authEnd);
        int atSign = authority.lastIndexOf('@');
        String userinfo = atSign >= 0 ? authority.substring(0, atSign) : "";
        String hostPort = atSign >= 0 ? authority.substring(atSign + 1) : authority;
        String host = hostPort;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(0, close + 1) : host;
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        String hostLower = host.toLowerCase(Locale.ROOT);
        if (hostLower.isEmpty() || config.isOwnDomain(hostLower)) {
            return end;
        }
        String url = s.substring(sb, end);
        List<String> reasons = new ArrayList<>();
        double score = 0;
        String type = null;
        if (!userinfo.isEmpty()) {
            int colon = userinfo.indexOf(':');
            if (colon >= 0 && colon < userinfo.length() - 1) {
                score = Math.max(score, 0.8);
                type = type == null ? "url_credentials" : type;
                reasons.add("credentials embedded before '@'");
                url = s.substring(sb, p) + userinfo.substring(0, colon) + ":********@" + s.substring(p + atSign + 1, end);
            } else if (userinfo.indexOf('.') >= 0) {
                score = Math.max(score, 0.85);
                type = type == null ? "deceptive_userinfo" : type;
                reasons.add("'" + userinfo + "@' makes the link look like it goes to " + userinfo);
            }
        }
        if (v4OrNumeric(host)) {
            int[] v4 = IpAddresses.parseV4(host);
            boolean local = hostLower.equals("[::1]") || (v4 != null && (IpAddresses.isLocalV4(v4)
                    || IpAddresses.isPrivateV4(v4)));
            double ipScore = local ? 0.3 : 0.7;
            if (ipScore > score) {
                score = ipScore;
                type = "ip_literal_host";
            }
            reasons.add(local ? "private/loopback IP address as host" : "raw IP address instead of a domain name");
        }
        if (hostLower.startsWith("xn--") || hostLower.contains(".xn--")) {
            if (0.7 > score) {
                score = 0.7;
                type = "punycode_domain";
            }
            reasons.add("punycode (xn--) domain, may render as look-alike letters");
        }
        String script = scriptProblem(host);
        if (script != null) {
            score = Math.max(score, 0.9);
            type = "mixed_script_domain";
            reasons.add(script);
        }
        if (SHORTENERS.contains(hostLower) || (hostLower.startsWith("www.") && SHORTENERS.contains(hostLower.substring(4)))) {
            if (0.6 > score) {
                score = 0.6;
                type = "url_shortener";
            }
            reasons.add("link shortener hides the destination");
        }
        String deceptive = v4OrNumeric(host) ? null : DeceptiveHost.problem(hostLower);
        if (deceptive != null && 0.75 > score) {
            score = 0.75;
            type = "deceptive_domain";
            reasons.add(deceptive);
        }
        if (type == null) {
            return end;
        }
        int[] span = view.toOriginal(sb, end);
        out.add(new Finding(type, CATEGORY, span[0], span[1], score, url, "Suspicious " + scheme + " link: "
                + String.join("; ", reasons)));
        return end;
    }

    private static boolean v4OrNumeric(String host) {
        return host.startsWith("[") || IpAddresses.parseV4(host) != null || numericHost(host);
    }

    private void displayed(TextView view, String s, List<Finding> out) {
        for (DisplayedLinks.Mismatch m : DisplayedLinks.scan(s)) {
            if (config.isOwnDomain(m.actual())) {
                continue;
            }
            int[] span = view.toOriginal(m.start(), m.end());
            String ev = s.substring(m.start(), m.end());
            out.add(new Finding("link_text_mismatch", CATEGORY, span[0], span[1], 0.8,
                    ev.length() > 120 ? ev.substring(0, 120) + "…" : ev,
                    "the link shows " + m.shown() + " but goes to " + m.actual()));
        }
    }

    /** http://3232235777/ and http://0xC0A80001/: IPs written as one number to dodge filters. */
    private static boolean numericHost(String host) {
        if (host.length() < 8) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int from = h.startsWith("0x") ? 2 : 0;
        for (int i = from; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), from == 2 ? 16 : 10) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Why a non-ASCII host is deceptive, or null: Latin mixed with Cyrillic/Greek, or all look-alikes. */
    static String scriptProblem(String host) {
        boolean nonAscii = false;
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80) {
                nonAscii = true;
                break;
            }
        }
        if (!nonAscii) {
            return null;
        }
        for (String label : host.split("\\.")) {
            boolean latin = false;
            boolean other = false;
            boolean allConfusable = true;
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c < 0x80) {
                    latin |= Character.isLetter(c);
                } else if (Character.isLetter(c)) {
                    Character.UnicodeScript sc = Character.UnicodeScript.of(c);
                    if (sc == Character.UnicodeScript.CYRILLIC || sc == Character.UnicodeScript.GREEK) {
                        other = true;
                    }
                    if (!Homoglyphs.isConfusable(c)) {
                        allConfusable = false;
                    }
                }
            }
            if (latin && other) {
                return "domain label '" + label + "' mixes Latin with Cyrillic/Greek letters";
            }
            if (other && allConfusable) {
                return "domain label '" + label + "' is made of Cyrillic/Greek look-alikes of Latin letters";
            }
        }
        return null;
    }

    /**
     * Whether some ':' follows "javascript", "vbscript" or "data" in any case. Where the lower-case copy
     * keeps the text's length (else the scan below gives up anyway), no other characters lower-case to
     * these letters, so this finds every place the scan below would look at.
     */
    private static boolean schemeBeforeColon(String s) {
        for (int c = s.indexOf(':'); c >= 0; c = s.indexOf(':', c + 1)) {
            if (endsWithIgnoreCase(s, c, "data") || endsWithIgnoreCase(s, c, "vbscript")
                    || endsWithIgnoreCase(s, c, "javascript")) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithIgnoreCase(String s, int end, String word) {
        return end >= word.length() && s.regionMatches(true, end - word.length(), word, 0, word.length());
    }

    /** javascript:, vbscript: and data: URLs, which run code or hide content. */
    private void pseudoSchemes(TextView view, String s, List<Finding> out) {
        if (!schemeBeforeColon(s)) {
            return; // the usual case, without a lower-case copy of the whole text
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.length() != s.length()) {
            return;
        }
        for (String scheme : new String[] {"javascript:", "vbscript:", "data:"}) {
            int from = 0;
            for (int at; (at = lower.indexOf(scheme, from)) >= 0; ) {
                int end = at + scheme.length();
                while (end < s.length() && end - at < 4096 && !endsUrl(s.charAt(end))) {
                    end++;
                }
                from = Math.max(at + scheme.length(), end); // each char scanned once
                if (at > 0 && Character.isLetterOrDigit(lower.charAt(at - 1))) {
                    continue;
                }
                String body = lower.substring(at + scheme.length(), end);
                double score;
                String type;
                String why;
                if (scheme.equals("data:")) {
                    int slash = body.indexOf('/');
                    if (slash <= 0 || !body.substring(0, slash).chars().allMatch(Character::isLetter)) {
                        continue; // "data: 12 rows" is prose
                    }
                    boolean active = body.startsWith("text/html") || body.startsWith("application/")
                            || body.startsWith("image/svg") || body.startsWith("text/javascript");
                    score = active ? 0.85 : 0.5;
                    type = "data_uri";
                    why = active ? "data: URL with active content (" + body.substring(0, body.indexOf(';') > 0
                            ? Math.min(body.indexOf(';'), 40) : Math.min(body.length(), 40)) + ")"
                            : "data: URL embeds hidden content";
                } else {
                    if (body.isBlank()) {
                        continue;
                    }
                    score = 0.9;
                    type = "script_uri";
                    why = scheme + " URL runs code when clicked";
                }
                int[] span = view.toOriginal(at, end);
                String ev = s.substring(at, end);
                out.add(new Finding(type, CATEGORY, span[0], span[1], score,
                        ev.length() > 120 ? ev.substring(0, 120) + "…" : ev, why));
            }
        }
    }
}
