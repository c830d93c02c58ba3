package dev.aiguardian.guards.health;

import java.util.Arrays;
import java.util.List;

/**
 * Finds generation loops three ways, all linear: the same short phrase repeated back to back
 * ("the the the …", "I think so. I think so. …"), a sentence that recurs three or more times, and
 * a high share of repeated 5-word sequences across the whole output.
 */
final class RepetitionCheck {
    private static final int MAX_PERIOD = 12;
    private static final int NGRAM = 5;
    /** Ordinary prose repeats under a tenth of its 5-grams; a loop repeats most of them. */
    private static final double NGRAM_SHARE = 0.4;

    void check(String text, Words w, List<HealthIssue> out) {
        // The table numbered the words in order of first sight, as a map from word to its index would.
        int[] ids = Arrays.copyOf(w.ids, w.size());
        HealthIssue issue = consecutive(text, w, ids);
        if (issue == null) {
            issue = sentences(text, w);
        }
        if (issue == null) {
            issue = ngrams(text, w, ids);
        }
        if (issue != null) {
            out.add(issue);
        }
    }

    private static HealthIssue consecutive(String text, Words w, int[] ids) {
        for (int p = 1; p <= MAX_PERIOD; p++) {
            int run = 0;
            for (int i = p; i < ids.length; i++) {
                run = ids[i] == ids[i - p] ? run + 1 : 0;
                // run ≥ 3p: the p-word phrase has occurred four times in a row.
                if (run >= Math.max(3 * p, 6)) {
                    int start = w.starts[i - run - p + 1];
                    StringBuilder phrase = new StringBuilder();
                    for (int k = i - p + 1; k <= i; k++) {
                        phrase.append(k > i - p + 1 ? " " : "").append(w.word(k));
                    }
                    return new HealthIssue("repetition", "'" + clip(phrase.toString()) + "' repeats back to back", 0.9,
                            new TextSpan(start, Math.min(text.length(), w.starts[i] + w.table.length(ids[i]))));
                }
            }
        }
        return null;
    }

    /** Sentences that recur, from the forms {@link Words} numbered as it read the text. */
    private static HealthIssue sentences(String text, Words w) {
        WordTable seen = w.sentenceTable;
        int[] counts = new int[Math.max(16, w.sentences)];
        int[] firsts = new int[counts.length];
        int total = 0;
        int dups = 0;
        int worst = -1;
        int worstCount = 0;
        int worstAt = 0;
        for (int k = 0; k < w.sentences; k++) {
            total++;
            int id = w.sentenceIds[k];
            int count = ++counts[id];
            if (count == 1) {
                firsts[id] = w.sentenceStarts[k];
            } else {
                dups++;
            }
            if (count > worstCount) {
                worstCount = count;
                worst = id;
                worstAt = firsts[id];
            }
        }
        if (worst >= 0 && (worstCount >= 3 || total >= 4 && dups >= 0.3 * total && worstCount >= 2)) {
            int at = worstAt;
            String worstForm = seen.word(worst);
            return new HealthIssue("repetition", "sentence '" + clip(worstForm) + "' occurs " + worstCount + " times ("
                    + dups + " of " + total + " sentences are repeats)", Math.min(1.0, 0.5 + 0.1 * worstCount),
                    new TextSpan(at, Math.min(text.length(), at + worstForm.length())));
        }
        return null;
    }

    private static HealthIssue ngrams(String text, Words w, int[] ids) {
        int total = ids.length - NGRAM + 1;
        if (total < 20) {
            return null;
        }
        LongSet seen = new LongSet(total);
        int repeats = 0;
        int firstRepeat = -1;
        for (int i = 0; i < total; i++) {
            // Five word ids of up to 2^20 distinct words each would need 100 bits; a 64-bit mix is
            // collision-free in practice for the few hundred thousand 5-grams of a 1 MB answer.
            long key = 0;
            for (int k = 0; k < NGRAM; k++) {
                key = key * 0x9E3779B97F4A7C15L + ids[i + k] + 1;
            }
            if (!seen.add(key)) {
                repeats++;
                if (firstRepeat < 0) {
                    firstRepeat = i;
                }
            }
        }
        double share = repeats / (double) total;
        if (share >= NGRAM_SHARE) {
            int at = w.starts[firstRepeat];
            return new HealthIssue("repetition", String.format(java.util.Locale.ROOT,
                    "%.0f%% of 5-word sequences are repeats", share * 100), Math.min(1.0, share + 0.3),
                    new TextSpan(at, text.length()));
        }
        return null;
    }

    /** A set of longs by open addressing, sized for {@code most} keys: the 5-gram keys without a box each. */
    private static final class LongSet {
        private final long[] keys;
        private final boolean[] used;
        private final int mask;

        LongSet(int most) {
            int capacity = Integer.highestOneBit(Math.max(16, most * 2)) << 1; // load factor at most 1/2
            keys = new long[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
        }

        /** Adds {@code key}; false when it was already there. */
        boolean add(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            int at = (int) (h ^ h >>> 32) & mask;
            while (used[at]) {
                if (keys[at] == key) {
                    return false;
                }
                at = at + 1 & mask;
            }
            used[at] = true;
            keys[at] = key;
            return true;
        }
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
