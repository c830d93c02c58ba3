package dev.aiguardian.gateway.auth;

/**
 * A credential was presented and refused; the message is safe to send back (RFC 6750's
 * {@code error_description}) and to log: it never holds the credential.
 */
public final class AuthFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthFailure(String message) {
        super(message, null, false, false);
    }
}
