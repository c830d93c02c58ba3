package dev.aiguardian.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.MDC;

import dev.aiguardian.gateway.auth.AuthFailure;
import dev.aiguardian.gateway.auth.Authenticator;
import dev.aiguardian.gateway.auth.Identity;
import dev.aiguardian.gateway.auth.Scope;
import dev.aiguardian.gateway.ratelimit.Admission;
import dev.aiguardian.gateway.ratelimit.Decision;
import dev.aiguardian.gateway.ratelimit.RateLimitConfig;
import dev.aiguardian.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The API's front gate: who is calling (API key or JWT, {@link Authenticator}), whether the client
 * address is locked out after failed attempts, and whether the caller's buckets (per key, per user, per
 * address) hold a token — that last in one round trip to the {@link RateLimiter}. Answers 401 (RFC 6750
 * {@code WWW-Authenticate}), 429 (with {@code Retry-After} and the IETF draft's {@code RateLimit-Policy} /
 * {@code RateLimit}) or lets the request on with its {@link Identity}; {@link #requires} then checks scopes (403).
 */
final class AuthGate implements Handler<RoutingContext> {
    static final String IDENTITY = "aiguardian.identity";
    static final String MDC_TENANT = "tenant";
    private static final String REALM = "Bearer realm=\"aiguardian\"";
    private static final String UNAUTHENTICATED = "unauthenticated";

    private final Authenticator auth;
    private final RateLimiter limiter;
    private final RateLimitConfig limits;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AuthGate(Authenticator auth, RateLimiter limiter, RateLimitConfig limits, MeterRegistry registry) {
        this.auth = auth;
        this.limiter = limiter;
        this.limits = limits;
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String ip = limits.clients().of(peer, request.headers().getAll("X-Forwarded-For"));
        ctx.addEndHandler(v -> count(ctx));
        if (!request.isEnded()) {
            // The decision may take a round trip to Redis: hold the body until BodyHandler reads it (it resumes).
            request.pause();
        }
        String credential = credential(request);
        if (credential == null) {
            if (!auth.required()) {
                admit(ctx, ip, Identity.anonymous());
                return;
            }
            decideWithoutIdentity(ctx, ip, Admission.Outcome.NONE, null);
            return;
        }
        auth.authenticate(credential).onComplete(ar -> {
            if (ar.succeeded()) {
                admit(ctx, ip, ar.result());
            } else {
                String why = ar.cause() instanceof AuthFailure f ? f.getMessage()
                        : "the credential could not be checked";
                decideWithoutIdentity(ctx, ip, Admission.Outcome.FAILED, why);
            }
        });
    }

    /** A request without an accepted credential: counts a failure (if one was presented), then 401 or 429. */
    private void decideWithoutIdentity(RoutingContext ctx, String ip, Admission.Outcome outcome, String failure) {
        if (!limits.lockout().enabled()) {
            unauthorized(ctx, failure);
            return;
        }
        limiter.admit(new Admission(ip, outcome, List.of())).onComplete(ar -> {
            if (ar.succeeded() && ar.result().status() == Decision.Status.LOCKED_OUT) {
                lockedOut(ctx, ar.result());
            } else {
                unauthorized(ctx, failure);
            }
        });
    }

    private void admit(RoutingContext ctx, String ip, Identity who) {
        List<Admission.Bucket> buckets = buckets(who, ip);
        if (buckets.isEmpty() && (!limits.lockout().enabled() || who.kind() == Identity.Kind.ANONYMOUS)) {
            pass(ctx, who);
            return;
        }
        limiter.admit(new Admission(ip, Admission.Outcome.OK, buckets)).onComplete(ar -> {
            if (ar.failed()) {
                // Both limiters answer or fall back to memory; a failure here is a bug, not a reason to refuse.
                ctx.fail(ar.cause());
                return;
            }
            Decision d = ar.result();
            switch (d.status()) {
                case LOCKED_OUT -> lockedOut(ctx, d);
                case LIMITED -> limited(ctx, who, d);
                default -> {
                    headers(ctx, d);
                    pass(ctx, who);
                }
            }
        });
    }

    private List<Admission.Bucket> buckets(Identity who, String ip) {
        List<Admission.Bucket> out = new ArrayList<>(3);
        if (who.keyName() != null) {
            who.limit().or(limits::perKey).ifPresent(r -> out.add(new Admission.Bucket("key",
                    who.tenant() + "/" + who.keyName(), r)));
        }
        if (who.subject() != null) {
            limits.perUser().ifPresent(r -> out.add(new Admission.Bucket("user", who.subject(), r)));
        }
        limits.perIp().ifPresent(r -> out.add(new Admission.Bucket("ip", ip, r)));
        return out;
    }

    private static void pass(RoutingContext ctx, Identity who) {
        ctx.put(IDENTITY, who);
        if (ctx.request().method() != io.vertx.core.http.HttpMethod.POST && !ctx.request().isEnded()) {
            // Only POST routes have a BodyHandler to resume the request.
            ctx.request().resume();
        }
        MDC.put(MDC_TENANT, who.tenant());
        try {
            ctx.next();
        } finally {
            MDC.remove(MDC_TENANT);
        }
    }

    /** The caller's credential: {@code X-API-Key}, else {@code Authorization: Bearer …}; null when neither. */
    static String credential(HttpServerRequest request) {
        String key = request.getHeader("X-API-Key");
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return auth.substring(7).trim();
        }
        return null;
    }

    private static void unauthorized(RoutingContext ctx, String failure) {
        if (failure == null) {
            // RFC 6750 §3.1: a request without credentials gets no error code.
            ctx.response().putHeader("WWW-Authenticate", REALM);
            Problem.send(ctx, 401, UNAUTHENTICATED, "Unauthenticated",
                    "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', or a JWT as "
                            + "'Authorization: Bearer <token>'.");
        } else {
            ctx.response().putHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\", error_description=\""
                    + failure.replace('"', '\'') + "\"");
            Problem.send(ctx, 401, UNAUTHENTICATED, "Unauthenticated", "The credential was refused: " + failure + ".");
        }
    }

    private static void lockedOut(RoutingContext ctx, Decision d) {
        ctx.response().putHeader("Retry-After", seconds(d.retryAfterMs()));
        Problem.send(ctx, 429, "auth-locked-out", "Too many failed authentications",
                "Too many refused credentials came from this address; wait " + seconds(d.retryAfterMs())
                        + " s (the wait doubles with each further failure; an accepted credential clears it).",
                Map.of("retry_after_s", Long.parseLong(seconds(d.retryAfterMs()))));
    }

    private static void limited(RoutingContext ctx, Identity who, Decision d) {
        headers(ctx, d);
        ctx.response().putHeader("Retry-After", seconds(d.retryAfterMs()));
        Problem.send(ctx, 429, "rate-limited", "Rate limit exceeded",
                "The " + d.limiting().policy() + " limit of " + d.limiting().rate().count() + " requests per "
                        + d.limiting().rate().windowSeconds() + " s is used up; retry after "
                        + seconds(d.retryAfterMs()) + " s.",
                Map.of("policy", d.limiting().policy(), "tenant", who.tenant(),
                        "retry_after_s", Long.parseLong(seconds(d.retryAfterMs()))));
    }

    /**
     * {@code RateLimit-Policy} lists every bucket that applies ({@code q} tokens per {@code w} seconds);
     * {@code RateLimit} gives the one nearest to empty: {@code r} tokens left, {@code t} seconds until it
     * is full again (draft-ietf-httpapi-ratelimit-headers-10, structured-field lists).
     */
    private static void headers(RoutingContext ctx, Decision d) {
        if (d.buckets().isEmpty()) {
            return;
        }
        ctx.response().putHeader("RateLimit-Policy", d.buckets().stream()
                .map(s -> "\"" + s.bucket().policy() + "\";q=" + s.bucket().rate().count() + ";w="
                        + s.bucket().rate().windowSeconds())
                .collect(Collectors.joining(", ")));
        Decision.BucketState nearest = d.buckets().stream()
                .filter(s -> d.limiting() == null || s.bucket().equals(d.limiting()))
                .min(java.util.Comparator.comparingLong(Decision.BucketState::remaining)).orElseThrow();
        ctx.response().putHeader("RateLimit", "\"" + nearest.bucket().policy() + "\";r=" + nearest.remaining()
                + ";t=" + seconds(nearest.fullInMs()));
    }

    private static String seconds(long ms) {
        return Long.toString(Math.max(1, (ms + 999) / 1000));
    }

    /** A route's scope check, after the gate: 403 {@code insufficient_scope} for a good credential without it. */
    static Handler<RoutingContext> requires(Scope scope) {
        return ctx -> {
            Identity who = ctx.get(IDENTITY);
            if (who != null && who.has(scope)) {
                ctx.next();
            } else {
                forbidden(ctx, scope, "This credential lacks the scope '" + scope.wireName() + "' this route needs.");
            }
        };
    }

    /**
     * {@code GET /api/v1/usage/{user_id}}: needs {@code usage:read}; a token (which acts for its
     * {@code sub}) reads only its own user's usage unless it also has {@code admin}.
     */
    static Handler<RoutingContext> usageAccess() {
        return ctx -> {
            Identity who = ctx.get(IDENTITY);
            if (who != null && who.mayReadUsageOf(ctx.pathParam("user_id"))) {
                ctx.next();
            } else if (who != null && who.has(Scope.USAGE_READ)) {
                forbidden(ctx, Scope.ADMIN, "This token may read only its own usage (user_id = its sub); reading "
                        + "another user's needs the scope 'admin'.");
            } else {
                forbidden(ctx, Scope.USAGE_READ, "This credential lacks the scope 'usage:read' this route needs.");
            }
        };
    }

    private static void forbidden(RoutingContext ctx, Scope needed, String detail) {
        ctx.response().putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\", scope=\""
                + needed.wireName() + "\"");
        Problem.send(ctx, 403, "insufficient-scope", "Insufficient scope", detail,
                Map.of("required_scope", needed.wireName()));
    }

    /** The JWT {@code sub} every call of this request acts as, if the caller is a token. */
    static String subject(RoutingContext ctx) {
        Identity who = ctx.get(IDENTITY);
        return who == null ? null : who.subject();
    }

    /** The tenant of the request, if the gate let it through. */
    static String tenant(RoutingContext ctx) {
        Identity who = ctx.get(IDENTITY);
        return who == null ? null : who.tenant();
    }

    private void count(RoutingContext ctx) {
        Identity who = ctx.get(IDENTITY);
        String tenant = who == null ? UNAUTHENTICATED : who.tenant();
        String status = Integer.toString(ctx.response().getStatusCode());
        counters.computeIfAbsent(tenant + "|" + status, k -> Counter.builder("aiguardian.gateway.api.requests")
                .description("API calls by tenant (configured names, default, jwt, anonymous, unauthenticated) and status")
                .tag("tenant", tenant).tag("status", status).register(registry)).increment();
    }
}
