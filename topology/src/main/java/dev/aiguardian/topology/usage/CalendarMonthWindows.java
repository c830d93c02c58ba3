package dev.aiguardian.topology.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.kstream.internals.TimeWindow;

/**
 * Tumbling windows of one calendar month in UTC. Monthly budgets follow the calendar, which
 * fixed-size windows (all 30 or 31 days long, aligned to the epoch) cannot do.
 */
public final class CalendarMonthWindows extends Windows<TimeWindow> {
    private final long graceMs;

    public CalendarMonthWindows(Duration grace) {
        this.graceMs = grace.toMillis();
    }

    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        ZonedDateTime start = Instant.ofEpochMilli(timestamp).atZone(ZoneOffset.UTC).withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS);
        long startMs = start.toInstant().toEpochMilli();
        return Map.of(startMs, new TimeWindow(startMs, endOf(start.toInstant()).toEpochMilli()));
    }

    /** The end (exclusive) of the month that starts at {@code start}. */
    public static Instant endOf(Instant start) {
        return start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** The longest month: the store keeps windows at least this long plus the grace. */
    @Override
    public long size() {
        return Duration.ofDays(31).toMillis();
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalendarMonthWindows w && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(graceMs);
    }
}
