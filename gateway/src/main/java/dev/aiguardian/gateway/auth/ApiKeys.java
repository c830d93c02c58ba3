package dev.aiguardian.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.aiguardian.gateway.ratelimit.Rate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;

/**
 * The one contract of tenant API keys: how a key looks, how it is hashed, and the JSON that lists keys
 * ({@code API_KEYS_FILE}, {@code API_KEYS}, the secret's {@code API_KEYS}):
 * {@code [{"tenant":"acme","name":"acme-prod","sha256":"<64 hex>","scopes":["guards:process"],"rate_limit":"600/min"}]}.
 *
 * <p>SHA-256 rather than bcrypt or Argon2: those are for low-entropy passwords and cost tens of
 * milliseconds by design, on every request here; a key of 256 random bits cannot be guessed from its
 * hash however fast the hash is, so one SHA-256 (about a microsecond) is as safe and keeps auth off the
 * latency budget.
 */
public final class ApiKeys {
    /** Keys this gateway mints start with this, so that secret scanners and people recognise them. */
    public static final String PREFIX = "aig_";
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]{64}$");
    /** Names the gateway gives callers itself; a configured tenant may not take them. */
    private static final Set<String> RESERVED = Set.of(Identity.LEGACY_TENANT, Identity.TOKEN_TENANT,
            Identity.ANONYMOUS_TENANT, "unauthenticated");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new key: the prefix and 256 random bits, base64url. */
    public static String mint() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry that lists a key, as it goes into the keys JSON. */
    public static ObjectNode entry(String tenant, String name, String key, Set<Scope> scopes, Optional<Rate> limit) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("tenant", tenant);
        n.put("name", name);
        n.put("sha256", HexFormat.of().formatHex(sha256(key)));
        ArrayNode s = n.putArray("scopes");
        scopes.forEach(scope -> s.add(scope.wireName()));
        limit.ifPresent(r -> n.put("rate_limit", r.count() + "/" + r.windowSeconds() + "s"));
        return n;
    }

    /**
     * Reads a keys JSON document. Throws {@link IllegalArgumentException} with a message that names the
     * entry and the fix, and never contains a key or a hash.
     */
    public static List<ApiKey> parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("is not valid JSON; expected a list such as "
                    + "[{\"tenant\":\"acme\",\"name\":\"acme-prod\",\"sha256\":\"<64 hex>\",\"scopes\":[\"guards:process\"]}]");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("must be a JSON list of keys: [{\"tenant\":…,\"sha256\":…,\"scopes\":[…]}]");
        }
        List<ApiKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            ApiKey key = entry(root.get(i), i);
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("entry " + i + ": the name '" + key.name() + "' is used twice");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    private static ApiKey entry(JsonNode n, int i) {
        String at = "entry " + i + ": ";
        if (!n.isObject()) {
            throw new IllegalArgumentException(at + "must be an object");
        }
        for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!List.of("tenant", "name", "sha256", "scopes", "rate_limit").contains(field)) {
                throw new IllegalArgumentException(at + "unknown field '" + field
                        + "'; the fields are tenant, name, sha256, scopes, rate_limit (keys are listed hashed, never in clear)");
            }
        }
        String tenant = n.path("tenant").asText("");
        if (!TENANT.matcher(tenant).matches() || RESERVED.contains(tenant)) {
            throw new IllegalArgumentException(at + "tenant must be 1-63 of a-z, 0-9, _ and -, and not one of "
                    + RESERVED);
        }
        String name = n.path("name").asText(tenant);
        if (!TENANT.matcher(name).matches()) {
            throw new IllegalArgumentException(at + "name must be 1-63 of a-z, 0-9, _ and -");
        }
        String hash = n.path("sha256").asText("");
        if (!HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(at + "sha256 must be the 64 lower-case hex digits of the key's SHA-256"
                    + " (scripts/mint-api-key.sh prints it)");
        }
        JsonNode scopeList = n.get("scopes");
        if (scopeList == null || !scopeList.isArray() || scopeList.isEmpty()) {
            throw new IllegalArgumentException(at + "scopes must be a non-empty list of " + Scope.names());
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (JsonNode s : scopeList) {
            scopes.add(Scope.find(s.asText()).orElseThrow(() -> new IllegalArgumentException(at + "unknown scope '"
                    + s.asText() + "'; use " + Scope.names())));
        }
        Optional<Rate> limit;
        try {
            limit = n.hasNonNull("rate_limit") ? Rate.parse(n.get("rate_limit").asText()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + "rate_limit " + e.getMessage());
        }
        return new ApiKey(tenant, name, HexFormat.of().parseHex(hash), Set.copyOf(scopes), limit);
    }
}
