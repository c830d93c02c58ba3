package dev.aiguardian.guards.budget;

import java.util.Optional;

import dev.aiguardian.schemas.UsageTotals;

/**
 * A user's latest usage totals, from memory: implementations must answer without I/O, since
 * guards call it on their hot path (the worker runtime keeps a view of guard.usage.totals).
 */
@FunctionalInterface
public interface UsageLookup {
    UsageLookup NONE = userId -> Optional.empty();

    Optional<UsageTotals> totals(String userId);
}
