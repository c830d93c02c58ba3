package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.DenseCentroid;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.semantic.Vectors;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.semantic.MiniLmEmbedder;

/**
 * Dumps candidate drift features of every judged turn of the in-sample drift sets only (held-out sets
 * play no part) to {@code target/drift-features.tsv} (and the embeddings to {@code target/drift-embeddings.tsv},
 * those of the concept lexicon's domains to {@code target/drift-domains.tsv}):
 * the lexical score, back-reference, turn length, the turn's cosine to several session summaries (the
 * decayed centroid, the first user turns, the nearest of the last k turns), the anchor shift (how far
 * appending the turn moves the embedding of the session's first user turn), the known-word share, the
 * concept overlap with the session ({@link DriftDetector#conceptOverlap}) and the turn's position; the
 * learned-combiner exploration reads it ({@code scripts/drift/learned-combiner-cv.py}). Then fits a logistic
 * regression over centroid cosine, lexical score, back-reference and anchor shift on the same turns and
 * prints its weights, and the shipped detector's in-sample precision and recall. Run with
 * {@code mvn -B -ntp -q -o -pl guard-workers/semantic -am test -Dtest=DriftFeatureTool -Dretrain=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (output in target/surefire-reports/*DriftFeatureTool-output.txt).
 * {@link #dumpBackgroundMargins} writes the exact inputs of the background-topic margin instead
 * ({@code -Dtest=DriftFeatureTool#dumpBackgroundMargins}, {@code target/drift-margins.tsv}), for sweeps in-sample.
 */
class DriftFeatureTool {
    private static final Path GUARDS_TEST = Path.of("../guards/src/test/resources");
    static final List<String> IN_SAMPLE = List.of("context/drift-corpus.json", "context/drift-tuning2.json",
            "context/drift-tuning3.json", "context/drift-tuning4.json", "context/drift-tuning5.json",
            "context/drift-tuning6.json", "context/drift-tuning7.json");
    private static final double[] NEIGHBOURHOODS = {0.2, 0.3, 0.4, 1.1};

