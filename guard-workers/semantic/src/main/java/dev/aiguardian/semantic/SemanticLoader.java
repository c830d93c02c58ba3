package dev.aiguardian.semantic;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.StartupException;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticSettings;

/**
 * Loads the model and trains the semantic layer at start-up, as {@code SEMANTIC_ENABLED} says: off,
 * required (a model that does not load stops start-up with one line, exit 2) or, by default, on if
 * it loads (else one WARN line and the guards run on rules alone, as before the layer existed).
 */
public final class SemanticLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SemanticLoader.class);

    private static Optional<SemanticLayer> shared;

    private SemanticLoader() {
    }

    /**
     * The process's one layer, loaded on first use from the environment ({@code SEMANTIC_*}): the
     * workers and the topology of a standalone process share it, so the model loads once per JVM.
     *
     * @throws StartupException for a bad {@code SEMANTIC_*} value (one line naming it) or a required model that did not load
     */
    public static synchronized Optional<SemanticLayer> shared() {
        if (shared == null) {
            Env env = Env.of(System.getenv());
            SemanticSettings settings = SemanticSettings.from(env);
            if (!env.problems().isEmpty()) {
                throw new StartupException(env.problems().get(0));
            }
            shared = load(settings);
        }
        return shared;
    }

    public static Optional<SemanticLayer> load(SemanticSettings settings) {
        if (settings.mode() == SemanticSettings.Mode.OFF) {
            LOG.info("Semantic layer off (SEMANTIC_ENABLED=false): guards run on rules only");
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        try {
            MiniLmEmbedder model = new MiniLmEmbedder(settings.threads());
            double loadMs = (System.nanoTime() - t0) / 1e6;
            SemanticLayer layer = SemanticLayer.load(model, settings);
            LOG.info("Semantic layer ready: model {} loaded in {} ms, classifiers read in {} ms, budget {} ms/request, {} thread(s)/run",
                    model.name(), Math.round(loadMs), Math.round(layer.trainMillis()), settings.budgetMs(), settings.threads());
            return Optional.of(layer);
        } catch (RuntimeException | LinkageError e) {
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (settings.mode() == SemanticSettings.Mode.ON) {
                throw new StartupException("SEMANTIC_ENABLED=true but the embedding model did not load (" + why
                        + "); fix the platform (ONNX Runtime natives for linux x86_64/aarch64) or set SEMANTIC_ENABLED=false");
            }
            LOG.warn("Semantic layer unavailable, guards run on rules only: the embedding model did not load ({})", why);
            return Optional.empty();
        }
    }
}
