package dev.aiguardian.config;

/**
 * Start-up cannot go on because of something the operator must fix (a port in use, a server that
 * does not answer); its message is one line naming the variable or the server and the fix, safe to print.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }
}
