package dev.aiguardian.guards.guard;

import dev.aiguardian.schemas.ServiceType;

/**
 * One guard: pure, side-effect-free inspection of a text. Implementations must be thread-safe
 * (the runtime calls {@link #inspect} from several threads) and must do no I/O.
 */
public interface Guard {

    ServiceType type();

    /**
     * Inspects the input.
     *
     * @throws InvalidOptionException when an option in the payload is unusable: the caller's
     *                                mistake, reported back to it, never retried
     */
    GuardOutcome inspect(GuardInput input);
}
