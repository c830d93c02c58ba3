package dev.aiguardian.guards.context;

import dev.aiguardian.guards.guard.GuardOutcome;

/** What one ContextGuard request produced: the outcome to publish and the memory to store. */
public record ContextStep(GuardOutcome outcome, SessionMemory after) {
}
