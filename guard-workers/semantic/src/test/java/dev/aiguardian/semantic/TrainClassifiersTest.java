package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import dev.aiguardian.guards.semantic.CachedEmbedder;
import dev.aiguardian.guards.semantic.Embedder;
import dev.aiguardian.guards.semantic.Exemplars;
import dev.aiguardian.guards.semantic.IntentClassifier;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * The build-time training of the semantic classifiers. The bundled {@code /semantic/*.model} files
 * must record the digest of the exemplar set they were trained on, so an edited set without a
 * retrained file fails the build. To retrain (after editing an exemplar set):
 * {@code mvn -B -ntp -q -pl guard-workers/semantic -am test -Dtest=TrainClassifiersTest -Dretrain=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; it also prints the 5-fold cross-validation on the
 * in-sample set that chose the thresholds (the held-out sets play no part). Then regenerate the static
 * pre-gates, which record the same digest ({@code -Dtest=StaticGateTool -Dretrain=true}).
 */
class TrainClassifiersTest {
    static final List<String> NAMES = List.of("injection", "hostility");
    private static final Path RESOURCES = Path.of("../guards/src/main/resources/semantic");

    @Test
    void bundledClassifiersMatchTheirExemplarSets() {
        for (String name : NAMES) {
            List<String> lines = lines("/semantic/" + name + ".model");
            assertThat(IntentClassifier.header(lines, "digest"))
                    .as(name + ".model is stale: retrain with -Dtest=TrainClassifiersTest -Dretrain=true")
                    .isEqualTo(Exemplars.digest("/semantic/" + name + ".txt"));
            assertThat(IntentClassifier.header(lines, "model")).isEqualTo("all-MiniLM-L6-v2-q");
        }
    }

    @Test
    @Tag("tool") // run with -Dretrain=true (see the pom): a tool, not a check
    void retrain() throws Exception {
        Embedder model = new CachedEmbedder(new MiniLmEmbedder(), 10_000);
        for (String name : NAMES) {
            String resource = "/semantic/" + name + ".txt";
            Exemplars all = Exemplars.bundled(name, resource);
            crossValidate(all, model);
            IntentClassifier c = IntentClassifier.train(all, model);
            Files.writeString(RESOURCES.resolve(name + ".model"), c.write(Exemplars.digest(resource), model.name()),
                    StandardCharsets.UTF_8);
        }
    }

    private static void crossValidate(Exemplars all, Embedder m) {
        List<double[]> scored = new ArrayList<>();
        for (int fold = 0; fold < 5; fold++) {
            Exemplars held = all.fold(fold, 5, true);
            IntentClassifier c = IntentClassifier.train(all.fold(fold, 5, false), m);
            held.positives().forEach(s -> scored.add(new double[] {c.judge(Vectors.normalized(m.embed(s))).probability(), 1}));
            held.negatives().forEach(s -> scored.add(new double[] {c.judge(Vectors.normalized(m.embed(s))).probability(), 0}));
        }
        for (double th : new double[] {0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (double[] s : scored) {
                if (s[0] >= th && s[1] == 1) {
                    tp++;
                } else if (s[0] >= th) {
                    fp++;
                } else if (s[1] == 1) {
                    fn++;
                }
            }
            System.out.printf(Locale.ROOT, "in-sample 5-fold %s: threshold %.2f precision %.3f recall %.3f%n", all.name(),
                    th, tp / (double) Math.max(1, tp + fp), tp / (double) Math.max(1, tp + fn));
        }
    }

    static List<String> lines(String resource) {
        try (var in = TrainClassifiersTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
