package dev.aiguardian.guards.semantic;

import java.util.List;

/**
 * What the model has recently cost per character of text, learned from its own calls: how the
 * layer decides how many sentences one model call can take within what is left of a request's
 * budget. Characters stand in for word pieces (pure guard code has no tokenizer; a word piece is
 * about four characters of English). Thread-safe: racing updates only lose one observation.
 */
final class ModelCost {
    // Start pessimistic (about 3x an idle core with one intra-op thread, docs/benchmarks.md) so the
    // first calls of a process take few sentences; the average follows the machine within a few calls.
    private static final double INITIAL_NANOS_PER_CHAR = 50_000;
    private static final double WEIGHT_OF_NEW = 0.2;

    private volatile double nanosPerChar = INITIAL_NANOS_PER_CHAR;

    /** How many of {@code texts}, from the first, fit in {@code remainingNanos}: at least one. */
    int affordable(List<String> texts, long remainingNanos) {
        double perChar = nanosPerChar;
        double predicted = 0;
        int n = 0;
        for (String t : texts) {
            predicted += t.length() * perChar;
            if (n > 0 && predicted > remainingNanos) {
                break;
            }
            n++;
        }
        return n;
    }

    void observe(List<String> texts, long nanos) {
        long chars = 0;
        for (String t : texts) {
            chars += t.length();
        }
        if (chars > 0) {
            nanosPerChar = (1 - WEIGHT_OF_NEW) * nanosPerChar + WEIGHT_OF_NEW * ((double) nanos / chars);
        }
    }

    double nanosPerChar() {
        return nanosPerChar;
    }
}
