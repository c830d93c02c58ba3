package dev.aiguardian.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.RotatingSecrets;

class ApiKeysTest {

    private static String mintedEntry(String tenant, String name, String scopes, String rate, List<String> keyOut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--tenant", tenant, "--name", name, "--scopes", scopes));
        if (rate != null) {
            args.addAll(List.of("--rate-limit", rate));
        }
        int status = MintApiKey.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        keyOut.add(lines[0].substring("key:   ".length()).trim());
        return lines[1].substring("entry: ".length()).trim();
    }

    @Test
    void aMintedKeyIsListedOnlyByItsHashAndFoundByIt() {
        List<String> keys = new ArrayList<>();
        String entry = mintedEntry("acme", "acme-prod", "guards:process,jobs:read", "600/min", keys);
        String key = keys.get(0);
        assertThat(key).startsWith(ApiKeys.PREFIX).hasSizeGreaterThan(40);
        assertThat(entry).doesNotContain(key).contains("\"sha256\"");
        List<ApiKey> parsed = ApiKeys.parse("[" + entry + "]");
        assertThat(parsed).singleElement().satisfies(k -> {
            assertThat(k.tenant()).isEqualTo("acme");
            assertThat(k.scopes()).containsExactlyInAnyOrder(Scope.GUARDS_PROCESS, Scope.JOBS_READ);
            assertThat(k.limit()).hasValueSatisfying(r -> assertThat(r.count()).isEqualTo(600));
            assertThat(k.toString()).doesNotContain(key);
        });
        KeyRing ring = new KeyRing(parsed, Optional.empty(), RotatingSecrets.fixed(Map.of()));
        assertThat(ring.lookup(key)).hasValueSatisfying(id -> assertThat(id.keyName()).isEqualTo("acme-prod"));
        assertThat(ring.lookup(key + "x")).isEmpty();
        assertThat(ring.lookup("")).isEmpty();
    }

    @Test
    void mintingRefusesBadArgumentsWithExitStatus2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(MintApiKey.run(List.of("--scopes", "guards:process"), System.out, e)).isEqualTo(2);
        assertThat(MintApiKey.run(List.of("--tenant", "acme", "--scopes", "root"), System.out, e)).isEqualTo(2);
        assertThat(MintApiKey.run(List.of("--tenant", "Acme Corp"), System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tenant is required").contains("unknown scope 'root'")
                .contains("tenant must be");
    }

    @Test
    void badKeyListsSayWhichEntryAndWhyWithoutShowingIt() {
        String hash = "ab".repeat(32);
        assertThatThrownBy(() -> ApiKeys.parse("{}")).hasMessageContaining("list");
        assertThatThrownBy(() -> ApiKeys.parse("[{\"tenant\":\"a\",\"sha256\":\"" + hash + "\",\"scopes\":[]}]"))
                .hasMessageContaining("entry 0").hasMessageContaining("scopes");
        assertThatThrownBy(() -> ApiKeys.parse("[{\"tenant\":\"a\",\"key\":\"aig_secret\",\"scopes\":[\"admin\"]}]"))
                .hasMessageContaining("unknown field 'key'").hasMessageNotContaining("aig_secret");
        assertThatThrownBy(() -> ApiKeys.parse("[{\"tenant\":\"jwt\",\"sha256\":\"" + hash + "\",\"scopes\":[\"admin\"]}]"))
                .hasMessageContaining("tenant");
        assertThatThrownBy(() -> ApiKeys.parse("[{\"tenant\":\"a\",\"sha256\":\"" + hash
                + "\",\"scopes\":[\"admin\"],\"rate_limit\":\"lots\"}]")).hasMessageContaining("rate_limit");
        Env env = Env.of(Map.of("API_KEYS", "[{\"tenant\":\"a\",\"sha256\":\"nothex\",\"scopes\":[\"admin\"]}]",
                "API_KEYS_FILE", "/nonexistent/keys.json"));
        AuthConfig.fromEnv(env);
        assertThat(env.problems()).hasSize(2).anyMatch(p -> p.startsWith("API_KEYS:") && p.contains("sha256"))
                .anyMatch(p -> p.startsWith("API_KEYS_FILE="));
        assertThat(String.join("\n", env.problems())).doesNotContain("nothex");
    }

    @Test
    void aRotatedKeySetTakesEffectWithoutRestartAndTheOldOneLastsItsGrace() {
        List<String> keysA = new ArrayList<>();
        List<String> keysB = new ArrayList<>();
        String setA = "[" + mintedEntry("acme", "acme-1", "guards:process", null, keysA) + "]";
        String setB = "[" + mintedEntry("acme", "acme-2", "guards:process", null, keysB) + "]";
        Map<String, List<String>> secrets = new ConcurrentHashMap<>(Map.of(AuthConfig.API_KEYS, List.of(setA)));
        KeyRing ring = new KeyRing(List.of(), Optional.empty(), name -> secrets.getOrDefault(name, List.of()));
        assertThat(ring.lookup(keysA.get(0))).isPresent();
        assertThat(ring.lookup(keysB.get(0))).isEmpty();
        // Rotated: the new set is current, the old one inside its grace period.
        secrets.put(AuthConfig.API_KEYS, List.of(setB, setA));
        assertThat(ring.lookup(keysB.get(0))).isPresent();
        assertThat(ring.lookup(keysA.get(0))).isPresent();
        // Grace over.
        secrets.put(AuthConfig.API_KEYS, List.of(setB));
        assertThat(ring.lookup(keysA.get(0))).isEmpty();
        // A broken new value leaves the readable ones working instead of locking everyone out.
        secrets.put(AuthConfig.API_KEYS, List.of("not json", setB));
        assertThat(ring.lookup(keysB.get(0))).isPresent();
    }

    @Test
    void theLegacyKeyIsTenantDefaultWithEveryScope() {
        KeyRing ring = new KeyRing(List.of(), Optional.empty(),
                RotatingSecrets.fixed(Map.of(AuthConfig.UNIFIED_API_KEY, "legacy-key-0123456789")));
        assertThat(ring.any()).isTrue();
        assertThat(ring.lookup("legacy-key-0123456789")).hasValueSatisfying(id -> {
            assertThat(id.tenant()).isEqualTo("default");
            assertThat(id.scopes()).containsExactlyInAnyOrderElementsOf(Scope.all());
        });
        assertThat(new KeyRing(List.of(), Optional.empty(), RotatingSecrets.fixed(Map.of())).any()).isFalse();
    }

    @Test
    void scopesAndUsageRules() {
        Identity token = new Identity(Identity.Kind.TOKEN, "jwt", null, "alice", java.util.Set.of(Scope.USAGE_READ),
                Optional.empty());
        assertThat(token.mayReadUsageOf("alice")).isTrue();
        assertThat(token.mayReadUsageOf("bob")).isFalse();
        assertThat(token.has(Scope.GUARDS_PROCESS)).isFalse();
        Identity admin = new Identity(Identity.Kind.TOKEN, "jwt", null, "root", java.util.Set.of(Scope.ADMIN),
                Optional.empty());
        assertThat(admin.mayReadUsageOf("bob")).isTrue();
        assertThat(admin.has(Scope.JOBS_READ)).isTrue();
        Identity key = new Identity(Identity.Kind.API_KEY, "acme", "acme-1", null, java.util.Set.of(Scope.USAGE_READ),
                Optional.empty());
        assertThat(key.mayReadUsageOf("anyone")).isTrue();
    }
}
