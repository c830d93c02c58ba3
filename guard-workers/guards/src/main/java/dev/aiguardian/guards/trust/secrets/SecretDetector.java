package dev.aiguardian.guards.trust.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.aiguardian.guards.text.LongRuns;
import dev.aiguardian.guards.trust.Finding;
import dev.aiguardian.guards.trust.Mask;
import dev.aiguardian.guards.text.NextOf;
import dev.aiguardian.guards.trust.normalize.TextView;

/**
 * Secrets: provider tokens with fixed shapes (AWS, GitHub, GitLab, Slack, Stripe, OpenAI,
 * Google), private-key blocks, JWTs, connection strings with passwords, {@code password=} /
 * {@code api_key:} assignments and high-entropy strings. Hand-written scanners with bounded
 * look-around: linear in the text. Placeholders and configured safe strings are not reported.
 */
public final class SecretDetector {
    public static final String CATEGORY = "secret";

    private static final int MAX_TOKEN = 1024;
    private static final int MIN_ENTROPY_LEN = 24;
    private static final String[] KEY_WORDS = {"password", "passwd", "pwd", "passphrase", "secret", "apikey",
        "accesskey", "secretkey", "privatekey", "token", "authtoken", "accesstoken", "refreshtoken", "clientsecret",
        "apisecret", "credential", "credentials", "authkey", "signingkey", "encryptionkey", "masterkey", "accountkey",
        "pass"};
    private static final Set<String> DB_SCHEMES = Set.of("postgres", "postgresql", "mysql", "mariadb", "mongodb",
            "mongodb+srv", "redis", "rediss", "amqp", "amqps", "mssql", "sqlserver", "oracle", "db2", "cockroachdb",
            "clickhouse", "snowflake", "neo4j", "bolt", "couchbase", "cassandra", "ldap", "ldaps", "smtp", "smtps",
            "ftp", "sftp", "ftps", "kafka", "nats", "mqtt", "jdbc");

    private final Set<String> safeStrings;

    public SecretDetector(Set<String> safeStrings) {
        this.safeStrings = safeStrings;
    }

