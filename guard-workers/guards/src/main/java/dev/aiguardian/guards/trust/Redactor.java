package dev.aiguardian.guards.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Produces {@code redacted_text}: each secret/PII span replaced by a typed placeholder, a mask or a hash. */
public final class Redactor {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("email", "EMAIL"), Map.entry("phone_number", "PHONE"), Map.entry("credit_card", "CREDIT_CARD"),
            Map.entry("iban", "IBAN"), Map.entry("us_ssn", "SSN"), Map.entry("ip_address", "IP_ADDRESS"),
            Map.entry("aws_access_key_id", "AWS_KEY"), Map.entry("aws_secret_access_key", "AWS_SECRET"),
            Map.entry("github_token", "GITHUB_TOKEN"), Map.entry("gitlab_token", "GITLAB_TOKEN"),
            Map.entry("slack_token", "SLACK_TOKEN"), Map.entry("slack_webhook", "SLACK_WEBHOOK"),
            Map.entry("stripe_key", "STRIPE_KEY"), Map.entry("openai_key", "OPENAI_KEY"),
            Map.entry("anthropic_key", "ANTHROPIC_KEY"), Map.entry("google_api_key", "GOOGLE_API_KEY"),
            Map.entry("jwt", "JWT"), Map.entry("private_key", "PRIVATE_KEY"),
            Map.entry("connection_string", "DB_PASSWORD"), Map.entry("url_password", "PASSWORD"),
            Map.entry("password_assignment", "PASSWORD"), Map.entry("secret_assignment", "SECRET"),
            Map.entry("high_entropy_string", "SECRET"));

    /** By start, the longer span first: built once rather than three comparator objects per call. */
    private static final Comparator<Finding> SPAN_ORDER =
            Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed());

    private final String salt;

    public Redactor(String salt) {
        this.salt = salt;
    }

    static String label(String type) {
        // not getOrDefault: its default, an upper-cased copy, would be built for every finding
        String label = LABELS.get(type);
        return label != null ? label : type.toUpperCase(Locale.ROOT);
    }

    /** Redacts the spans of {@code findings} (overlapping spans merge; the strongest finding names them). */
    public String redact(String text, List<Finding> findings, Redaction mode) {
        if (findings.isEmpty()) {
            return text;
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(SPAN_ORDER);
        List<int[]> spans = new ArrayList<>();
        List<Finding> owners = new ArrayList<>();
        for (Finding f : sorted) {
            if (!spans.isEmpty() && f.start() < spans.get(spans.size() - 1)[1]) {
                int[] last = spans.get(spans.size() - 1);
                last[1] = Math.max(last[1], f.end());
                if (f.score() > owners.get(owners.size() - 1).score()) {
                    owners.set(owners.size() - 1, f);
                }
                continue;
            }
            spans.add(new int[] {f.start(), f.end()});
            owners.add(f);
        }
        Map<String, Integer> counters = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (int k = 0; k < spans.size(); k++) {
            int[] sp = spans.get(k);
            String value = text.substring(sp[0], sp[1]);
            String label = label(owners.get(k).type());
            out.append(text, pos, sp[0]);
            switch (mode) {
                case PLACEHOLDER -> out.append(seen.computeIfAbsent(label + '\u0000' + value,
                        v -> "[" + label + "_" + counters.merge(label, 1, Integer::sum) + "]"));
                case MASK -> out.append(mask(value));
                case HASH -> out.append('[').append(label).append(':').append(hash(value)).append(']');
            }
            pos = sp[1];
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    private static String mask(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(Character.isLetterOrDigit(c) ? '*' : c);
        }
        return b.toString();
    }

    private String hash(String value) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt.getBytes(StandardCharsets.UTF_8));
            byte[] d = md.digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
