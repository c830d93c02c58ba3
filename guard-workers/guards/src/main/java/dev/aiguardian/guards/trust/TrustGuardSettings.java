package dev.aiguardian.guards.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads {@link TrustGuardConfig} from a properties or JSON file named by {@code TRUSTGUARD_CONFIG}
 * and from {@code TRUSTGUARD_*} environment variables (variables win). Kept apart from the guard
 * so the detector itself does no I/O. Bad values fail with one message naming the key and the fix.
 */
public final class TrustGuardSettings {
    /** Every key, as written in a file; the variable is TRUSTGUARD_ + upper case with '.' → '_'. */
    public static final List<String> KEYS = List.of("detectors", "injection.flag", "injection.block", "secrets.flag",
            "secrets.block", "pii.flag", "pii.block", "urls.flag", "urls.block", "min_score", "own_domains",
            "allowed_cards", "safe_strings", "redaction", "hash_salt", "max_decode_depth", "include_test_cards");

    private TrustGuardSettings() {
    }

    /** From the process environment (pass {@code System.getenv()}). */
    public static TrustGuardConfig fromEnv(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        String file = env.get("TRUSTGUARD_CONFIG");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file.strip())));
        }
        for (String key : KEYS) {
            String v = env.get(envName(key));
            if (v != null) {
                values.put(key, v);
            }
        }
        return fromMap(values, "TRUSTGUARD_");
    }

    public static String envName(String key) {
        return "TRUSTGUARD_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Reads a .json file (flat keys or nested objects) or a .properties file. */
    public static Map<String, String> readFile(Path path) {
        try {
            if (path.toString().endsWith(".json")) {
                try (InputStream in = Files.newInputStream(path)) {
                    JsonNode root = new ObjectMapper().readTree(in);
                    Map<String, String> out = new LinkedHashMap<>();
                    flatten("", root, out);
                    return out;
                }
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) {
                out.put(k, p.getProperty(k));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("TRUSTGUARD_CONFIG=" + path + " cannot be read (" + e.getMessage()
                    + "); point it at a readable .properties or .json file");
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode n : node) {
                b.append(b.length() == 0 ? "" : ",").append(n.asText());
            }
            out.put(prefix, b.toString());
        } else {
            out.put(prefix, node.asText());
        }
    }

    /**
     * Builds the config from key/value pairs over the defaults. {@code origin} prefixes key names in
     * error messages ("TRUSTGUARD_" for the environment).
     */
    public static TrustGuardConfig fromMap(Map<String, String> values, String origin) {
        TrustGuardConfig d = TrustGuardConfig.defaults();
        for (String k : values.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("trustguard config key '" + k + "' is unknown; valid keys: "
                        + String.join(", ", KEYS));
            }
        }
        Thresholds injection = thresholds(values, "injection", d.injection(), origin);
        Thresholds secrets = thresholds(values, "secrets", d.secrets(), origin);
        Thresholds pii = thresholds(values, "pii", d.pii(), origin);
        Thresholds urls = thresholds(values, "urls", d.urls(), origin);
        double minScore = number(values, "min_score", d.minScore(), 0, 1, origin);
        Set<Detector> detectors = d.detectors();
        if (values.containsKey("detectors")) {
            detectors = EnumSet.noneOf(Detector.class);
            for (String n : list(values.get("detectors"))) {
                detectors.add(Detector.find(n).orElseThrow(() -> bad(origin, "detectors", n,
                        "use a comma-separated list of " + Detector.wireNames())));
            }
            if (detectors.isEmpty()) {
                throw bad(origin, "detectors", "", "name at least one of " + Detector.wireNames());
            }
        }
        boolean testCards = bool(values, "include_test_cards", true, origin);
        Set<String> cards = new HashSet<>(testCards ? TrustGuardConfig.TEST_CARDS : Set.of());
        for (String c : list(values.getOrDefault("allowed_cards", ""))) {
            if (!c.replaceAll("[ -]", "").matches("[0-9]{12,19}")) {
                throw bad(origin, "allowed_cards", c, "list card numbers of 12 to 19 digits, comma-separated");
            }
            cards.add(c);
        }
        Redaction redaction = d.redaction();
        if (values.containsKey("redaction")) {
            String r = values.get("redaction").strip().toLowerCase(Locale.ROOT);
            redaction = Redaction.find(r).orElseThrow(() -> bad(origin, "redaction", r, "use one of "
                    + Redaction.wireNames()));
        }
        int depth = (int) number(values, "max_decode_depth", d.maxDecodeDepth(), 0, 4, origin);
        if (depth != number(values, "max_decode_depth", d.maxDecodeDepth(), 0, 4, origin)) {
            throw bad(origin, "max_decode_depth", values.get("max_decode_depth"), "use a whole number 0..4");
        }
        return new TrustGuardConfig(injection, secrets, pii, urls, minScore, detectors,
                new HashSet<>(list(values.getOrDefault("own_domains", ""))), cards,
                new HashSet<>(list(values.getOrDefault("safe_strings", ""))), redaction,
                values.getOrDefault("hash_salt", d.hashSalt()), depth);
    }

    private static Thresholds thresholds(Map<String, String> values, String cat, Thresholds def, String origin) {
        double flag = number(values, cat + ".flag", def.flag(), 0, Thresholds.NEVER, origin);
        double block = number(values, cat + ".block", def.block(), 0, Thresholds.NEVER, origin);
        if (block < flag) {
            throw bad(origin, cat + ".block", String.valueOf(block), "must not be below " + cat + ".flag (" + flag
                    + ")");
        }
        return new Thresholds(flag, block);
    }

    private static double number(Map<String, String> values, String key, double def, double min, double max,
            String origin) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d < min || d > max) {
                throw bad(origin, key, v, "use a number between " + min + " and " + max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(origin, key, v, "use a number between " + min + " and " + max);
        }
    }

    private static boolean bool(Map<String, String> values, String key, boolean def, String origin) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(origin, key, v, "use true or false");
        };
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static IllegalArgumentException bad(String origin, String key, String value, String fix) {
        String name = origin.equals("TRUSTGUARD_") ? envName(key) + " (or '" + key + "' in TRUSTGUARD_CONFIG)" : key;
        // hash_salt and safe strings may be sensitive: never echo those values
        String shown = key.equals("hash_salt") || key.equals("safe_strings") ? "<hidden>" : "'" + value + "'";
        return new IllegalArgumentException(name + "=" + shown + " is invalid: " + fix);
    }
}
