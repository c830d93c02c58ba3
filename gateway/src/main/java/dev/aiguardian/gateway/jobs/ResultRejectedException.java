package dev.aiguardian.gateway.jobs;

/**
 * The job store refused a result for what it contains (a data error, not an outage): writing the same
 * result again will not help, so the job writer retries it a few times, then dead-letters it.
 */
public final class ResultRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /** @param code the store's own error code (PostgreSQL: the SQLSTATE) */
    public ResultRejectedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
