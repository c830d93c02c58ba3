package dev.aiguardian.secrets;

/** The settings secret could not be read or used; the message is one line naming the fix, without any secret value. */
public final class SecretReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretReadException(String message) {
        super(message);
    }
}
