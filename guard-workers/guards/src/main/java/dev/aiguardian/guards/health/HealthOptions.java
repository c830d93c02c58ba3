package dev.aiguardian.guards.health;

import java.util.Locale;

import com.networknt.schema.Schema;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * HealthGuard's payload options, parsed once for {@link HealthGuard#inspect} and for checking a
 * request before it is published.
 *
 * @param minLength the shortest acceptable answer in characters ({@code min_length}), or null
 * @param maxLength the longest acceptable answer in characters ({@code max_length}), or null
 * @param format    {@code expected_format}: "text" (default) or "json"
 * @param schema    the compiled {@code json_schema}, or null
 * @param english   whether {@code language} is English (default), which enables the gibberish word check
 * @param prompt    the prompt the answer replies to ({@code prompt}), for the echo check, or null
 */
public record HealthOptions(Long minLength, Long maxLength, String format, Schema schema, boolean english,
                            String prompt) {
    // Compiled schemas are cached per checker; one shared checker serves callers without a guard instance.
    private static final JsonCheck SHARED = new JsonCheck();

    /** @throws InvalidOptionException naming the option and the fix */
    public static HealthOptions parse(GuardInput input) {
        return parse(input, SHARED);
    }

    static HealthOptions parse(GuardInput input, JsonCheck json) {
        Long min = input.longOption("min_length", 0, Integer.MAX_VALUE).orElse(null);
        Long max = input.longOption("max_length", 1, Integer.MAX_VALUE).orElse(null);
        if (min != null && max != null && min > max) {
            throw new InvalidOptionException("min_length", "(" + min + ") is above max_length (" + max
                    + "); lower min_length or raise max_length");
        }
        String format = input.stringOption("expected_format").map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("text");
        if (!format.equals("json") && !format.equals("text")) {
            throw new InvalidOptionException("expected_format", "'" + format + "' is not supported; use \"json\" or \"text\"");
        }
        Schema schema = input.option("json_schema").map(json::schema).orElse(null);
        if (schema != null && !format.equals("json")) {
            throw new InvalidOptionException("json_schema", "needs expected_format \"json\"; add it or drop json_schema");
        }
        boolean english = input.stringOption("language").map(l -> l.toLowerCase(Locale.ROOT).startsWith("en"))
                .orElse(true);
        return new HealthOptions(min, max, format, schema, english, input.stringOption("prompt").orElse(null));
    }
}
