package dev.aiguardian.secrets;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP as "re-read your secrets now" ({@code kill -HUP <pid>}), the Unix convention for reloading settings.
 * Replaces the JVM's default for it (run the shutdown hooks and exit) while installed.
 */
final class Sighup {
    private static final Logger LOG = LoggerFactory.getLogger(Sighup.class);
    private static final Signal HUP = new Signal("HUP");

    private Sighup() {
    }

    /** Runs {@code action} on every SIGHUP until the returned handle is closed; empty when the JVM will not allow it. */
    static Optional<AutoCloseable> onSignal(Runnable action) {
        try {
            SignalHandler previous = Signal.handle(HUP, s -> action.run());
            return Optional.of(() -> Signal.handle(HUP, previous));
        } catch (IllegalArgumentException e) {
            // -Xrs, or a platform without SIGHUP: the interval still refreshes.
            LOG.warn("SIGHUP cannot be used to refresh the secrets here ({}); refreshing on the interval only",
                    e.getMessage());
            return Optional.empty();
        }
    }
}
