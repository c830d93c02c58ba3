package dev.aiguardian.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The usage payloads as serialised validate against their schemas, and the totals roll over with the calendar. */
class UsageSchemaTest {
    private static final Instant DAY = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void usageEventsAndTotalsValidate() {
        UsageEvent e = new UsageEvent("alice", "s1", "r-1", "gpt-4o", 100, 20, 120, 0.00045, NOW);
        assertThat(SchemaCatalog.USAGE_EVENT.violations(Json.tree(e))).isEmpty();
        assertThat(SchemaCatalog.USAGE_EVENT.violations(Json.tree(
                new UsageEvent("alice", null, "r-2", null, 1, 0, 1, 0.0, NOW)))).isEmpty();

        UsagePeriod day = UsagePeriod.empty().add(e).in(UsagePeriod.DAY, DAY, DAY.plusSeconds(86_400));
        UsagePeriod month = UsagePeriod.empty().add(e).in(UsagePeriod.MONTH, Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"));
        UsageTotals totals = UsageTotals.empty(UsageTotals.USER, "alice").with(day, NOW).with(month, NOW);
        assertThat(SchemaCatalog.USAGE_TOTALS.violations(Json.tree(totals))).isEmpty();
        assertThat(SchemaCatalog.USAGE_TOTALS.violations(Json.tree(UsageTotals.empty(UsageTotals.SESSION, "s1"))))
                .isEmpty();

        ObjectNode bad = (ObjectNode) Json.tree(totals);
        bad.put("scope", "team");
        assertThat(SchemaCatalog.USAGE_TOTALS.violations(bad)).isNotEmpty();
    }

    @Test
    void onlyTheCurrentDayAndMonthCount() {
        UsageEvent e = new UsageEvent("alice", null, "r-1", null, 10, 0, 10, 0.5, NOW);
        UsagePeriod day = UsagePeriod.empty().add(e).in(UsagePeriod.DAY, DAY, DAY.plusSeconds(86_400));
        UsageTotals t = UsageTotals.empty(UsageTotals.USER, "alice").with(day, NOW);
        assertThat(t.dayTokens(NOW)).isEqualTo(10);
        assertThat(t.dayCostUsd(NOW)).isEqualTo(0.5);
        assertThat(t.dayTokens(DAY.plusSeconds(86_400))).isZero();
        // An update of an older day than the one held does not replace it.
        UsagePeriod yesterday = day.in(UsagePeriod.DAY, DAY.minusSeconds(86_400), DAY);
        assertThat(t.with(yesterday, NOW).day()).isEqualTo(day);
    }
}
