package dev.aiguardian.gateway.dispatch;

/** Why a sync call got no result; each kind maps to one HTTP status. */
public final class DispatchFailure extends RuntimeException {
    /** The ways a dispatch can end without a result. */
    public enum Kind {
        /** The deadline passed; the request is still on its topic and will be processed. */
        TIMEOUT,
        /** Too many callers are already waiting on this instance. */
        OVERLOADED,
        /** Kafka did not take the request, or this instance cannot receive replies. */
        UNAVAILABLE,
        /** The gateway is stopping. */
        SHUTTING_DOWN,
        /** Kafka refused the record as too large: retrying cannot help, only a smaller request can. */
        TOO_LARGE
    }

    private final Kind kind;

    public DispatchFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    /** {@code cause} is for the logs; {@code message} is what the caller may read. */
    public DispatchFailure(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
