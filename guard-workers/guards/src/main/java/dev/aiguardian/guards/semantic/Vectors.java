package dev.aiguardian.guards.semantic;

/** Dense-vector arithmetic shared by the classifiers and the drift centroid. */
public final class Vectors {
    private Vectors() {
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A weight vector times an embedding, as a linear head scores it. */
    public static double dot(double[] w, float[] x) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    /** The logistic function: a linear head's score as a probability. */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Cosine similarity; 0 when either vector is all zeros. */
    public static double cosine(float[] a, float[] b) {
        double na = dot(a, a);
        double nb = dot(b, b);
        return na == 0 || nb == 0 ? 0 : dot(a, b) / Math.sqrt(na * nb);
    }

    /** A unit-length copy (the input unchanged when it is all zeros). */
    public static float[] normalized(float[] v) {
        double n = Math.sqrt(dot(v, v));
        float[] out = v.clone();
        if (n > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] / n);
            }
        }
        return out;
    }
}
