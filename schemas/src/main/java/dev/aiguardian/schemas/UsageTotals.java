package dev.aiguardian.schemas;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The latest daily and monthly usage of one user (or session), on the compacted
 * {@code guard.usage.totals} (or {@code guard.usage.session-totals}) topic keyed by {@code id}.
 *
 * @param scope "user" or "session"
 * @param id    the user id or session id
 * @param day   the newest UTC day with usage (null before the first event)
 * @param month the newest UTC month with usage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageTotals(String scope, String id, UsagePeriod day, UsagePeriod month, Instant updatedAt) {

    public static final String USER = "user";
    public static final String SESSION = "session";

    public static UsageTotals empty(String scope, String id) {
        return new UsageTotals(scope, id, null, null, null);
    }

    /** These totals with a window's newer figures; an update of an older window than the one held is ignored. */
    public UsageTotals with(UsagePeriod period, Instant now) {
        if (UsagePeriod.DAY.equals(period.window())) {
            return day == null || !period.start().isBefore(day.start())
                    ? new UsageTotals(scope, id, period, month, now) : this;
        }
        return month == null || !period.start().isBefore(month.start())
                ? new UsageTotals(scope, id, day, period, now) : this;
    }

    /** Tokens used in the day containing {@code now}; 0 when the newest day with usage is another. */
    public long dayTokens(Instant now) {
        return day != null && day.covers(now) ? day.tokens() : 0;
    }

    public double dayCostUsd(Instant now) {
        return day != null && day.covers(now) ? day.costUsd() : 0.0;
    }

    public long monthTokens(Instant now) {
        return month != null && month.covers(now) ? month.tokens() : 0;
    }

    public double monthCostUsd(Instant now) {
        return month != null && month.covers(now) ? month.costUsd() : 0.0;
    }
}
