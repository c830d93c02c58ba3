package dev.aiguardian.gateway.auth;

import java.util.Optional;
import java.util.Set;

import dev.aiguardian.gateway.ratelimit.Rate;

/**
 * Who made a request, once its credential was checked.
 *
 * @param tenant  the tenant, safe as a metric tag: a configured tenant name, {@code default} (the legacy
 *                {@code UNIFIED_API_KEY}), {@code jwt} (a token naming no configured tenant) or {@code anonymous}
 * @param keyName the API key's name, never the key itself; null for tokens and anonymous callers
 * @param subject the JWT's {@code sub}: the user every call of this token acts as; null for keys
 * @param limit   the key's own rate limit, if it has one
 */
public record Identity(Kind kind, String tenant, String keyName, String subject, Set<Scope> scopes,
                       Optional<Rate> limit) {

    /** How the caller proved who it is. */
    public enum Kind { API_KEY, TOKEN, ANONYMOUS }

    public static final String ANONYMOUS_TENANT = "anonymous";
    public static final String LEGACY_TENANT = "default";
    public static final String TOKEN_TENANT = "jwt";

    /** A caller of a gateway that requires no credential: every scope, no identity. */
    public static Identity anonymous() {
        return new Identity(Kind.ANONYMOUS, ANONYMOUS_TENANT, null, null, Scope.all(), Optional.empty());
    }

    public boolean has(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }

    /** Whether this caller may read {@code userId}'s usage: a token only its own, unless it is an admin. */
    public boolean mayReadUsageOf(String userId) {
        if (!has(Scope.USAGE_READ)) {
            return false;
        }
        return subject == null || subject.equals(userId) || scopes.contains(Scope.ADMIN);
    }
}
