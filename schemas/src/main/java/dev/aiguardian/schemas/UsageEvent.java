package dev.aiguardian.schemas;

import java.time.Instant;

/**
 * What one completed tokenguard request consumed, on {@code guard.usage} keyed by user id.
 *
 * @param tokens  input plus output tokens
 * @param costUsd the estimated cost, 0 when the request named no priced model
 * @param at      when the result was completed (the event time of the usage windows)
 */
public record UsageEvent(String userId, String sessionId, String requestId, String model, long inputTokens,
        long outputTokens, long tokens, double costUsd, Instant at) {
}
