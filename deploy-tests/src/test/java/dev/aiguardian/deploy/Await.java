package dev.aiguardian.deploy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping for a guessed time (standalone's Await, for this module). */
public final class Await {
    /** A condition that may read files or call a process; an exception it throws ends the wait with it. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** @param detail what to add to the failure when the deadline passes (a log's end, say) */
    public static void until(String what, Duration timeout, Check condition, Supplier<String> detail) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + timeout + detail.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    public static void until(String what, Duration timeout, Check condition) throws Exception {
        until(what, timeout, condition, () -> "");
    }
}
