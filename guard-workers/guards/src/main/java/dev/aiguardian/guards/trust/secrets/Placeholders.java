package dev.aiguardian.guards.trust.secrets;

import java.util.Locale;
import java.util.Set;

/**
 * Values that look like secrets but are documentation placeholders (AWS's AKIAIOSFODNN7EXAMPLE,
 * "changeme", "xxx", "&lt;your-key&gt;", "${DB_PASSWORD}"): reporting them would only teach users to
 * ignore the guard.
 */
public final class Placeholders {
    private static final Set<String> EXACT = Set.of("changeme", "change_me", "change-me", "changeit", "password",
            "passw0rd", "secret", "mysecret", "test", "testing", "dummy", "sample", "placeholder", "redacted", "none",
            "null", "nil", "undefined", "empty", "true", "false", "string", "str", "required", "optional", "todo",
            "tbd", "fixme", "foo", "bar", "foobar", "baz", "replaceme", "replace_me", "yourpassword", "your_password",
            "yourtoken", "your_token", "your_api_key", "yourapikey", "your-api-key", "api_key_here", "token_here",
            "secret_here", "mypassword", "my_password", "notasecret", "not-a-secret", "hidden", "masked", "example",
            "insert_key_here", "insert-key-here", "xxxxxxxx", "env", "environment", "value", "default");

    private Placeholders() {
    }

    public static boolean isPlaceholder(String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        if (v.isEmpty() || EXACT.contains(v)) {
            return true;
        }
        if (v.contains("example") || v.contains("placeholder") || v.contains("...") || v.contains("…")
                || v.contains("your_") || v.contains("your-") || v.startsWith("your") || v.contains("_here")
                || v.contains("-here") || v.contains("redacted") || v.contains("dummy") || v.contains("fake")
                || v.contains("xxxx") || v.contains("****") || v.contains("changeme") || v.contains("insert")
                || v.contains("replace") || v.contains("<") || v.contains(">")) {
            return true;
        }
        // ${VAR}, {{ var }}, %(var)s, $VAR, %VAR%: references, not values
        if (v.startsWith("$") || v.startsWith("{{") || v.startsWith("%") || v.startsWith("{") || v.startsWith("[")) {
            return true;
        }
        return sameChar(v);
    }

    /**
     * A provider-shaped token whose body after {@code prefixLength} is a fixture: one or a handful of
     * distinct characters repeated, or an alphabet run ({@code ghp_AAAA…}, {@code sk_live_0123…}).
     */
    public static boolean isFixtureBody(String token, int prefixLength) {
        String body = token.substring(prefixLength);
        if (body.length() < 8) {
            return false;
        }
        return body.chars().distinct().count() <= 4 || NotSecrets.isSequence(body);
    }

    private static boolean sameChar(String v) {
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) != v.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
