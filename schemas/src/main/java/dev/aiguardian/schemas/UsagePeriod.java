package dev.aiguardian.schemas;

import java.time.Instant;

/**
 * Usage summed over one calendar window (a UTC day or a UTC month).
 *
 * @param window "day" or "month"
 * @param start  first instant of the window (inclusive)
 * @param end    end of the window (exclusive)
 */
public record UsagePeriod(String window, Instant start, Instant end, long requests, long inputTokens,
        long outputTokens, long tokens, double costUsd) {

    public static final String DAY = "day";
    public static final String MONTH = "month";

    public static UsagePeriod empty() {
        return new UsagePeriod(null, null, null, 0, 0, 0, 0, 0.0);
    }

    public UsagePeriod add(UsageEvent e) {
        return new UsagePeriod(window, start, end, requests + 1, inputTokens + e.inputTokens(),
                outputTokens + e.outputTokens(), tokens + e.tokens(), costUsd + e.costUsd());
    }

    public UsagePeriod in(String windowName, Instant windowStart, Instant windowEnd) {
        return new UsagePeriod(windowName, windowStart, windowEnd, requests, inputTokens, outputTokens, tokens,
                costUsd);
    }

    /** True while {@code now} falls inside this window: outside it the usage no longer counts. */
    public boolean covers(Instant now) {
        return start != null && end != null && !now.isBefore(start) && now.isBefore(end);
    }
}
