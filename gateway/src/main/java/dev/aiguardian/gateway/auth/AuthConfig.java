package dev.aiguardian.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.Json;
import io.vertx.core.json.JsonObject;

/**
 * Who may call the API: tenant keys ({@code API_KEYS_FILE}, {@code API_KEYS}), JWT settings
 * ({@code JWT_JWKS_FILE}, {@code JWT_LEEWAY_S}, {@code JWT_ISSUER}, {@code JWT_AUDIENCE}) and whether a
 * credential is required ({@code AUTH_REQUIRED}). Files are read and every key checked at start-up.
 *
 * @param fileKeys     the keys of {@code API_KEYS_FILE}, fixed for the life of the process
 * @param envKeys      the raw {@code API_KEYS} value (already checked), which the rotating secrets may replace
 * @param jwks         the public keys of {@code JWT_JWKS_FILE} (RS256/ES256…), for tokens minted elsewhere
 * @param required     {@code AUTH_REQUIRED}; empty means: required once any key or JWKS is configured, or in production
 */
public record AuthConfig(List<ApiKey> fileKeys, Optional<String> envKeys, List<JsonObject> jwks, int leewaySeconds,
                         Optional<String> issuer, List<String> audience, Optional<Boolean> required) {
    public static final String API_KEYS = "API_KEYS";
    public static final String SECRET_KEY = "SECRET_KEY";
    /** The legacy shared key: tenant {@code default}, every scope. */
    public static final String UNIFIED_API_KEY = "UNIFIED_API_KEY";
    private static final Set<String> JWKS_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");

    public static AuthConfig fromEnv(Env env) {
        List<ApiKey> fileKeys = List.of();
        Optional<String> file = env.raw("API_KEYS_FILE");
        if (file.isPresent()) {
            try {
                fileKeys = ApiKeys.parse(Files.readString(Path.of(file.get())));
            } catch (IOException e) {
                env.problem("API_KEYS_FILE", file.get(), "cannot be read (" + e.getClass().getSimpleName()
                        + "); give the path of a JSON list of hashed keys");
            } catch (IllegalArgumentException e) {
                env.problem("API_KEYS_FILE", file.get(), e.getMessage());
            }
        }
        Optional<String> envKeys = env.raw(API_KEYS);
        if (envKeys.isPresent()) {
            try {
                ApiKeys.parse(envKeys.get());
            } catch (IllegalArgumentException e) {
                // Never the value: it lists hashes, but a mistake could put a key in clear there.
                env.problem(API_KEYS, e.getMessage());
                envKeys = Optional.empty();
            }
        }
        List<JsonObject> jwks = jwks(env);
        int leeway = env.integer("JWT_LEEWAY_S", 30, 0, 300);
        Optional<Boolean> required = env.raw("AUTH_REQUIRED").map(v -> env.bool("AUTH_REQUIRED", false));
        return new AuthConfig(fileKeys, envKeys, jwks, leeway, env.raw("JWT_ISSUER"),
                env.list("JWT_AUDIENCE", List.of()), required);
    }

    private static List<JsonObject> jwks(Env env) {
        Optional<String> file = env.raw("JWT_JWKS_FILE");
        if (file.isEmpty()) {
            return List.of();
        }
        String fix = "must be a JWKS file: {\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"kid\":…,\"n\":…,\"e\":…}]}"
                + " with public keys whose alg is one of " + JWKS_ALGORITHMS;
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(Path.of(file.get())));
            JsonNode keys = root == null ? null : root.get("keys");
            if (keys == null || !keys.isArray() || keys.isEmpty()) {
                env.problem("JWT_JWKS_FILE", file.get(), fix);
                return List.of();
            }
            List<JsonObject> out = new ArrayList<>();
            for (JsonNode k : keys) {
                String alg = k.path("alg").asText("");
                String use = k.path("use").asText("sig");
                if (!JWKS_ALGORITHMS.contains(alg) || !"sig".equals(use) || k.has("d")) {
                    // "d" is a private key's secret part: a verifier needs the public half only.
                    env.problem("JWT_JWKS_FILE", file.get(), "key " + out.size() + " (kid "
                            + k.path("kid").asText("none") + "): " + fix + ", use \"sig\", and no private parts");
                    return List.of();
                }
                out.add(new JsonObject(Json.toString(k)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            env.problem("JWT_JWKS_FILE", file.get(), "cannot be read or is not JSON; " + fix);
            return List.of();
        }
    }

    /** Whether {@code JWT_JWKS_FILE} gave keys, i.e. tokens minted elsewhere are expected. */
    public boolean hasJwks() {
        return !jwks.isEmpty();
    }

    @Override
    public String toString() {
        return "AuthConfig[fileKeys=" + fileKeys.size() + ", envKeys=" + envKeys.isPresent() + ", jwks=" + jwks.size()
                + ", leewaySeconds=" + leewaySeconds + ", issuer=" + issuer.orElse("(any)") + ", audience="
                + audience + ", required=" + required.map(String::valueOf).orElse("auto") + "]";
    }
}
