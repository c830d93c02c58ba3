package dev.aiguardian.guards.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Precision and recall per label over labelled cases; prints a table and the misses. */
public final class LabelledScore {
    /** One label's counts. */
    public record Counts(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        }
    }

    private final Map<String, int[]> counts = new TreeMap<>();
    private final List<String> misses = new ArrayList<>();
    private int cases;

    public void add(String text, Set<String> expected, Set<String> actual) {
        cases++;
        Set<String> labels = new TreeSet<>(expected);
        labels.addAll(actual);
        for (String l : labels) {
            int[] c = counts.computeIfAbsent(l, k -> new int[3]);
            boolean e = expected.contains(l);
            boolean a = actual.contains(l);
            if (e && a) {
                c[0]++;
            } else if (a) {
                c[1]++;
                misses.add("FP " + l + ": " + shorten(text));
            } else {
                c[2]++;
                misses.add("FN " + l + ": " + shorten(text));
            }
        }
    }

    public Map<String, Counts> byLabel() {
        Map<String, Counts> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, new Counts(v[0], v[1], v[2])));
        return m;
    }

    public String table(String title) {
        StringBuilder b = new StringBuilder(title).append(" (").append(cases).append(" cases)\n");
        b.append(String.format("%-26s %4s %4s %4s %9s %7s%n", "label", "tp", "fp", "fn", "precision", "recall"));
        byLabel().forEach((k, c) -> b.append(String.format(java.util.Locale.ROOT, "%-26s %4d %4d %4d %9.3f %7.3f%n",
                k, c.tp(), c.fp(), c.fn(), c.precision(), c.recall())));
        misses.forEach(m -> b.append("  ").append(m).append('\n'));
        return b.toString();
    }

    private static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 110 ? one.substring(0, 107) + "..." : one;
    }
}
