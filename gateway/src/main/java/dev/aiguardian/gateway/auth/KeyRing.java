package dev.aiguardian.gateway.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.RotatingSecrets;

/**
 * The API keys accepted right now: those of {@code API_KEYS_FILE}, every accepted value of the rotatable
 * {@code API_KEYS} (so a rotation changes the set without a restart, the old set still valid in its grace
 * period) and the legacy {@code UNIFIED_API_KEY} (tenant {@code default}, every scope). The secrets are
 * read on each lookup; their parsed form is kept until they change.
 */
public final class KeyRing {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    public static final String LEGACY_NAME = "unified";

    private final List<ApiKey> fileKeys;
    private final Optional<String> envKeys;
    private final RotatingSecrets secrets;
    private volatile Snapshot snapshot;

    /** The sources a snapshot was made from, and what they gave. */
    private record Snapshot(List<String> keyLists, List<String> legacy, List<ApiKey> keys) {
    }

    public KeyRing(List<ApiKey> fileKeys, Optional<String> envKeys, RotatingSecrets secrets) {
        this.fileKeys = List.copyOf(fileKeys);
        this.envKeys = envKeys;
        this.secrets = secrets;
    }

    /** The caller's identity when {@code presented} is an accepted key. Compares against every key in constant time. */
    public Optional<Identity> lookup(String presented) {
        byte[] hash = ApiKeys.sha256(presented);
        ApiKey found = null;
        // No early exit: the time taken must not say which key, or how much of one, matched.
        for (ApiKey k : current().keys()) {
            if (MessageDigest.isEqual(k.sha256(), hash) && found == null) {
                found = k;
            }
        }
        return Optional.ofNullable(found).map(ApiKey::identity);
    }

    /** Whether any key is configured now (then the API needs a credential, unless AUTH_REQUIRED=false). */
    public boolean any() {
        return !current().keys().isEmpty();
    }

    /** The configured tenant names, for metric tags (bounded). */
    public Set<String> tenants() {
        Set<String> names = new LinkedHashSet<>();
        current().keys().forEach(k -> names.add(k.tenant()));
        return names;
    }

    private Snapshot current() {
        List<String> keyLists = new ArrayList<>(secrets.accepted(AuthConfig.API_KEYS));
        envKeys.filter(v -> !keyLists.contains(v)).ifPresent(keyLists::add);
        List<String> legacy = secrets.accepted(AuthConfig.UNIFIED_API_KEY);
        Snapshot s = snapshot;
        if (s != null && s.keyLists().equals(keyLists) && s.legacy().equals(legacy)) {
            return s;
        }
        return rebuild(keyLists, legacy);
    }

    private synchronized Snapshot rebuild(List<String> keyLists, List<String> legacy) {
        List<ApiKey> keys = new ArrayList<>(fileKeys);
        for (int i = 0; i < keyLists.size(); i++) {
            try {
                for (ApiKey k : ApiKeys.parse(keyLists.get(i))) {
                    // The same key in the current and an earlier value (most of a rotation) counts once.
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                }
            } catch (IllegalArgumentException e) {
                // A bad value must not lock everyone out: keep the keys of the values that can be read.
                LOG.warn("API_KEYS value {} of {} (0 = current) is not a usable key list and is ignored: {}", i,
                        keyLists.size(), e.getMessage());
            }
        }
        for (String key : legacy) {
            keys.add(new ApiKey(Identity.LEGACY_TENANT, LEGACY_NAME, ApiKeys.sha256(key), Scope.all(),
                    Optional.empty()));
        }
        Snapshot s = new Snapshot(List.copyOf(keyLists), List.copyOf(legacy), List.copyOf(keys));
        snapshot = s;
        return s;
    }
}
