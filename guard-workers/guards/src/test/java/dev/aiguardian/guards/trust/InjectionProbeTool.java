package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.guard.GuardInput;

/**
 * Benign probe for the injection rules: every paragraph of the project's documentation (docs/, the
 * READMEs, /work/shared when present) is ordinary text, so each injection flag there is a false
 * alarm. Prints the flagged paragraphs with the findings that flagged them. A tool, not a suite test
 * (the documentation changes): run with
 * {@code mvn -B -ntp -q -o -pl guard-workers/guards -am test -Dtest=InjectionProbeTool -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InjectionProbeTool {

    @Test
    void probe() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(Path.of("../../docs"), Path.of("../../README.md"),
                Path.of("../../guard-workers"), Path.of("/work/shared")));
        List<String> paragraphs = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/")).toList()) {
                    for (String p : Files.readString(f, StandardCharsets.UTF_8).split("\n\\s*\n")) {
                        if (p.strip().length() > 20) {
                            paragraphs.add(p.strip());
                        }
                    }
                }
            }
        }
        TrustGuard guard = new TrustGuard();
        int flagged = 0;
        int byAddress = 0;
        for (String p : paragraphs) {
            TrustReport r = (TrustReport) guard.inspect(GuardInput.of(p)).details();
            if (r.injectionScore() >= guard.config().injection().flag()) {
                flagged++;
                boolean address = r.findings().stream().anyMatch(f -> f.explanation().startsWith("Text inside the content turns"));
                byAddress += address ? 1 : 0;
                System.out.println("FLAG " + (address ? "[address] " : "") + r.injectionScore() + " "
                        + p.substring(0, Math.min(160, p.length())).replace('\n', ' '));
                r.findings().stream().filter(f -> f.category().equals("injection"))
                        .forEach(f -> System.out.println("     " + f.type() + " " + f.score() + " " + f.evidence()));
            }
        }
        System.out.println(paragraphs.size() + " paragraphs, " + flagged + " flagged, " + byAddress + " with an addressed order");
        assertThat(paragraphs).isNotEmpty();
    }
}
