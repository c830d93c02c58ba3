package dev.aiguardian.guards.trust;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.schemas.Json;

/** Labelled TrustGuard cases ({@code {"text","labels","notes"}} per line) and what the guard predicts for them. */
final class TrustCases {
    record Case(String text, Set<String> labels, String notes) {
    }

    private TrustCases() {
    }

    static List<Case> read(String resource) {
        List<Case> out = new ArrayList<>();
        try (InputStream in = TrustCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the test classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line);
                Set<String> labels = new HashSet<>();
                n.get("labels").forEach(l -> labels.add(l.asText()));
                out.add(new Case(n.get("text").asText(), labels, n.get("notes").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The categories the guard reports for {@code text}: injection when the combined score reaches
     * its flag threshold, any other category when its strongest finding does.
     */
    static Set<String> predicted(TrustGuard guard, String text) {
        TrustReport r = (TrustReport) guard.inspect(GuardInput.of(text)).details();
        TrustGuardConfig c = guard.config();
        Set<String> out = new HashSet<>();
        if (r.injectionScore() >= c.injection().flag()) {
            out.add("injection");
        }
        for (Finding f : r.findings()) {
            if (!f.category().equals("injection") && f.score() >= c.thresholds(f.category()).flag()) {
                out.add(f.category());
            }
        }
        return out;
    }
}
