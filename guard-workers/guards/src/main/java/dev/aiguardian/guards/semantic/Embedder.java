package dev.aiguardian.guards.semantic;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a text into a dense sentence embedding. The guards call the model only through this
 * interface, so rule tests need no model and the model (ONNX Runtime, natives) stays in its own
 * module. Implementations must be thread-safe.
 */
public interface Embedder {

    /** The embedding of {@code text}, unit length. */
    float[] embed(String text);

    /**
     * The embeddings of {@code texts}, in order. A model that can run many texts in one call overrides
     * this: one call costs far less than one per text (the per-call overhead is paid once and the
     * matrix products are larger).
     */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }

    /**
     * The word-piece ids the model reads for {@code text} ({@code [CLS] … [SEP]}), for the static pre-gate
     * ({@link StaticGate}); null when the model does not expose them, and then no gate runs.
     */
    default long[] wordPieceIds(String text) {
        return null;
    }

    /** How many floats {@link #embed} returns. */
    int dimension();

    /** The model's name, for explanations and the health summary. */
    String name();
}
