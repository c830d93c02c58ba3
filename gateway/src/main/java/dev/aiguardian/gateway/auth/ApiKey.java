package dev.aiguardian.gateway.auth;

import java.util.Optional;
import java.util.Set;

import dev.aiguardian.gateway.ratelimit.Rate;

/**
 * One tenant API key as configured: only the SHA-256 of the key is kept, never the key.
 *
 * @param name   names the key in logs and limits (the tenant may hold several, e.g. during a hand-over)
 * @param sha256 the 32-byte SHA-256 of the key's UTF-8 bytes
 */
public record ApiKey(String tenant, String name, byte[] sha256, Set<Scope> scopes, Optional<Rate> limit) {

    public Identity identity() {
        return new Identity(Identity.Kind.API_KEY, tenant, name, null, scopes, limit);
    }

    @Override
    public String toString() {
        return "ApiKey[tenant=" + tenant + ", name=" + name + ", scopes=" + scopes + ", limit=" + limit + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.name.equals(name) && java.util.Arrays.equals(k.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
