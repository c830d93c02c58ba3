package dev.aiguardian.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction of secrets in text that is printed: log lines (through the {@link ScrubSecrets}
 * rewrite policy every log4j configuration installs), start-up error lines, problem details. It hides
 * URL passwords ({@code scheme://user:***@host}), {@code password=} style settings and JAAS options,
 * and every value of a secret setting it has learnt ({@link #learn}) wherever it appears.
 */
public final class Redaction {
    static final String MASK = "***";
    /** Shorter secret values are not masked by value (too many false hits); their structure still hides them. */
    private static final int MIN_LEARNT_LENGTH = 6;
    /** Names of settings whose whole value is a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(^|_)(SECRET|SECRETS|SECRET_KEY|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_KEY|API_KEYS|JAAS_CONFIG"
                    + "|CREDENTIALS)(_|$)");
    /** Names that match {@link #SECRET_NAME} but hold no secret: where a secret lives, not what it is. */
    private static final Pattern NOT_SECRET_NAME = Pattern.compile("^AWS_SECRETS_(NAME|ENABLED|REFRESH_MS|GRACE_MS)$"
            + "|_(FILE|DIR|PATH|ENABLED)$");
    /** A URL (or one written like it) whose user information holds a password: the password, to the last {@code @}. */
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?i)([a-z][a-z0-9+.-]*://[^\\s:/@'\"<>]*):[^\\s'\"<>]*@");
    /**
     * {@code password=…}, {@code "password":"…"}, JAAS {@code password="…"}: the value (not a {@code <placeholder>}).
     * Not after a colon: {@code arn:aws:secretsmanager:…:secret:NAME} names where a secret lives.
     */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?<![a-z0-9:])(?:password|passwd|pwd|passphrase|secret|secret_key|api[_-]?key|token|sslpassword)"
                    + "\"?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,'\"}<][^\\s&;,'\"}]*)");
    /** An HTTP bearer credential. */
    private static final Pattern BEARER = Pattern.compile("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+");
    /** A whole value that is a URL: everything from the scheme to the last {@code @} may be user information. */
    private static final Pattern WHOLE_URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://.*");

    private static final Set<String> LEARNT = ConcurrentHashMap.newKeySet();
    private static volatile String[] learnt = new String[0];

    private Redaction() {
    }

    /** Hides every secret {@code text} may carry; safe on any text, idempotent. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : learnt) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        if (WHOLE_URL.matcher(out).matches()) {
            out = redactUrl(out);
        }
        if (out.indexOf("://") >= 0) {
            out = URL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        }
        Matcher bearer = BEARER.matcher(out);
        if (bearer.find()) {
            out = bearer.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        Matcher kv = KEY_VALUE.matcher(out);
        if (kv.find()) {
            out = kv.replaceAll(m -> {
                String value = m.group(2);
                char quote = value.charAt(0);
                String masked = quote == '"' || quote == '\'' ? quote + MASK + quote : MASK;
                return Matcher.quoteReplacement(m.group(1) + masked);
            });
        }
        return out;
    }

    /**
     * A value that is one URL, even one no parser accepts (a space or an {@code @} in the password): the
     * password is everything between the first {@code :} after the scheme and the last {@code @}.
     */
    private static String redactUrl(String url) {
        int start = url.indexOf("://") + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return url; // a user name only
        }
        return url.substring(0, colon + 1) + MASK + url.substring(at);
    }

    /**
     * Remembers the values of the secret settings among {@code vars} (by name: {@code *SECRET*},
     * {@code *PASSWORD*}, {@code *TOKEN*}, {@code *API_KEY*}, {@code *JAAS_CONFIG}; and the password
     * inside any URL value), so that they are masked wherever they appear, in any form of output.
     */
    public static void learn(Map<String, String> vars) {
        boolean changed = false;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (value.isEmpty()) {
                continue;
            }
            String name = e.getKey().toUpperCase(Locale.ROOT);
            if (SECRET_NAME.matcher(name).find() && !NOT_SECRET_NAME.matcher(name).find()) {
                changed |= remember(value);
            }
            String password = urlPassword(value);
            if (password != null) {
                changed |= remember(password);
            }
        }
        if (changed) {
            // Longest first: a secret that contains another is masked whole.
            learnt = LEARNT.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        }
    }

    /** Remembers one secret value (e.g. one read from a secret store), to be masked wherever it appears. */
    public static void learn(String secret) {
        if (secret != null && remember(secret.trim())) {
            learnt = LEARNT.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        }
    }

    private static boolean remember(String value) {
        return value.length() >= MIN_LEARNT_LENGTH && LEARNT.add(value);
    }

    private static String urlPassword(String value) {
        if (!WHOLE_URL.matcher(value).matches()) {
            return null;
        }
        int start = value.indexOf("://") + 3;
        int at = value.lastIndexOf('@');
        int colon = value.indexOf(':', start);
        return at > start && colon >= 0 && colon < at ? value.substring(colon + 1, at) : null;
    }
}