    /**
     * Scans {@code view}. {@code readableEncoded} holds original spans of base64/hex runs that
     * decoded to readable text: those are encodings, not random keys, and skip the entropy test.
     */
    public List<Finding> scan(TextView view, String original, List<int[]> readableEncoded) {
        List<Finding> out = new ArrayList<>();
        String s = view.text();
        List<int[]> skip = new ArrayList<>(readableEncoded);
        privateKeys(view, s, out, skip);
        readableEncoded = skip;
        connectionStrings(view, s, out);
        tokens(view, s, original, readableEncoded, out);
        assignments(view, s, out);
        Credentials.scan(s, (a, b, type, score, why) -> {
            String value = s.substring(a, b);
            if (isLiteralSecret(value, true)) {
                add(view, a, b, type, score, Mask.secret(value, 0), why, out);
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- fixed-shape tokens

    /** The characters of a token as an ASCII table: tokens() asks about every character of the text. */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.~";
        for (int k = 0; k < chars.length(); k++) {
            TOKEN_CHARS[chars.charAt(k)] = true;
        }
    }

    /** Shortest run of token chars that can be classified: 16 chars with at most two '=' of padding after it. */
    private static final int MIN_TOKEN_RUN = 14;

    private static boolean isTokenChar(char c) {
        return c < 128 && TOKEN_CHARS[c];
    }

    private void tokens(TextView view, String s, String original, List<int[]> readableEncoded, List<Finding> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            // a run shorter than MIN_TOKEN_RUN cannot reach 16 chars even with its padding: those are skipped unread
            i = LongRuns.next(s, i, TOKEN_CHARS, MIN_TOKEN_RUN);
            if (i < 0) {
                break;
            }
            int a = i;
            while (i < n && isTokenChar(s.charAt(i)) && i - a < MAX_TOKEN) {
                i++;
            }
            int b = i;
            while (b < n && b - i < 2 && s.charAt(b) == '=') {
                b++; // base64 padding
            }
            int end = b;
            i = Math.max(i, b);
            // Sentence punctuation around a token is not part of it.
            int ta = a;
            int tb = end;
            while (ta < tb && (s.charAt(ta) == '.' || s.charAt(ta) == '/' || s.charAt(ta) == '-')) {
                ta++;
            }
            while (tb > ta && (s.charAt(tb - 1) == '.' || s.charAt(tb - 1) == '-' || s.charAt(tb - 1) == '/')) {
                tb--;
            }
            if (tb - ta >= 16) {
                classify(view, s, ta, tb, original, readableEncoded, out);
            }
        }
    }

    private void classify(TextView view, String s, int a, int b, String original, List<int[]> readableEncoded,
            List<Finding> out) {
        String t = s.substring(a, b);
        if (safeStrings.contains(t) || Placeholders.isPlaceholder(t)) {
            return;
        }
        int len = t.length();
        if (len == 20 && (t.startsWith("AKIA") || t.startsWith("ASIA") || t.startsWith("ABIA") || t.startsWith("ACCA"))
                && allUpperAlnum(t)) {
            add(view, a, b, "aws_access_key_id", 0.95, Mask.secret(t, 4),
                    "AWS access key id (AKIA/ASIA prefix, 20 chars)", out);
            return;
        }
        ProviderTokens.Match provider = ProviderTokens.match(t);
        if (provider != null) {
            if (provider.refuted() || Placeholders.isFixtureBody(t, provider.format().prefix().length())) {
                return; // the provider's own checksum says no such token was ever issued
            }
            ProviderTokens.Format f = provider.format();
            add(view, a, b, f.type(), f.score(), Mask.secret(t, f.prefix().length()),
                    f.name() + " (" + f.prefix() + " prefix" + (f.crc() ? ", checksum verified" : "") + ")", out);
            return;
        }
        if (isTelegramBotToken(s, a, t)) {
            add(view, a, b, "telegram_bot_token", 0.9, Mask.secret(t, 0), "Telegram bot token (bot id:AA...)", out);
            return;
        }
        if (t.startsWith("xox") && len >= 24 && len > 4 && "baprse".indexOf(t.charAt(3)) >= 0 && t.charAt(4) == '-') {
            add(view, a, b, "slack_token", 0.95, Mask.secret(t, 5), "Slack API token (xox" + t.charAt(3) + "- prefix)",
                    out);
            return;
        }
        int hooks = t.indexOf("hooks.slack.com/services/");
        if (hooks >= 0 && len - hooks > 40) {
            add(view, a, b, "slack_webhook", 0.9, "hooks.slack.com/services/" + "********",
                    "Slack incoming-webhook URL (anyone holding it can post)", out);
            return;
        }
        if ((t.startsWith("sk_live_") || t.startsWith("rk_live_") || t.startsWith("sk_test_") || t.startsWith("rk_test_"))
                && len >= 24 && alnumFrom(t, 8)) {
            boolean live = t.contains("_live_");
            add(view, a, b, "stripe_key", live ? 0.97 : 0.8, Mask.secret(t, 8),
                    "Stripe " + (live ? "live" : "test") + " secret key", out);
            return;
        }
        if (t.startsWith("whsec_") && len >= 30) {
            add(view, a, b, "stripe_key", 0.9, Mask.secret(t, 6), "Stripe webhook signing secret", out);
            return;
        }
        if (t.startsWith("sk-ant-") && len >= 40) {
            add(view, a, b, "anthropic_key", 0.95, Mask.secret(t, 7), "Anthropic API key", out);
            return;
        }
        if (t.startsWith("sk-") && len >= 32 && openAiBody(t)) {
            add(view, a, b, "openai_key", 0.95, Mask.secret(t, 3), "OpenAI-style API key (sk- prefix)", out);
            return;
        }
        if (t.startsWith("AIza") && len == 39) {
            add(view, a, b, "google_api_key", 0.9, Mask.secret(t, 4), "Google API key (AIza prefix)", out);
            return;
        }
        if (t.startsWith("eyJ") && isJwt(t)) {
            add(view, a, b, "jwt", 0.8, Mask.secret(t, 3), "JSON Web Token (base64url header.payload.signature)",
                    out);
            return;
        }
        if (len == 40 && isBase64Body(t) && mixed(t) && nearWord(s, a, 80, "aws", "secret")) {
            add(view, a, b, "aws_secret_access_key", 0.9, Mask.secret(t, 0),
                    "AWS secret access key (40 base64 chars next to an AWS/secret label)", out);
            return;
        }
        entropy(view, s, a, b, t, original, readableEncoded, out);
    }

    private void entropy(TextView view, String s, int a, int b, String t, String original,
            List<int[]> readableEncoded, List<Finding> out) {
        int len = t.length();
        if (len < MIN_ENTROPY_LEN || t.indexOf('.') >= 0 || t.indexOf('~') >= 0 || !isBase64Body(t)) {
            return;
        }
        int oa = view.originalStart(a);
        for (int[] r : readableEncoded) {
            if (oa >= r[0] && oa < r[1]) {
                return;
            }
        }
        if (NotSecrets.isBenign(s, a, t)) {
            return;
        }
        boolean hex = isHex(t);
        boolean context = nearWord(s, a, 40, "key", "secret", "token", "password", "credential", "auth", "bearer");
        if (hex) {
            // Commit ids, checksums and UUIDs are hex too: only report hex next to a secret label.
            if (!context || len < 32) {
                return;
            }
        } else {
            if (!mixed(t) || slashPath(t)) {
                return;
            }
            if (Entropy.shannon(t) < Entropy.threshold(len)) {
                return;
            }
        }
        add(view, a, b, "high_entropy_string", context ? 0.7 : 0.5, Mask.secret(t, 0),
                String.format(Locale.ROOT, "Random-looking %d-char string (%.2f bits/char)%s", len,
                        Entropy.shannon(t), context ? " next to a secret label" : ""), out);
    }

    /** "123456789:AA…": a bot id, a colon and 35 base64url chars starting with "AA". */
    private static boolean isTelegramBotToken(String s, int a, String t) {
        if (t.length() != 35 || !t.startsWith("AA") || a < 9 || s.charAt(a - 1) != ':') {
            return false;
        }
        int d = a - 1;
        while (d > 0 && a - 1 - d < 11 && Character.isDigit(s.charAt(d - 1))) {
            d--;
        }
        return a - 1 - d >= 8 && (d == 0 || !Character.isLetterOrDigit(s.charAt(d - 1)));
    }

    // ---------------------------------------------------------------- private keys

    /** PEM private keys are reported; public keys and certificates go to {@code publicBlocks} (not secrets). */
    private void privateKeys(TextView view, String s, List<Finding> out, List<int[]> publicBlocks) {
        if (s.indexOf("-----BEGIN ") < 0) {
            return;
        }
        // All END markers up front, walked with one pointer: no rescanning, so linear in the text.
        List<Integer> ends = new ArrayList<>();
        for (int e = s.indexOf("-----END "); e >= 0; e = s.indexOf("-----END ", e + 9)) {
            ends.add(e);
        }
        int endIdx = 0;
        int from = 0;
        for (int at; (at = s.indexOf("-----BEGIN ", from)) >= 0; ) {
            int headerEnd = indexOfWithin(s, "-----", at + 11, 80);
            if (headerEnd < 0 || headerEnd - at > 80) {
                from = at + 11;
                continue;
            }
            String label = s.substring(at + 11, headerEnd);
            from = headerEnd + 5;
            while (endIdx < ends.size() && ends.get(endIdx) < from) {
                endIdx++;
            }
            int nextEnd = endIdx < ends.size() ? ends.get(endIdx) : -1;
            if (!label.contains("PRIVATE KEY")) {
                int endMarker = nextEnd;
                int stop = endMarker >= 0 && endMarker - from < 20_000 ? endMarker : Math.min(s.length(), from + 4096);
                publicBlocks.add(view.toOriginal(at, Math.max(at + 1, stop)));
                continue;
            }
            int endMarker = nextEnd;
            int end;
            if (endMarker >= 0 && endMarker - from < 20_000) {
                int close = indexOfWithin(s, "-----", endMarker + 9, 80);
                end = close >= 0 && close - endMarker < 80 ? close + 5 : endMarker + 9;
            } else {
                // Truncated block: take the base64 body that follows.
                end = from;
                while (end < s.length() && end - from < 20_000 && (isBase64Char(s.charAt(end)) || s.charAt(end) == '\n'
                        || s.charAt(end) == '\r' || s.charAt(end) == ' ')) {
                    end++;
                }
            }
            add(view, at, end, "private_key", 0.99, "-----BEGIN " + label + "----- ******** (" + (end - at) + " chars)",
                    "PEM private key block (" + label.toLowerCase(Locale.ROOT) + ")", out);
            from = end;
        }
    }

    // ---------------------------------------------------------------- connection strings

    private void connectionStrings(TextView view, String s, List<Finding> out) {
        int from = 0;
        for (int at; (at = s.indexOf("://", from)) >= 0; from = Math.max(from, at + 3)) {
            int sb = at;
            while (sb > 0 && at - sb < 20 && (Character.isLetterOrDigit(s.charAt(sb - 1)) || s.charAt(sb - 1) == '+'
                    || s.charAt(sb - 1) == '.' || s.charAt(sb - 1) == '-')) {
                sb--;
            }
            String scheme = s.substring(sb, at).toLowerCase(Locale.ROOT);
            if (scheme.isEmpty()) {
                continue;
            }
            int p = at + 3;
            int colon = -1;
            int atSign = -1;
            // userinfo ends at the last '@' before the path; bounded to keep the scan linear
            for (int k = p; k < s.length() && k - p < 256; k++) {
                char c = s.charAt(k);
                // '#' and '?' are illegal in userinfo but real passwords contain them unescaped
                if (c == '/' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>') {
                    break;
                }
                if (c == ':' && colon < 0 && atSign < 0) {
                    colon = k;
                }
                if (c == '@') {
                    atSign = k;
                }
            }
            if (colon < 0 || atSign < 0 || colon > atSign || atSign - colon < 2) {
                continue;
            }
            String user = s.substring(p, colon);
            String password = s.substring(colon + 1, atSign);
            if (Placeholders.isPlaceholder(password) || safeStrings.contains(password) || password.equals(user)) {
                continue;
            }
            int hostEnd = atSign + 1;
            while (hostEnd < s.length() && hostEnd - atSign < 256 && !Character.isWhitespace(s.charAt(hostEnd))
                    && "/?#\"'<>,;".indexOf(s.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            String host = s.substring(atSign + 1, hostEnd);
            from = hostEnd; // continue after this URL: no char is scanned twice
            boolean db = DB_SCHEMES.contains(scheme) || scheme.startsWith("jdbc") || scheme.contains("+");
            String masked = scheme + "://" + user + ":********@" + host;
            if (db) {
                add(view, colon + 1, atSign, "connection_string", 0.9, masked,
                        "Connection string with an embedded password (" + scheme + ")", out);
            } else {
                add(view, colon + 1, atSign, "url_password", 0.85, masked, "Password embedded in a " + scheme + " URL",
                        out);
            }
        }
    }

    // ---------------------------------------------------------------- assignments

    /**
     * {@code key = value} in its many syntaxes: {@code =}, {@code :}, Go and Makefile {@code :=},
     * {@code ?=}, {@code +=}, PHP {@code .=}, {@code "key", "value"} calls ({@code setProperty},
     * {@code put}), XML {@code <password>…</password>} and {@code key="…" value="…"}, a Kubernetes
     * {@code name:}/{@code value:} pair, typed declarations ({@code var x string = …}).
     */
    private void assignments(TextView view, String s, List<Finding> out) {
        int n = s.length();
        // an assignment hangs on one of these operator chars: jump from one to the next
        NextOf next = new NextOf(s, '=', ':', '>', ',');
        for (int i = 0; i < n; i++) {
            i = next.from(i);
            if (i < 0) {
                break;
            }
            char c = s.charAt(i);
            int op = i; // first char of the operator
            if (c == ',') {
                // only "key", "value": a closed string literal before, an opening quote after
                if (i == 0 || !isQuote(s.charAt(i - 1)) || !quoteFollows(s, i + 1)) {
                    continue;
                }
            } else if (c == '>') {
                if (!xmlOpenTagEnds(s, i)) {
                    continue;
                }
            } else {
                // "==", "=>", "::", "://": comparisons, arrows, scopes and schemes
                if (i + 1 < n && (s.charAt(i + 1) == '=' || s.charAt(i + 1) == '>' || s.charAt(i + 1) == ':'
                        || (c == ':' && s.charAt(i + 1) == '/'))) {
                    continue;
                }
                char prev = i > 0 ? s.charAt(i - 1) : ' ';
                if (c == '=' && ":?+.".indexOf(prev) >= 0 && i > 1 && s.charAt(i - 2) != prev) {
                    op = i - 1; // :=  ?=  +=  .=
                } else if ("=!<>:".indexOf(prev) >= 0) {
                    continue;
                }
            }
            int k = op - 1;
            while (k >= 0 && op - k < 5 && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\''
                    || s.charAt(k) == '\t' || s.charAt(k) == ']')) {
                k--;
            }
            int keyEnd = k + 1;
            int keyStart = keyStartBefore(s, keyEnd);
            if (keyEnd - keyStart < 3 || keyEnd - keyStart > 48
                    || "dtyneslrhgDTYNESLRHG".indexOf(s.charAt(keyEnd - 1)) < 0) {
                continue; // cheap reject: every key word, "auth", "value" and type word ends in one of these
            }
            String key = compactKey(s, keyStart, keyEnd);
            if (TYPE_WORDS.contains(key)) {
                // var apiSecret string = "…", apiKey: String = "…": the name is before the type
                int e = keyStart;
                while (e > 0 && keyStart - e < 3 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == ':')) {
                    e--;
                }
                keyEnd = e;
                keyStart = keyStartBefore(s, keyEnd);
                if (keyEnd - keyStart < 3) {
                    continue;
                }
                key = compactKey(s, keyStart, keyEnd);
            }
            if (key.equals("value")) {
                String named = namedKey(s, keyStart);
                if (named == null) {
                    continue;
                }
                key = named;
            }
            String keyWord = keyWord(key, s.substring(keyStart, keyEnd));
            if (keyWord == null) {
                continue;
            }
            int end = value(view, s, i + 1, c == '>', keyWord, s.substring(keyStart, keyEnd), out);
            if (end > i) {
                i = end;
            }
        }
    }

    /** Words that are types, not names: the key is the identifier before them. */
    private static final Set<String> TYPE_WORDS = Set.of("string", "str", "char", "bytes", "byte", "final", "const");

    private static int keyStartBefore(String s, int keyEnd) {
        int k = keyEnd - 1;
        while (k >= 0 && keyEnd - k <= 48 && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_'
                || s.charAt(k) == '-' || s.charAt(k) == '.')) {
            k--;
        }
        return k + 1;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean quoteFollows(String s, int from) {
        int k = from;
        while (k < s.length() && k - from < 3 && s.charAt(k) == ' ') {
            k++;
        }
        return k < s.length() && isQuote(s.charAt(k));
    }

    /** {@code '>'} at {@code i} closes an opening tag {@code <name>} with no attributes. */
    private static boolean xmlOpenTagEnds(String s, int i) {
        int k = i - 1;
        while (k >= 0 && i - k <= 48 && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_'
                || s.charAt(k) == '-' || s.charAt(k) == '.' || s.charAt(k) == ':')) {
            k--;
        }
        return k >= 0 && k < i - 1 && s.charAt(k) == '<';
    }

    /**
     * For a {@code value} key: the name it belongs to, from {@code key="…"}/{@code name="…"} in the
     * same XML tag or a {@code name: …} just before (Kubernetes env lists); null if none.
     */
    private static String namedKey(String s, int valueAt) {
        int from = Math.max(0, valueAt - 120);
        String before = s.substring(from, valueAt);
        int lt = before.lastIndexOf('<');
        if (lt >= 0 && before.indexOf('>', lt) >= 0) {
            return null;
        }
        String scope = lt >= 0 ? before.substring(lt) : before;
        for (String attr : new String[] {"key=", "name=", "name:", "key:"}) {
            int at = scope.lastIndexOf(attr);
            if (at >= 0) {
                int v = at + attr.length();
                while (v < scope.length() && (scope.charAt(v) == ' ' || isQuote(scope.charAt(v)))) {
                    v++;
                }
                int e = v;
                while (e < scope.length() && (Character.isLetterOrDigit(scope.charAt(e)) || scope.charAt(e) == '_'
                        || scope.charAt(e) == '-' || scope.charAt(e) == '.')) {
                    e++;
                }
                return e > v ? compactKey(scope, v, e) : null;
            }
        }
        return null;
    }

    /**
     * Reads the value starting after the operator at {@code from} (quoted, or up to a delimiter; an
     * XML element's text up to {@code <}), reports it if it is a literal secret, and returns where
     * it ends (or -1).
     */
    private int value(TextView view, String s, int from, boolean xml, String keyWord, String keyText,
            List<Finding> out) {
        int n = s.length();
        int v = from;
        while (v < n && v - from < 4 && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
            v++;
        }
        if (v >= n) {
            return -1;
        }
        char q = s.charAt(v);
        boolean quoted = !xml && isQuote(q);
        int vs = quoted ? v + 1 : v;
        int ve = vs;
        while (ve < n && ve - vs < 256) {
            char d = s.charAt(ve);
            if (xml ? d == '<' || d == '\n'
                    : quoted ? d == q || d == '\n'
                    : Character.isWhitespace(d) || d == ',' || d == ')' || d == '"' || d == '\'' || d == '}'
                            || d == ']' || d == '<' || ((d == '&' || d == ';') && nextIsParameter(s, ve + 1))) {
                break;
            }
            ve++;
        }
        if (xml && !(ve + 1 < n && s.charAt(ve) == '<' && s.charAt(ve + 1) == '/')) {
            return -1;
        }
        // a value ending a sentence or statement: "my password is: Tr0ub4dor&3." drops the full stop
        while (!quoted && ve > vs && (s.charAt(ve - 1) == '.' || s.charAt(ve - 1) == ';' || s.charAt(ve - 1) == '&')) {
            ve--;
        }
        String value = s.substring(vs, ve);
        if (keyWord.equals("auth")) {
            return basicAuthValue(view, s, vs, ve, value, out) ? ve : -1;
        }
        if (!isLiteralSecret(value, quoted)) {
            return -1;
        }
        boolean isPassword = keyWord.startsWith("pass") || keyWord.equals("pwd");
        double score = Entropy.shannon(value) >= 3.0 ? 0.85 : 0.75;
        add(view, vs, ve, isPassword ? "password_assignment" : "secret_assignment", score, Mask.secret(value, 0),
                "Literal value assigned to '" + keyText + "'", out);
        return ve;
    }

    /** After a '&' or ';' inside an unquoted value: does "name=" follow (a next parameter), or the line end? */
    private static boolean nextIsParameter(String s, int from) {
        int k = from;
        while (k < s.length() && k - from < 32 && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_'
                || s.charAt(k) == '.' || s.charAt(k) == '-')) {
            k++;
        }
        return k >= s.length() || s.charAt(k) == '=' || s.charAt(k) == '\n' || s.charAt(k) == ' ' || k == from;
    }

