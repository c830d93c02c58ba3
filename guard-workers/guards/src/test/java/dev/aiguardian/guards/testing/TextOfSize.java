package dev.aiguardian.guards.testing;

/** Benchmark inputs of an exact size: given paragraphs, one after another, round again, cut at the size. */
public final class TextOfSize {
    private TextOfSize() {
    }

    public static String cycle(String[] paragraphs, int size) {
        StringBuilder b = new StringBuilder(size + 512);
        for (int i = 0; b.length() < size; i++) {
            b.append(paragraphs[i % paragraphs.length]);
        }
        return b.substring(0, size);
    }
}
