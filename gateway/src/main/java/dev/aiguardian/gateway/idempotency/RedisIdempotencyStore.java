package dev.aiguardian.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

/** Idempotency keys in Redis with a TTL: shared by every gateway instance. One {@code SET NX EX} per claim. */
public final class RedisIdempotencyStore implements IdempotencyStore {
    private static final String PREFIX = "aiguardian:idempotency:";
    // Delete only if the key still holds our binding: never remove a binding another request made since.
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final Redis client;
    private final RedisAPI api;
    private final Duration ttl;
    private final String where;

    public RedisIdempotencyStore(Vertx vertx, String url, Duration ttl) {
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(8)
                .setMaxPoolWaiting(1024));
        this.api = RedisAPI.api(client);
        this.ttl = ttl;
        this.where = Env.redact(url);
    }

    @Override
    public Future<Optional<Binding>> claim(String key, Binding proposed) {
        String redisKey = redisKey(key);
        String value = Json.toString(proposed);
        return api.set(List.of(redisKey, value, "NX", "PX", Long.toString(ttl.toMillis()))).compose(ok -> {
            if (ok != null && "OK".equals(ok.toString())) {
                return Future.succeededFuture(Optional.empty());
            }
            return api.get(redisKey).map(existing -> existing == null ? Optional.<Binding>empty()
                    : Optional.of(binding(existing)));
        });
    }

    @Override
    public Future<Void> release(String key, Binding binding) {
        return api.eval(List.of(RELEASE, "1", redisKey(key), Json.toString(binding))).mapEmpty();
    }

    @Override
    public Future<Void> ping() {
        return api.ping(List.of()).mapEmpty();
    }

    @Override
    public String describe() {
        return "redis " + where;
    }

    private static Binding binding(Response r) {
        try {
            JsonNode n = Json.mapper().readTree(r.toString());
            return new Binding(n.path("request_id").asText(), n.path("fingerprint").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable idempotency binding", e);
        }
    }

    // Keys are caller-chosen strings: hash them so that length and characters never matter to Redis.
    private static String redisKey(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
