package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.auth.ApiKeys;
import dev.aiguardian.gateway.auth.Scope;
import dev.aiguardian.gateway.ratelimit.Rate;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.workers.WorkerRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * JWTs, tenant keys, scopes, the memory rate limiter and failed-auth lockout against a running gateway.
 * Every test calls from an address of its own (X-Forwarded-For through the trusted 127.0.0.1), so that
 * one test's lockout or bucket cannot touch another's.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthEndToEndTest {
    private static final String SECRET = "e2e-secret-key-0123456789abcdef-0123456789";
    private static final String PROCESS = "/api/v1/guards/process";
    private final String acmeKey = ApiKeys.mint();
    private final String burstKey = ApiKeys.mint();
    private Vertx vertx;
    private JWTAuth signer;
    private Gateway gateway;
    private WorkerRuntime workers;
    private Http http;
    private String bootstrap;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        String keys = "[" + Json.toString(ApiKeys.entry("acme", "acme-1", acmeKey,
                Set.of(Scope.GUARDS_PROCESS, Scope.JOBS_READ), Optional.empty())) + ","
                + Json.toString(ApiKeys.entry("burst", "burst-1", burstKey, Set.of(Scope.JOBS_READ),
                Rate.parse("3/h"))) + "]";
        gateway = Pipeline.gateway(bootstrap, Map.of("SECRET_KEY", SECRET, "API_KEYS", keys,
                "AUTH_LOCKOUT_THRESHOLD", "3", "AUTH_LOCKOUT_BASE_MS", "600s", "AUTH_LOCKOUT_MAX_MS", "3600s",
                "TRUSTED_PROXIES", "127.0.0.1,::1"));
        workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
        http = new Http(gateway.port());
        vertx = Vertx.vertx();
        signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                .setBuffer(SECRET)));
    }

    @AfterAll
    void stop() throws Exception {
        if (workers != null) {
            workers.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private String token(String sub, String scope, int expiresInSeconds) {
        return signer.generateToken(new JsonObject().put("sub", sub).put("scope", scope),
                new JWTOptions().setExpiresInSeconds(expiresInSeconds));
    }

    /** An address of the documentation range, new for each caller. */
    private static String from() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return "2001:db8:" + hex.substring(0, 4) + ":" + hex.substring(4, 8) + "::" + hex.substring(8, 12);
    }

    private static void assertProblem(Http.Reply r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/" + type);
    }

    private static String body(String userId) {
        return "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"count me\"}"
                + (userId == null ? "" : ",\"user_id\":\"" + userId + "\"") + "}";
    }

    @Test
    void aGoodTokenIsAcceptedAndItsSubjectIsTheUserWhateverTheBodySays() throws Exception {
        String ip = from();
        Http.Reply r = http.post(PROCESS, body("mallory"), "Authorization", "Bearer "
                + token("alice", "guards:process", 300), "X-Forwarded-For", ip);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("tenant").asText()).isEqualTo("jwt");
        String requestId = r.headers().firstValue("X-Guard-Request-ID").orElseThrow();
        assertThat(publishedRequest(requestId).get("user_id").asText()).isEqualTo("alice");
        // Without a user_id in the body the token's sub is the user too.
        Http.Reply none = http.post(PROCESS, body(null), "Authorization", "Bearer "
                + token("alice", "guards:process", 300), "X-Forwarded-For", ip);
        assertThat(publishedRequest(none.headers().firstValue("X-Guard-Request-ID").orElseThrow()).get("user_id")
                .asText()).isEqualTo("alice");
    }

    @Test
    void badExpiredAndUnsignedTokensAre401InvalidToken() {
        String ip = from();
        String expired = token("alice", "guards:process", -120);
        String forged = token("alice", "guards:process", 300);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"alice\",\"scope\":\"admin\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 300) + "}").getBytes(StandardCharsets.UTF_8)) + ".";
        for (String bad : List.of(expired, forged, none)) {
            Http.Reply r = http.post(PROCESS, body(null), "Authorization", "Bearer " + bad, "X-Forwarded-For", ip);
            assertProblem(r, 401, "unauthenticated");
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse(""))
                    .startsWith("Bearer realm=\"aiguardian\"").contains("error=\"invalid_token\"");
            assertThat(r.body()).doesNotContain(bad);
        }
        // From a fresh address: three refusals have locked this one out (AUTH_LOCKOUT_THRESHOLD=3).
        Http.Reply missing = http.post(PROCESS, body(null), "X-Forwarded-For", from());
        assertProblem(missing, 401, "unauthenticated");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"aiguardian\"");
    }

    @Test
    void aGoodCredentialWithoutTheRoutesScopeIs403InsufficientScope() {
        String ip = from();
        String jobsOnly = token("alice", "jobs:read", 300);
        Http.Reply r = http.post(PROCESS, body(null), "Authorization", "Bearer " + jobsOnly, "X-Forwarded-For", ip);
        assertProblem(r, 403, "insufficient-scope");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("error=\"insufficient_scope\"").contains("scope=\"guards:process\"");
        assertProblem(http.get("/api/v1/guards/services", "Authorization", "Bearer " + jobsOnly, "X-Forwarded-For", ip),
                403, "insufficient-scope");
        assertThat(http.get("/api/v1/guards/jobs/no-such-job", "Authorization", "Bearer " + jobsOnly,
                "X-Forwarded-For", ip).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/guards/services", "Authorization", "Bearer " + token("root", "admin", 300),
                "X-Forwarded-For", ip).status()).isEqualTo(200);
    }

    @Test
    void aTokenReadsOnlyItsOwnUsageUnlessItIsAnAdmin() {
        String ip = from();
        String alice = token("alice", "usage:read", 300);
        assertProblem(http.get("/api/v1/usage/bob", "Authorization", "Bearer " + alice, "X-Forwarded-For", ip),
                403, "insufficient-scope");
        // Its own user: past the gate (no usage is recorded for this fresh user, hence 404).
        String own = "user-" + UUID.randomUUID();
        assertProblem(http.get("/api/v1/usage/" + own, "Authorization", "Bearer " + token(own, "usage:read", 300),
                "X-Forwarded-For", ip), 404, "unknown-user");
        assertProblem(http.get("/api/v1/usage/bob", "Authorization", "Bearer " + token("root", "admin", 300),
                "X-Forwarded-For", ip), 404, "unknown-user");
    }

    @Test
    void aTenantKeysCallsCarryTheTenantInTheResultAndTheMetric() {
        Http.Reply r = http.post(PROCESS, body("u1"), "X-API-Key", acmeKey, "X-Forwarded-For", from());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("tenant").asText()).isEqualTo("acme");
        Await.until(Duration.ofSeconds(5), () -> gateway.registry().find("aiguardian.gateway.api.requests")
                .tags("tenant", "acme", "status", "200").counter() != null, "the tenant-tagged request counter");
        assertThat(gateway.registry().get("aiguardian.gateway.api.requests").tags("tenant", "acme", "status", "200")
                .counter().count()).isGreaterThanOrEqualTo(1);
        // The key's scopes hold: it may not list the services.
        assertProblem(http.get("/api/v1/guards/services", "X-API-Key", acmeKey, "X-Forwarded-For", from()), 403,
                "insufficient-scope");
    }

    @Test
    void aBurstOverAKeysLimitGets429WithRetryAfterAndRateLimitHeadersFromMemory() {
        String ip = from();
        for (int i = 0; i < 3; i++) {
            Http.Reply ok = http.get("/api/v1/guards/jobs/none", "X-API-Key", burstKey, "X-Forwarded-For", ip);
            assertThat(ok.status()).isEqualTo(404);
            assertThat(ok.headers().firstValue("RateLimit-Policy")).contains("\"key\";q=3;w=3600");
            assertThat(ok.headers().firstValue("RateLimit").orElse("")).startsWith("\"key\";r=" + (2 - i) + ";t=");
        }
        Http.Reply limited = http.get("/api/v1/guards/jobs/none", "X-API-Key", burstKey, "X-Forwarded-For", ip);
        assertProblem(limited, 429, "rate-limited");
        // 3 per hour: the next token comes in 20 minutes.
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1100L, 1200L);
        assertThat(limited.headers().firstValue("RateLimit").orElse("")).startsWith("\"key\";r=0;t=");
        assertThat(limited.json().get("tenant").asText()).isEqualTo("burst");
        assertThat(http.get("/health/ready").json().get("rate_limits").asText()).startsWith("memory");
    }

    @Test
    void repeatedRefusedCredentialsLockTheAddressOutEvenForTheRightKey() {
        String ip = from();
        for (int i = 0; i < 3; i++) {
            assertProblem(http.post(PROCESS, body(null), "X-API-Key", "aig_wrong-" + i, "X-Forwarded-For", ip), 401,
                    "unauthenticated");
        }
        Http.Reply locked = http.post(PROCESS, body(null), "X-API-Key", acmeKey, "X-Forwarded-For", ip);
        assertProblem(locked, 429, "auth-locked-out");
        // AUTH_LOCKOUT_BASE_MS=600s: long enough that the lock cannot lapse between two requests of a slow run.
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(500L, 600L);
        // Another address is not affected.
        assertThat(http.post(PROCESS, body(null), "X-API-Key", acmeKey, "X-Forwarded-For", from()).status())
                .isEqualTo(200);
    }

    /** The request as the gateway published it on guard.requests.tokenguard. */
    private JsonNode publishedRequest(String requestId) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        String topic = Topics.requests(ServiceType.TOKENGUARD);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode n = Json.mapper().readTree(r.value());
                    if (requestId.equals(n.path("request_id").asText())) {
                        return n;
                    }
                }
            }
        }
        throw new AssertionError("request " + requestId + " not found on " + topic);
    }
}