    @Test
    @Tag("tool")
    void dumpInSampleFeatures() throws IOException {
        SemanticLayer layer = SemanticLayer.load(new MiniLmEmbedder(),
                new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1));
        ContextGuard rules = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT);
        StringBuilder out = new StringBuilder("set\tdomain\toff\tlex\tlexsim\treason\tback\tchars\twords\tcos_dec"
                + "\tcos_dec_user\tcos_first\tcos_anchor2\tcos_max1\tcos_max2\tcos_max3\tcos_max4\tcos_max_all\tcos_max_user\tcos_mean_user\tcoh_first\tcoh_last\tcoh_prev\tctx_dec\tcoh_first2\tcoh_all\tknown\tnuser\tnall\tconcept\ttext\n");
        DriftDetector detector = new DriftDetector(ContextSettings.DEFAULT.drift());
        int rows = 0;
        List<double[]> features = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        StringBuilder emb = new StringBuilder();
        for (String set : IN_SAMPLE) {
            JsonNode corpus = Json.mapper().readTree(GUARDS_TEST.resolve(set).toFile());
            Instant t = Instant.parse("2026-01-01T10:00:00Z");
            for (JsonNode s : corpus.get("sessions")) {
                SessionMemory memory = SessionMemory.empty();
                List<float[]> all = new ArrayList<>();
                List<float[]> user = new ArrayList<>();
                List<String> userTexts = new ArrayList<>();
                String prevText = null;
                String dec = null;
                String decUser = null;
                for (JsonNode turn : s.get("turns")) {
                    String text = turn.asText();
                    String role = text.startsWith("A: ") ? Turn.ASSISTANT : Turn.USER;
                    text = role.equals(Turn.ASSISTANT) ? text.substring(3) : text;
                    t = t.plusSeconds(30);
                    memory = rules.apply(memory, GuardInput.of(text, Map.of("role", role)), t).after();
                    float[] e = Vectors.normalized(layer.embedTurn(text, layer.budget()));
                    emb.append(set).append('\t').append(s.get("domain").asText()).append("\tturn\t").append(role)
                            .append('\t').append(vec(e)).append('\n');
                    all.add(e);
                    prevText = text;
                    dec = DenseCentroid.update(dec, e, 0.8);
                    if (role.equals(Turn.USER)) {
                        user.add(e);
                        userTexts.add(text);
                        decUser = DenseCentroid.update(decUser, e, 0.8);
                    }
                }
                for (String label : List.of("on", "off")) {
                    for (JsonNode next : s.get(label)) {
                        String text = next.asText();
                        ContextReport r = (ContextReport) rules.apply(memory, GuardInput.of(text), t.plusSeconds(30))
                                .outcome().details();
                        float[] e = Vectors.normalized(layer.embedTurn(text, layer.budget()));
                        emb.append(set).append('\t').append(s.get("domain").asText()).append("\tcand\t").append(label)
                                .append('\t').append(vec(e)).append('\n');
                        float[] anchor2 = sum(user.subList(0, Math.min(2, user.size())));
                        out.append(String.join("\t", set, s.get("domain").asText(), label.equals("off") ? "1" : "0",
                                f(r.driftScore()), f(r.similarity()), r.driftReason(),
                                BackReference.refersBack(text) ? "1" : "0", String.valueOf(text.length()),
                                String.valueOf(text.split("\\s+").length),
                                f(Vectors.cosine(e, DenseCentroid.decode(dec))),
                                f(Vectors.cosine(e, DenseCentroid.decode(decUser))),
                                f(Vectors.cosine(e, user.get(0))), f(Vectors.cosine(e, anchor2)),
                                f(maxCos(e, all, 1)), f(maxCos(e, all, 2)), f(maxCos(e, all, 3)), f(maxCos(e, all, 4)),
                                f(maxCos(e, all, all.size())), f(maxCos(e, user, user.size())),
                                f(Vectors.cosine(e, sum(user))),
                                f(coherence(layer, userTexts.get(0), text)),
                                f(coherence(layer, userTexts.get(userTexts.size() - 1), text)),
                                f(coherence(layer, prevText, text)),
                                f(Vectors.cosine(embed(layer, userTexts.get(userTexts.size() - 1) + " " + text),
                                        DenseCentroid.decode(dec))),
                                f(coherence(layer, String.join(" ", userTexts.subList(0, Math.min(2, userTexts.size()))), text)),
                                f(coherence(layer, SemanticLayer.turnText(String.join(" ", userTexts)), text)),
                                f(detector.knownShare(memory, text)), String.valueOf(user.size()),
                                String.valueOf(all.size()), f(detector.conceptOverlap(memory, text)),
                                text.replace('\t', ' '))).append('\n');
                        rows++;
                        if (!r.driftReason().equals("warmup") && !r.driftReason().equals("no topical words")) {
                            features.add(new double[] {Vectors.cosine(e, DenseCentroid.decode(dec)), r.driftScore(),
                                    BackReference.refersBack(text) ? 1 : 0, coherence(layer, userTexts.get(0), text)});
                            labels.add(label.equals("off"));
                        }
                    }
                }
            }
        }
        Path file = Path.of("target/drift-features.tsv");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        Files.writeString(Path.of("target/drift-embeddings.tsv"), emb, StandardCharsets.UTF_8);
        // The concept lexicon's domains as background topics: a turn nearer one of them than to its session drifts.
        StringBuilder domains = new StringBuilder();
        for (String line : TextAnalyzer.wordList("/context/concepts.txt")) {
            int colon = line.indexOf(':');
            domains.append(line, 0, colon).append('\t')
                    .append(vec(Vectors.normalized(layer.embedTurn(line.substring(colon + 1).strip(), layer.budget()))))
                    .append('\n');
        }
        Files.writeString(Path.of("target/drift-domains.tsv"), domains, StandardCharsets.UTF_8);
        System.out.println("wrote " + rows + " rows to " + file.toAbsolutePath());
        assertThat(rows).isGreaterThan(200);
        double[] w = fit(features, labels, 30.0, 3000, 0.5);
        System.out.printf(Locale.ROOT, "fitted on %d turns: centroid %.3f lexical %.3f back-reference %.3f anchor shift %.3f"
                + " bias %.3f%n", features.size(), w[0], w[1], w[2], w[3], w[4]);
        ContextGuard both = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT, layer);
        for (String set : IN_SAMPLE) {
            JsonNode corpus = Json.mapper().readTree(GUARDS_TEST.resolve(set).toFile());
            int[] l = evaluate(rules, corpus);
            int[] c = evaluate(both, corpus);
            System.out.printf(Locale.ROOT, "shipped detector, in-sample %s: rules only precision %.3f recall %.3f (tp %d fp %d"
                    + " fn %d); rules + semantic precision %.3f recall %.3f (tp %d fp %d fn %d); stored session %d bytes on"
                    + " average%n", set, l[0] / (double) (l[0] + l[1]), l[0] / (double) (l[0] + l[2]), l[0], l[1], l[2],
                    c[0] / (double) (c[0] + c[1]), c[0] / (double) (c[0] + c[2]), c[0], c[1], c[2], c[3] / c[4]);
        }
    }

    @Test
    @Tag("tool")
    void dumpBackgroundMargins() throws IOException {
        SemanticLayer layer = SemanticLayer.load(new MiniLmEmbedder(),
                new SemanticSettings(SemanticSettings.Mode.ON, 10_000, 50_000, 1));
        ContextGuard rules = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT);
        ContextGuard both = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT, layer);
        BackgroundTopics background = BackgroundTopics.embed(layer);
        StringBuilder out = new StringBuilder("set\tdomain\toff\tlex\treason\tback\tcos\tcover\tcover_name\tshipped");
        for (double n : NEIGHBOURHOODS) {
            out.append("\tbg").append(f(n)).append("\tbgname").append(f(n));
        }
        out.append("\ttext\n");
        int rows = 0;
        for (String set : IN_SAMPLE) {
            JsonNode corpus = Json.mapper().readTree(GUARDS_TEST.resolve(set).toFile());
            for (DriftReplay.Judged j : DriftReplay.judge(corpus, both)) {
                float[] centroid = DenseCentroid.decode(j.before().semanticCentroid());
                BackgroundTopics.Nearest cover = background.coverage(centroid);
                String text = j.text();
                // The rules alone on the same memory, at the time the replay judged the candidate.
                ContextReport lex = (ContextReport) rules.apply(j.before(), GuardInput.of(text),
                        j.before().lastActive().plusSeconds(30)).outcome().details();
                ContextReport shipped = j.report();
                float[] e = layer.embedTurn(text, layer.budget());
                out.append(String.join("\t", set, j.domain(), j.offTopic() ? "1" : "0",
                        f(lex.driftScore()), lex.driftReason(), BackReference.refersBack(text) ? "1" : "0",
                        f(Vectors.cosine(e, centroid)), f(cover.similarity()), cover.name(),
                        shipped.drift() ? "1" : "0"));
                for (double n : NEIGHBOURHOODS) {
                    BackgroundTopics.Nearest other = background.nearest(e, centroid, n);
                    out.append('\t').append(other == null ? "nan" : f(other.similarity()))
                            .append('\t').append(other == null ? "-" : other.name());
                }
                out.append('\t').append(text.replace('\t', ' ')).append('\n');
                rows++;
            }
        }
        Files.writeString(Path.of("target/drift-margins.tsv"), out, StandardCharsets.UTF_8);
        assertThat(rows).isGreaterThan(400);
    }

    /**
     * Logistic regression by full-batch gradient descent on standardised features with an L2 penalty
     * (the same fit as the exploration it was chosen in); returns the weights on the raw features, then the bias.
     */
    static double[] fit(List<double[]> x, List<Boolean> y, double l2, int iterations, double rate) {
        int n = x.size();
        int d = x.get(0).length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]) + 1e-9;
        }
        double[] w = new double[d];
        double b = 0;
        for (int it = 0; it < iterations; it++) {
            double[] g = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += w[j] * (x.get(i)[j] - mean[j]) / sd[j];
                }
                double err = 1 / (1 + Math.exp(-z)) - (y.get(i) ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    g[j] += err * (x.get(i)[j] - mean[j]) / sd[j] / n;
                }
                gb += err / n;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= rate * (g[j] + l2 * w[j] / n);
            }
            b -= rate * gb;
        }
        double[] out = new double[d + 1];
        out[d] = b;
        for (int j = 0; j < d; j++) {
            out[j] = w[j] / sd[j];
            out[d] -= w[j] * mean[j] / sd[j];
        }
        return out;
    }

    private static int[] evaluate(ContextGuard guard, JsonNode corpus) {
        int[] c = new int[5];
        int session = -1;
        for (DriftReplay.Judged j : DriftReplay.judge(corpus, guard)) {
            if (j.session() != session) {
                session = j.session();
                c[3] += Json.toBytes(j.before()).length;
                c[4]++;
            }
            boolean drift = j.report().drift();
            c[0] += drift && j.offTopic() ? 1 : 0;
            c[1] += drift && !j.offTopic() ? 1 : 0;
            c[2] += !drift && j.offTopic() ? 1 : 0;
        }
        return c;
    }

    // How far appending the turn moves a context's embedding: on-topic turns move it little.
    private static double coherence(SemanticLayer layer, String context, String turn) {
        return Vectors.cosine(embed(layer, context + " " + turn), embed(layer, context));
    }

    private static float[] embed(SemanticLayer layer, String text) {
        return Vectors.normalized(layer.embedTurn(text, layer.budget()));
    }

    private static double maxCos(float[] e, List<float[]> turns, int lastK) {
        double best = -1;
        for (int i = Math.max(0, turns.size() - lastK); i < turns.size(); i++) {
            best = Math.max(best, Vectors.cosine(e, turns.get(i)));
        }
        return best;
    }

    private static float[] sum(List<float[]> vs) {
        float[] out = new float[vs.get(0).length];
        for (float[] v : vs) {
            for (int i = 0; i < out.length; i++) {
                out[i] += v[i];
            }
        }
        return out;
    }

    private static String vec(float[] v) {
        StringBuilder b = new StringBuilder();
        for (float x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.5f", x));
        }
        return b.toString();
    }

    private static String f(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
