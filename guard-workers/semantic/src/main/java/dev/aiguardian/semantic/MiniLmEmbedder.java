package dev.aiguardian.semantic;

import dev.aiguardian.guards.semantic.Embedder;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The quantised all-MiniLM-L6-v2 sentence model, run in-process by ONNX Runtime from the model
 * file inside the langchain4j artifact: no network, 384 floats per text. Thread-safe (ONNX
 * Runtime sessions accept concurrent runs).
 */
public final class MiniLmEmbedder implements Embedder {
    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2-q";
    }
}
