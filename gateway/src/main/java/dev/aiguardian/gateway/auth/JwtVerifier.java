package dev.aiguardian.gateway.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Checks JWT bearer tokens with vertx-auth-jwt: HS256 signed with any accepted {@code SECRET_KEY} (read
 * at each use, so a rotated key is honoured at once and the old one through its grace period), and the
 * algorithms of the {@code JWT_JWKS_FILE} keys. {@code alg: none} and unsigned tokens are refused by the
 * library; {@code exp} is required here; {@code exp}/{@code nbf}/{@code iat} allow {@code JWT_LEEWAY_S}
 * of clock skew. Each algorithm is verified only with keys of that algorithm, so a public RSA key can
 * never be used as an HMAC secret.
 */
public final class JwtVerifier {
    private static final int MAX_SUBJECT = 256;

    private final Vertx vertx;
    private final AuthConfig config;
    private final Supplier<List<String>> hmacSecrets;
    private volatile Built built;

    /** The verifier made for one set of HMAC secrets. */
    private record Built(List<String> secrets, JWTAuth auth) {
    }

    public JwtVerifier(Vertx vertx, AuthConfig config, Supplier<List<String>> hmacSecrets) {
        this.vertx = vertx;
        this.config = config;
        this.hmacSecrets = hmacSecrets;
    }

    /** Whether {@code credential} has the shape of a JWT (three dot-separated parts) rather than an API key. */
    public static boolean looksLikeJwt(String credential) {
        int first = credential.indexOf('.');
        return first > 0 && credential.indexOf('.', first + 1) > first;
    }

    /** The token's identity, or a failed future with an {@link AuthFailure} saying why it is refused. */
    public Future<Identity> verify(String token, Set<String> tenants) {
        Future<User> user;
        try {
            user = auth().authenticate(new TokenCredentials(token));
        } catch (RuntimeException e) {
            user = Future.failedFuture(e);
        }
        return user.transform(ar -> ar.succeeded() ? identity(ar.result(), tenants)
                : Future.failedFuture(new AuthFailure(reason(ar.cause()))));
    }

    private Future<Identity> identity(User user, Set<String> tenants) {
        JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
        if (!(claims.getValue("exp") instanceof Number)) {
            return Future.failedFuture(new AuthFailure("the token has no exp (expiry time); tokens must expire"));
        }
        Object sub = claims.getValue("sub");
        if (!(sub instanceof String s) || s.isEmpty() || s.length() > MAX_SUBJECT) {
            return Future.failedFuture(new AuthFailure("the token has no sub (the user it acts for) of 1 to "
                    + MAX_SUBJECT + " characters"));
        }
        Object claimed = claims.getValue("tenant");
        // Only configured tenant names become tags and log fields: a token cannot invent new ones.
        String tenant = claimed instanceof String t && tenants.contains(t) ? t : Identity.TOKEN_TENANT;
        return Future.succeededFuture(new Identity(Identity.Kind.TOKEN, tenant, null, s, scopes(claims),
                Optional.empty()));
    }

    /** RFC 8693 {@code scope} (space-separated) or the common {@code scp} list; unknown names are ignored. */
    static Set<Scope> scopes(JsonObject claims) {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        for (String claim : List.of("scope", "scp")) {
            Object v = claims.getValue(claim);
            if (v instanceof String s) {
                for (String name : s.trim().split("\\s+")) {
                    Scope.find(name).ifPresent(out::add);
                }
            } else if (v instanceof JsonArray a) {
                a.forEach(name -> Scope.find(String.valueOf(name)).ifPresent(out::add));
            }
        }
        return out;
    }

    private JWTAuth auth() {
        List<String> secrets = hmacSecrets.get();
        Built b = built;
        if (b != null && b.secrets().equals(secrets)) {
            return b.auth();
        }
        JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
                .setLeeway(config.leewaySeconds())
                .setIssuer(config.issuer().orElse(null))
                .setAudience(config.audience().isEmpty() ? null : config.audience()));
        for (String secret : secrets) {
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
        }
        config.jwks().forEach(options::addJwk);
        JWTAuth auth = JWTAuth.create(vertx, options);
        built = new Built(List.copyOf(secrets), auth);
        return auth;
    }

    // The library's messages name internals; the caller gets one of these instead.
    private static String reason(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("expired")) {
            return "the token has expired or is not valid yet (exp, nbf, iat)";
        }
        if (m.contains("issuer")) {
            return "the token's issuer (iss) is not the one this gateway accepts";
        }
        if (m.contains("audience")) {
            return "the token's audience (aud) is not this gateway";
        }
        return "the token's signature, algorithm or format is not accepted";
    }
}
