package dev.aiguardian.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

/**
 * Token buckets and lockouts in Redis, shared by every gateway instance: one {@code EVALSHA} of
 * {@code ratelimit.lua} per request (the whole decision, atomic, with Redis's own clock so that
 * instances with skewed clocks agree). While Redis does not answer, requests are decided by
 * {@code fallback} in this instance's memory, and that is logged once per outage.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    // One hash tag: every key of a call lands in the same slot, as a script's keys must on a Redis Cluster.
    private static final String PREFIX = "{aiguardian-rl}:";
    static final String SCRIPT = load();
    private static final String SHA = sha1(SCRIPT);

    private final Redis client;
    private final RedisAPI api;
    private final LockoutPolicy lockout;
    private final MemoryRateLimiter fallback;
    private final String where;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public RedisRateLimiter(Vertx vertx, String url, LockoutPolicy lockout, MemoryRateLimiter fallback) {
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
                .setMaxPoolWaiting(4096));
        this.api = RedisAPI.api(client);
        this.lockout = lockout;
        this.fallback = fallback;
        this.where = Env.redact(url);
    }

    @Override
    public Future<Decision> admit(Admission a) {
        List<String> args = new ArrayList<>();
        args.add(SHA);
        args.add(Integer.toString(1 + a.buckets().size()));
        args.add(PREFIX + "lockout:" + hashed(a.clientIp()));
        for (Admission.Bucket b : a.buckets()) {
            args.add(PREFIX + b.policy() + ":" + hashed(b.id()));
        }
        args.add(a.outcome().name().toLowerCase(java.util.Locale.ROOT));
        args.add(Integer.toString(lockout.threshold()));
        args.add(Long.toString(lockout.base().toMillis()));
        args.add(Long.toString(lockout.max().toMillis()));
        for (Admission.Bucket b : a.buckets()) {
            args.add(Long.toString(b.rate().count()));
            args.add(Long.toString(b.rate().period().toMillis()));
        }
        return api.evalsha(args)
                .recover(e -> isNoScript(e) ? api.eval(withScript(args)) : Future.failedFuture(e))
                .map(r -> decision(r, a))
                .transform(ar -> {
                    if (ar.succeeded()) {
                        if (degraded.compareAndSet(true, false)) {
                            LOG.info("Rate limits are kept in Redis ({}) again", where);
                        }
                        return Future.succeededFuture(ar.result());
                    }
                    if (degraded.compareAndSet(false, true)) {
                        LOG.warn("Rate limits fall back to this instance's memory while Redis ({}) does not answer: {}",
                                where, ar.cause().toString());
                    }
                    return fallback.admit(a);
                });
    }

    private static Decision decision(Response r, Admission a) {
        Decision.Status status = Decision.Status.valueOf(r.get(0).toString().toUpperCase(java.util.Locale.ROOT));
        long retry = r.get(1).toLong();
        int limiting = r.get(2).toInteger();
        List<Decision.BucketState> states = new ArrayList<>();
        for (int i = 0; i < a.buckets().size() && 3 + 2 * i + 1 < r.size(); i++) {
            states.add(new Decision.BucketState(a.buckets().get(i), r.get(3 + 2 * i).toLong(),
                    r.get(4 + 2 * i).toLong()));
        }
        return new Decision(status, retry, limiting >= 0 ? a.buckets().get(limiting) : null, states);
    }

    private static boolean isNoScript(Throwable e) {
        return String.valueOf(e.getMessage()).startsWith("NOSCRIPT");
    }

    // EVAL takes the script where EVALSHA takes its digest; Redis caches it, so later calls find the digest.
    private static List<String> withScript(List<String> args) {
        List<String> out = new ArrayList<>(args);
        out.set(0, SCRIPT);
        return out;
    }

    // Ids are caller-controlled (addresses, user ids, key names): a digest keeps Redis keys short and plain.
    private static String hashed(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load() {
        try (InputStream in = RedisRateLimiter.class.getResourceAsStream("ratelimit.lua")) {
            if (in == null) {
                throw new IllegalStateException("ratelimit.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return degraded.get() ? "memory (per instance) while Redis " + where + " does not answer" : "redis " + where;
    }

    @Override
    public void close() {
        client.close();
    }
}
