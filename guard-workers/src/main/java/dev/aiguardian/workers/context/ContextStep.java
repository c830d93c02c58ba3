package dev.aiguardian.workers.context;

import dev.aiguardian.workers.guard.GuardOutcome;

/** What one ContextGuard request produced: the outcome to publish and the memory to store. */
public record ContextStep(GuardOutcome outcome, SessionMemory after) {
}
