package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticScan;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.trust.Finding;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.guards.trust.TrustReport;
import dev.aiguardian.schemas.Json;

/**
 * Explains the injection verdict on each wrong case of an in-sample set: the rules' findings, the
 * semantic layer's hits and its highest probability. For tuning on in-sample material only (never
 * point it at a held-out set). A tool, run with
 * {@code mvn -B -ntp -q -o -pl guard-workers/semantic -am test -Dtest=InjectionExplainTool -Dbench=true -Dcases=<jsonl> -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InjectionExplainTool {

    @Test
    @Tag("tool") // run with -Dretrain=true or -Dbench=true (see the pom): a tool, not a check
    void explain() throws IOException {
        Path file = Path.of(System.getProperty("cases",
                "../guards/src/test/resources/trust/insample/injection-documents.jsonl"));
        boolean all = Boolean.getBoolean("all");
        SemanticLayer layer = SemanticLayer.load(new MiniLmEmbedder(), new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1));
        TrustGuard rules = new TrustGuard();
        TrustGuard both = new TrustGuard(rules.config(), layer);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int shown = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.mapper().readTree(line);
            boolean positive = n.get("labels").toString().contains("injection");
            String text = n.get("text").asText();
            TrustReport r = (TrustReport) rules.inspect(GuardInput.of(text)).details();
            TrustReport b = (TrustReport) both.inspect(GuardInput.of(text)).details();
            boolean have = b.injectionScore() >= 0.5;
            if (!all && have == positive) {
                continue;
            }
            shown++;
            System.out.printf(Locale.ROOT, "%s rules %.2f both %.2f  %s%n", positive ? (have ? "TP" : "FN") : (have ? "FP" : "TN"),
                    r.injectionScore(), b.injectionScore(), text.replace('\n', ' '));
            for (Finding f : b.findings()) {
                if (f.category().equals("injection")) {
                    System.out.printf(Locale.ROOT, "    %s %.2f %s%n", f.type(), f.score(), f.evidence().replace('\n', ' '));
                }
            }
            SemanticScan s = b.semantic();
            if (s != null) {
                System.out.printf(Locale.ROOT, "    semantic max %.2f judged %d skipped %d%n", s.maxProbability(), s.chunksJudged(), s.chunksSkipped());
            }
        }
        System.out.println(shown + " cases shown of " + lines.size());
        assertThat(lines).isNotEmpty();
    }
}
