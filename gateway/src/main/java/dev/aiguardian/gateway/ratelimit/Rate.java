package dev.aiguardian.gateway.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate limit as a token bucket: at most {@code count} requests at once (the burst), refilled at
 * {@code count} per {@code period}. Written {@code 600/min}, {@code 10/s}, {@code 100/10s}, {@code 5000/h}.
 */
public record Rate(long count, Duration period) {
    private static final Pattern FORM = Pattern.compile(
            "^\\s*(\\d{1,9})\\s*/\\s*(\\d{1,6})?\\s*(s|sec|second|m|min|minute|h|hr|hour)\\s*$");
    public static final String FORMS = "a count per period such as 600/min, 10/s, 100/10s or 5000/h (or none)";

    public Rate {
        if (count < 1 || period.toMillis() < 1) {
            throw new IllegalArgumentException("a rate needs a count and a period of at least 1");
        }
    }

    /** Empty for {@code none}, {@code off} or {@code 0}; throws {@link IllegalArgumentException} for anything unreadable. */
    public static Optional<Rate> parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none") || s.equals("off") || s.equals("0")) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate; use " + FORMS);
        }
        long count = Long.parseLong(m.group(1));
        long units = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        if (count == 0) {
            return Optional.empty();
        }
        if (units == 0) {
            throw new IllegalArgumentException("'" + text + "' has a period of 0; use " + FORMS);
        }
        return Optional.of(new Rate(count, unit.multipliedBy(units)));
    }

    /** The window in whole seconds, as the {@code w} parameter of {@code RateLimit-Policy}. */
    public long windowSeconds() {
        return Math.max(1, period.toSeconds());
    }

    @Override
    public String toString() {
        return count + "/" + windowSeconds() + "s";
    }
}