    /** A docker {@code "auth"} value or a Basic header: base64 of {@code user:password}. */
    private boolean basicAuthValue(TextView view, String s, int vs, int ve, String value, List<Finding> out) {
        String[] up = Credentials.decodeBasic(value);
        if (up == null || up[1].length() < 4 || Placeholders.isPlaceholder(up[1]) || up[1].equals(up[0])
                || safeStrings.contains(up[1])) {
            return false;
        }
        add(view, vs, ve, "basic_auth", 0.9, Mask.secret(value, 0),
                "Base64 user:password credentials (HTTP Basic / registry auth)", out);
        return true;
    }

    private static String compactKey(String s, int a, int b) {
        StringBuilder k = new StringBuilder(b - a);
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                k.append(Character.toLowerCase(c));
            }
        }
        return k.toString();
    }

    /** Keys that end like a secret's name but hold public or one-time values. */
    private static final String[] NOT_SECRET_KEYS = {"csrf", "xsrf", "nonce", "tokenizer", "verification",
        "authenticity"};

    static String keyWord(String key, String raw) {
        if (key.isEmpty()) {
            return null;
        }
        if (key.equals("auth")) {
            return "auth"; // only a base64 user:password value counts, see basicAuthValue
        }
        // Every key word ends in one of these letters: rejects most keys without 22 endsWith calls.
        char last = key.charAt(key.length() - 1);
        if ("dtyneslr".indexOf(last) < 0) {
            return null;
        }
        for (String w : KEY_WORDS) {
            if (key.endsWith(w)) {
                // "bypass", "compass", "tokenpass"... only "pass" alone or after a separator: DB_PASS, smtp.pass
                if (w.equals("pass") && !(key.equals("pass") || separatorBefore(raw, 4) || key.endsWith("dbpass")
                        || key.endsWith("userpass") || key.endsWith("rootpass") || key.endsWith("adminpass"))) {
                    continue;
                }
                // asked only of a key that names a secret (few do), not of every key that ends in one of the letters
                return notSecretKey(key) ? null : w;
            }
        }
        return null;
    }

    private static boolean notSecretKey(String key) {
        for (String bad : NOT_SECRET_KEYS) {
            if (key.contains(bad)) {
                return true;
            }
        }
        return false;
    }

    private static boolean separatorBefore(String raw, int suffix) {
        int at = raw.length() - suffix - 1;
        return at >= 0 && (raw.charAt(at) == '_' || raw.charAt(at) == '-' || raw.charAt(at) == '.');
    }

    private boolean isLiteralSecret(String value, boolean quoted) {
        if (value.length() < 6 || value.length() > 256 || Placeholders.isPlaceholder(value)
                || safeStrings.contains(value)) {
            return false;
        }
        if (!quoted) {
            // Code that names a secret without holding it: os.environ["X"], getPassword(), config.apiKey,
            // DB_PASSWORD, process.env.TOKEN
            if (value.indexOf('(') >= 0 || value.indexOf('[') >= 0) {
                return false;
            }
            if (isIdentifierPath(value) || isConstantName(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierPath(String v) {
        if (v.indexOf('.') < 0) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetter(c) || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isConstantName(String v) {
        boolean underscore = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '_') {
                underscore = true;
            } else if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return underscore;
    }

    // ---------------------------------------------------------------- helpers

    private static void add(TextView view, int a, int b, String type, double score, String evidence,
            String explanation, List<Finding> out) {
        int[] span = view.toOriginal(a, b);
        out.add(new Finding(type, CATEGORY, span[0], span[1], score, evidence, explanation));
    }

    private static boolean allUpperAlnum(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnumFrom(String t, int from) {
        for (int i = from; i < t.length(); i++) {
            if (!Character.isLetterOrDigit(t.charAt(i)) && t.charAt(i) != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean openAiBody(String t) {
        int digits = 0;
        int letters = 0;
        for (int i = 3; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            } else if (c != '-' && c != '_') {
                return false;
            }
        }
        return digits >= 2 && letters >= 10;
    }

    private static boolean isJwt(String t) {
        int d1 = t.indexOf('.');
        int d2 = d1 < 0 ? -1 : t.indexOf('.', d1 + 1);
        if (d1 < 10 || d2 < 0 || t.indexOf('.', d2 + 1) >= 0 || d2 - d1 < 10) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(stripPad(t.substring(0, d1))),
                    java.nio.charset.StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"") && t.substring(d1 + 1).startsWith("eyJ");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripPad(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == '=') {
            e--;
        }
        return s.substring(0, e);
    }

    private static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=' || c == '-' || c == '_';
    }

    private static boolean isBase64Body(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (!isBase64Char(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Upper, lower and digits all present: keys are, words and identifiers rarely are. */
    private static boolean mixed(String t) {
        boolean u = false;
        boolean l = false;
        boolean d = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            u |= c >= 'A' && c <= 'Z';
            l |= c >= 'a' && c <= 'z';
            d |= c >= '0' && c <= '9';
        }
        return u && l && d;
    }

    /** "src/main/java/Foo" and similar paths: several '/'-separated parts. */
    private static boolean slashPath(String t) {
        int slashes = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '/') {
                slashes++;
            }
        }
        return slashes >= 3;
    }

    /** {@code s.indexOf(needle, from)} looking at most {@code limit} chars ahead, or -1: keeps scans bounded. */
    static int indexOfWithin(String s, String needle, int from, int limit) {
        int last = Math.min(s.length() - needle.length(), from + limit);
        for (int i = Math.max(0, from); i <= last; i++) {
            if (s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /** True if one of {@code words} (lower case) occurs in the {@code window} chars before {@code at}. */
    static boolean nearWord(String s, int at, int window, String... words) {
        int from = Math.max(0, at - window);
        String before = s.substring(from, at).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (before.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
