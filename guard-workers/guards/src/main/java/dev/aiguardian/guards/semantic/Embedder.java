package dev.aiguardian.guards.semantic;

/**
 * Turns a text into a dense sentence embedding. The guards call the model only through this
 * interface, so rule tests need no model and the model (ONNX Runtime, natives) stays in its own
 * module. Implementations must be thread-safe.
 */
public interface Embedder {

    /** The embedding of {@code text}, unit length. */
    float[] embed(String text);

    /** How many floats {@link #embed} returns. */
    int dimension();

    /** The model's name, for explanations and the health summary. */
    String name();
}
