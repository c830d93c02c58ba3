package dev.aiguardian.standalone;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping for a guessed time. */
final class Await {
    private Await() {
    }

    static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition, () -> what);
    }

    /** As above, with the description made when the deadline passes (it may say what is still missing). */
    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
