package dev.aiguardian.gateway.usage;

import java.util.Optional;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.kafka.CompactedView;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.schemas.UsageTotals;

/**
 * Every user's latest usage totals, from the compacted {@code guard.usage.totals} topic: every
 * gateway instance reads all of it (one small record per user) from the beginning, committed
 * records only (the topology writes them in exactly-once transactions).
 */
public final class UsageDirectory extends CompactedView<UsageTotals> {

    public UsageDirectory(GatewayConfig config) {
        super(config, Topics.USAGE_TOTALS, UsageTotals.class, true, "aiguardian-usage-directory");
    }

    public Optional<UsageTotals> totals(String userId) {
        return get(userId);
    }
}
