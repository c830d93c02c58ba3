package dev.aiguardian.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class JwtVerifierTest {
    private static final String SECRET = "jwt-test-secret-0123456789abcdef-0123456789";
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static JwtVerifier verifier(Map<String, String> env, List<String> secrets) {
        Env e = Env.of(env);
        AuthConfig config = AuthConfig.fromEnv(e);
        assertThat(e.problems()).isEmpty();
        return new JwtVerifier(vertx, config, () -> secrets);
    }

    private static Identity accepted(JwtVerifier v, String token) throws Exception {
        return v.verify(token, Set.of("acme")).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String refusal(JwtVerifier v, String token) {
        Future<Identity> f = v.verify(token, Set.of());
        assertThat(f.failed()).as("refused").isTrue();
        assertThat(f.cause()).isInstanceOf(AuthFailure.class);
        assertThat(f.cause().getMessage()).doesNotContain(token);
        return f.cause().getMessage();
    }

    @Test
    void aGoodHs256TokenGivesItsSubjectScopesAndAConfiguredTenant() throws Exception {
        JwtVerifier v = verifier(Map.of(), List.of(SECRET));
        ObjectNode claims = TestTokens.claims("alice", "guards:process usage:read bogus", 300);
        claims.put("tenant", "acme");
        Identity who = accepted(v, TestTokens.hs256(SECRET, claims));
        assertThat(who.subject()).isEqualTo("alice");
        assertThat(who.scopes()).containsExactlyInAnyOrder(Scope.GUARDS_PROCESS, Scope.USAGE_READ);
        assertThat(who.tenant()).isEqualTo("acme");
        assertThat(who.kind()).isEqualTo(Identity.Kind.TOKEN);
        // A tenant the gateway does not know never becomes a metric tag.
        claims.put("tenant", "made-up");
        assertThat(accepted(v, TestTokens.hs256(SECRET, claims)).tenant()).isEqualTo("jwt");
    }

    @Test
    void badSignatureExpiredNotYetValidAndUnsignedTokensAreRefused() {
        JwtVerifier v = verifier(Map.of("JWT_LEEWAY_S", "5"), List.of(SECRET));
        ObjectNode good = TestTokens.claims("alice", "guards:process", 300);
        assertThat(refusal(v, TestTokens.hs256("another-secret-0123456789abcdef-0123", good))).contains("signature");
        assertThat(refusal(v, TestTokens.hs256(SECRET, TestTokens.claims("alice", "guards:process", -60))))
                .contains("expired");
        ObjectNode later = TestTokens.claims("alice", "guards:process", 7200);
        later.put("nbf", System.currentTimeMillis() / 1000 + 3600);
        assertThat(refusal(v, TestTokens.hs256(SECRET, later))).contains("not valid yet");
        // alg none, with the empty signature of RFC 7519 and with no signature part at all.
        String none = TestTokens.none(good);
        assertThat(refusal(v, none)).contains("signature");
        assertThat(refusal(v, none.substring(0, none.length() - 1))).contains("signature");
        ObjectNode noExp = good.deepCopy();
        noExp.remove("exp");
        assertThat(refusal(v, TestTokens.hs256(SECRET, noExp))).contains("no exp");
        ObjectNode noSub = good.deepCopy();
        noSub.remove("sub");
        assertThat(refusal(v, TestTokens.hs256(SECRET, noSub))).contains("no sub");
    }

    @Test
    void skewWithinTheLeewayIsAccepted() throws Exception {
        JwtVerifier v = verifier(Map.of("JWT_LEEWAY_S", "60"), List.of(SECRET));
        ObjectNode justExpired = TestTokens.claims("alice", "guards:process", -10);
        assertThat(accepted(v, TestTokens.hs256(SECRET, justExpired)).subject()).isEqualTo("alice");
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        JwtVerifier v = verifier(Map.of("JWT_ISSUER", "https://idp.example", "JWT_AUDIENCE", "aiguardian"),
                List.of(SECRET));
        ObjectNode claims = TestTokens.claims("alice", "guards:process", 300);
        assertThat(refusal(v, TestTokens.hs256(SECRET, claims))).contains("aud");
        claims.put("aud", "aiguardian");
        assertThat(refusal(v, TestTokens.hs256(SECRET, claims))).contains("iss");
        claims.put("iss", "https://idp.example");
        assertThat(accepted(v, TestTokens.hs256(SECRET, claims)).subject()).isEqualTo("alice");
    }

    @Test
    void rs256TokensAreCheckedWithTheJwksFileAndItsKeyIsNoHmacSecret(@TempDir Path dir) throws Exception {
        KeyPair pair = TestTokens.rsa();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), TestTokens.jwks(pair, "k1"));
        JwtVerifier v = verifier(Map.of("JWT_JWKS_FILE", jwks.toString()), List.of(SECRET));
        ObjectNode claims = TestTokens.claims("bob", "jobs:read", 300);
        assertThat(accepted(v, TestTokens.rs256(pair.getPrivate(), "k1", claims)).subject()).isEqualTo("bob");
        assertThat(refusal(v, TestTokens.rs256(TestTokens.rsa().getPrivate(), "k1", claims))).contains("signature");
        // Algorithm confusion: the public key's bytes as an HS256 secret must not verify.
        assertThat(refusal(v, TestTokens.hs256(Files.readString(jwks), claims))).contains("signature");
    }

    @Test
    void aRotatedSecretKeyIsHonouredAtOnceAndTheOldOneWhileAccepted() throws Exception {
        List<String> accepted = new CopyOnWriteArrayList<>(List.of(SECRET));
        JwtVerifier v = new JwtVerifier(vertx, AuthConfig.fromEnv(Env.of(Map.of())), () -> List.copyOf(accepted));
        String newSecret = "rotated-secret-0123456789abcdef-01234567";
        ObjectNode claims = TestTokens.claims("carol", "guards:process", 300);
        refusal(v, TestTokens.hs256(newSecret, claims));
        accepted.add(0, newSecret);
        assertThat(accepted(v, TestTokens.hs256(newSecret, claims)).subject()).isEqualTo("carol");
        assertThat(accepted(v, TestTokens.hs256(SECRET, claims)).subject()).isEqualTo("carol");
        accepted.remove(SECRET);
        refusal(v, TestTokens.hs256(SECRET, claims));
    }

    @Test
    void aJwksFileWithPrivateOrUnknownKeysStopsStartUp(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("jwks.json"),
                "{\"keys\":[{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"c2VjcmV0\"}]}");
        Env e = Env.of(Map.of("JWT_JWKS_FILE", bad.toString()));
        AuthConfig.fromEnv(e);
        assertThat(e.problems()).singleElement().asString().startsWith("JWT_JWKS_FILE").doesNotContain("c2VjcmV0");
    }
}
