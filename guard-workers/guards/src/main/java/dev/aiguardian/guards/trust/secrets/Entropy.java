package dev.aiguardian.guards.trust.secrets;

/** Shannon entropy of a string in bits per char: random keys score high, words and ids low. */
public final class Entropy {
    private Entropy() {
    }

    public static double shannon(CharSequence s, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = (double) other / n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    public static double shannon(CharSequence s) {
        return shannon(s, 0, s.length());
    }

    /**
     * Threshold for a token of {@code length}: 85% of the maximum possible for that length over
     * a 64-symbol alphabet, so an English-like identifier of the same length stays below it.
     */
    public static double threshold(int length) {
        return 0.85 * (Math.log(Math.min(length, 64)) / Math.log(2));
    }
}
