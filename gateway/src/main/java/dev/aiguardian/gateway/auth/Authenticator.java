package dev.aiguardian.gateway.auth;

import io.vertx.core.Future;

/**
 * Turns a presented credential into an {@link Identity}: an API key (tenant keys and the legacy
 * {@code UNIFIED_API_KEY}) or a JWT. Also says whether the API needs a credential at all, which is read
 * per request because the key set can change while the process runs.
 */
public final class Authenticator {
    private final KeyRing keys;
    private final JwtVerifier tokens;
    private final AuthConfig config;
    private final boolean production;

    public Authenticator(KeyRing keys, JwtVerifier tokens, AuthConfig config, boolean production) {
        this.keys = keys;
        this.tokens = tokens;
        this.config = config;
        this.production = production;
    }

    /**
     * {@code AUTH_REQUIRED} when set; otherwise a credential is required once any key is configured, a
     * JWKS file is given, or in production (where SECRET_KEY is required and tokens can be signed with it).
     */
    public boolean required() {
        return config.required().orElseGet(() -> production || config.hasJwks() || keys.any());
    }

    /** The identity behind {@code credential}, or a failed future with an {@link AuthFailure}. */
    public Future<Identity> authenticate(String credential) {
        var key = keys.lookup(credential);
        if (key.isPresent()) {
            return Future.succeededFuture(key.get());
        }
        if (JwtVerifier.looksLikeJwt(credential)) {
            return tokens.verify(credential, keys.tenants());
        }
        return Future.failedFuture(new AuthFailure("the API key is not accepted; send it as "
                + "'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
    }

    /** The configured tenant names, the only values the {@code tenant} metric tag takes besides the built-in ones. */
    public java.util.Set<String> tenants() {
        return keys.tenants();
    }
}
