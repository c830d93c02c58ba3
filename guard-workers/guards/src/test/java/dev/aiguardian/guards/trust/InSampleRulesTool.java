package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.LabelledCases;
import dev.aiguardian.guards.guard.LabelledCases.Case;

/**
 * The injection rules on their in-sample sets only, with every miss listed: what a rule change is tuned
 * on. {@link TrustHeldOutTest} scores the held-out sets too, so a tuning round that may not read held-out
 * figures runs this instead:
 * {@code mvn -B -ntp -q -o -pl guard-workers/guards -am test -Dtest=InSampleRulesTool -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InSampleRulesTool {

    @Test
    void injectionRulesInSample() {
        TrustGuard guard = new TrustGuard();
        int total = 0;
        for (String resource : List.of("/trust/insample/injection.jsonl", "/trust/insample/injection-documents.jsonl",
                "/trust/corpus.jsonl")) {
            List<Case> cases = LabelledCases.read(resource);
            int tp = 0;
            int fp = 0;
            int fn = 0;
            StringBuilder misses = new StringBuilder();
            for (Case k : cases) {
                boolean want = k.expected().contains("injection");
                boolean have = TrustCases.predicted(guard, k.text()).contains("injection");
                if (want && have) {
                    tp++;
                } else if (have) {
                    fp++;
                    misses.append("    FP ").append(k.raw().path("notes").asText()).append(": ").append(k.text()).append('\n');
                } else if (want) {
                    fn++;
                    misses.append("    FN ").append(k.raw().path("notes").asText()).append(": ").append(k.text()).append('\n');
                }
            }
            System.out.printf(Locale.ROOT, "%-48s %4d cases  precision %.3f  recall %.3f  (tp %d fp %d fn %d)%n", resource,
                    cases.size(), tp / (double) Math.max(1, tp + fp), tp / (double) Math.max(1, tp + fn), tp, fp, fn);
            System.out.print(misses);
            total += cases.size();
        }
        assertThat(total).isPositive();
        // -Drules.lines=FILE: lines in the semantic exemplar format ("+ " attack, "- " benign), each with its score.
        String lines = System.getProperty("rules.lines");
        if (lines != null) {
            try {
                for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of(lines))) {
                    if (l.startsWith("+ ") || l.startsWith("- ")) {
                        double score = ((TrustReport) guard.inspect(dev.aiguardian.guards.guard.GuardInput.of(l.substring(2)))
                                .details()).injectionScore();
                        System.out.printf(Locale.ROOT, "  %s %.2f %s%n", (score >= 0.5) == l.startsWith("+") ? "ok   " : "WRONG",
                                score, l);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
