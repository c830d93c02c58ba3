package dev.aiguardian.guards.trust.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Credentials outside {@code key=value} syntax: {@code Authorization: Basic/Bearer/token} headers,
 * command-line options ({@code curl -u user:pass}, {@code --password x}, {@code --token x},
 * {@code mysql -pX}, {@code sshpass -p x}), Dockerfile {@code ENV NAME value} and prose ("my
 * password is X"). Each starts from a literal found with {@code indexOf}: linear in the text.
 */
final class Credentials {

    /** Receives a candidate value's span in the scanned text. */
    interface Sink {
        void found(int start, int end, String type, double score, String explanation);
    }

    private Credentials() {
    }

    static void scan(String s, Sink sink) {
        headers(s, sink);
        if (s.indexOf(" -") >= 0) {
            options(s, sink);
        }
        if (s.indexOf("ENV ") >= 0) {
            dockerEnv(s, sink);
        }
        if (s.indexOf(" is ") >= 0) {
            prose(s, sink);
        }
    }

    /** user:password from base64, or null. */
    static String[] decodeBasic(String b64) {
        if (b64.length() < 8 || b64.length() > 512) {
            return null;
        }
        try {
            String d = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
            int colon = d.indexOf(':');
            if (colon <= 0 || colon == d.length() - 1) {
                return null;
            }
            for (int i = 0; i < d.length(); i++) {
                if (d.charAt(i) < 0x20 || d.charAt(i) == 0xFFFD) {
                    return null;
                }
            }
            return new String[] {d.substring(0, colon), d.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------ Authorization headers

    private static void headers(String s, Sink sink) {
        // both spellings' next positions are kept, so each indexOf pass moves forward only: linear
        int lowerAt = s.indexOf("authorization");
        int upperAt = s.indexOf("Authorization");
        while (lowerAt >= 0 || upperAt >= 0) {
            int at;
            if (upperAt < 0 || (lowerAt >= 0 && lowerAt < upperAt)) {
                at = lowerAt;
                lowerAt = s.indexOf("authorization", at + 13);
            } else {
                at = upperAt;
                upperAt = s.indexOf("Authorization", at + 13);
            }
            int k = at + 13;
            int stop = Math.min(s.length(), k + 6);
            while (k < stop && (s.charAt(k) == ':' || s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\''
                    || s.charAt(k) == ',' || s.charAt(k) == '=')) {
                k++;
            }
            int schemeEnd = word(s, k);
            String scheme = s.substring(k, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("basic") && !scheme.equals("bearer") && !scheme.equals("token")) {
                continue;
            }
            int vs = schemeEnd;
            while (vs < s.length() && vs - schemeEnd < 3 && s.charAt(vs) == ' ') {
                vs++;
            }
            int ve = tokenEnd(s, vs);
            if (ve - vs < 8) {
                continue;
            }
            String value = s.substring(vs, ve);
            if (scheme.equals("basic")) {
                String[] up = decodeBasic(value);
                if (up != null && !Placeholders.isPlaceholder(up[1]) && !up[1].equals(up[0])) {
                    sink.found(vs, ve, "basic_auth", 0.9, "HTTP Basic credentials (base64 of user:password)");
                }
            } else if (ve - vs >= 16) {
                sink.found(vs, ve, "bearer_token", 0.85, "Token in an Authorization header");
            }
        }
    }

    // ------------------------------------------------------------ command lines

    private static void options(String s, Sink sink) {
        for (int at = s.indexOf(" -"); at >= 0; at = s.indexOf(" -", at + 2)) {
            int o = at + 1;
            if (s.startsWith("-u ", o) || s.startsWith("--user ", o) || s.startsWith("--user=", o)) {
                int vs = skipQuoteAndSpace(s, s.charAt(o + 1) == 'u' ? o + 3 : o + 7);
                int ve = tokenEnd(s, vs);
                int colon = s.substring(vs, ve).indexOf(':') + vs; // within the value only: bounded
                if (colon > vs && colon < ve - 1 && !allDigits(s, vs, colon) && !s.startsWith("$", vs)) {
                    String user = s.substring(vs, colon);
                    String pw = s.substring(colon + 1, ve);
                    if (!pw.startsWith("$") && !pw.equals(user)) {
                        sink.found(colon + 1, ve, "cli_password", 0.85, "Password in a user:password command-line option");
                    }
                }
                continue;
            }
            if (s.startsWith("-p", o) && o + 2 < s.length() && s.charAt(o + 2) != ' ' && s.charAt(o + 2) != '-'
                    && lineContains(s, o, "mysql")) {
                int ve = tokenEnd(s, o + 2);
                sink.found(o + 2, ve, "cli_password", 0.85, "Password glued to mysql's -p option");
                continue;
            }
            if (s.startsWith("-p ", o) && lineContains(s, o, "sshpass")) {
                int vs = skipQuoteAndSpace(s, o + 3);
                sink.found(vs, tokenEnd(s, vs), "cli_password", 0.85, "Password passed to sshpass -p");
                continue;
            }
            if (s.startsWith("--", o)) {
                int ne = o + 2;
                while (ne < s.length() && ne - o < 40 && (Character.isLetterOrDigit(s.charAt(ne)) || s.charAt(ne) == '-'
                        || s.charAt(ne) == '_')) {
                    ne++;
                }
                String raw = s.substring(o + 2, ne);
                String key = raw.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
                if (ne >= s.length() || s.charAt(ne) != ' ' || key.isEmpty()
                        || SecretDetector.keyWord(key, raw) == null) {
                    continue; // "--password=x" is an assignment, read elsewhere
                }
                int vs = ne;
                while (vs < s.length() && vs - ne < 8 && (s.charAt(vs) == ' ' || s.charAt(vs) == '<')) {
                    vs++; // "--with-token <<< value"
                }
                vs = skipQuoteAndSpace(s, vs);
                int ve = tokenEnd(s, vs);
                if (ve > vs && s.charAt(vs) != '-' && s.charAt(vs) != '$') {
                    sink.found(vs, ve, "cli_secret", 0.8, "Secret passed as the --" + raw + " option");
                }
            }
        }
    }

    // ------------------------------------------------------------ Dockerfile ENV NAME value

    private static void dockerEnv(String s, Sink sink) {
        for (int at = s.indexOf("ENV "); at >= 0; at = s.indexOf("ENV ", at + 4)) {
            if (at > 0 && s.charAt(at - 1) != '\n') {
                continue;
            }
            int ks = at + 4;
            int ke = ks;
            while (ke < s.length() && ke - ks < 48 && (Character.isLetterOrDigit(s.charAt(ke)) || s.charAt(ke) == '_')) {
                ke++;
            }
            if (ke >= s.length() || s.charAt(ke) != ' ' || ke == ks) {
                continue; // "ENV NAME=value" is an assignment, read elsewhere
            }
            String raw = s.substring(ks, ke);
            if (SecretDetector.keyWord(raw.replace("_", "").toLowerCase(Locale.ROOT), raw) == null) {
                continue;
            }
            int vs = skipQuoteAndSpace(s, ke + 1);
            int ve = tokenEnd(s, vs);
            if (ve > vs && s.charAt(vs) != '$') {
                sink.found(vs, ve, "secret_assignment", 0.8, "Literal value set for '" + raw + "' in a Dockerfile ENV");
            }
        }
    }

    // ------------------------------------------------------------ "my password is X"

    private static void prose(String s, Sink sink) {
        for (int at = s.indexOf(" is "); at >= 0; at = s.indexOf(" is ", at + 4)) {
            int ks = at;
            while (ks > 0 && at - ks < 24 && Character.isLetter(s.charAt(ks - 1))) {
                ks--;
            }
            String raw = s.substring(ks, at);
            String key = raw.toLowerCase(Locale.ROOT);
            if (!(key.equals("password") || key.equals("passphrase") || key.equals("passcode") || key.equals("pin")
                    || key.equals("pwd"))) {
                continue;
            }
            int vs = skipQuoteAndSpace(s, at + 4);
            int ve = tokenEnd(s, vs);
            while (ve > vs && ".,;!?".indexOf(s.charAt(ve - 1)) >= 0) {
                ve--;
            }
            if (looksLikePassword(s, vs, ve)) {
                sink.found(vs, ve, "password_assignment", 0.8, "A password stated in prose");
            }
        }
    }

    /** Six or more chars mixing letters with digits or symbols: not a word ("stored", "required"). */
    private static boolean looksLikePassword(String s, int a, int b) {
        if (b - a < 6 || b - a > 64) {
            return false;
        }
        boolean letter = false;
        boolean other = false;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else {
                other = true;
            }
        }
        return letter && other;
    }

    // ------------------------------------------------------------ helpers

    private static int word(String s, int from) {
        int k = from;
        while (k < s.length() && k - from < 16 && Character.isLetter(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static int skipQuoteAndSpace(String s, int from) {
        int k = from;
        while (k < s.length() && k - from < 3 && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\'')) {
            k++;
        }
        return k;
    }

    /** End of a command-line or header value: whitespace, a quote or a bracket ends it. */
    private static int tokenEnd(String s, int from) {
        int k = from;
        while (k < s.length() && k - from < 512) {
            char c = s.charAt(k);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == ')' || c == '}' || c == ']'
                    || c == ',') {
                break;
            }
            k++;
        }
        return k;
    }

    private static boolean allDigits(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True if the line before {@code at} (at most 200 chars back) contains {@code word}. */
    private static boolean lineContains(String s, int at, String word) {
        int from = at;
        while (from > 0 && at - from < 200 && s.charAt(from - 1) != '\n') {
            from--; // bounded walk: lastIndexOf('\n') would rescan the whole text on every call
        }
        return s.substring(from, at).contains(word);
    }
}
