package dev.aiguardian.guards.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A session's topic in embedding space as a compact string: the decayed sum of its turn embeddings,
 * normalised and quantised to one signed byte per dimension (base64, 520 characters for 384
 * dimensions), so the stored session stays small. Cosine similarity is scale-free and tolerates the
 * quantisation (error well under 0.01).
 */
public final class DenseCentroid {
    private DenseCentroid() {
    }

    /** The centroid after a turn: {@code decay * old + turn} (old may be null). */
    public static String update(String old, float[] turn, double decay) {
        float[] sum = Vectors.normalized(turn).clone();
        float[] prev = decode(old);
        if (prev != null && prev.length == sum.length) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (float) (decay * prev[i]);
            }
        }
        return encode(Vectors.normalized(sum));
    }

    /** A vector as base64 of its max-abs scale (float32) and one signed byte per dimension; also the classifier files' format. */
    public static String encode(float[] v) {
        float max = 1e-9f;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        ByteBuffer b = ByteBuffer.allocate(4 + v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(max);
        for (float f : v) {
            b.put((byte) Math.round(f / max * 127));
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The decoded vector, or null for a null or unreadable string. */
    public static float[] decode(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
            float max = b.getFloat();
            float[] v = new float[b.remaining()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.get() * max / 127;
            }
            return v;
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return null;
        }
    }
}
