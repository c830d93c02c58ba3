package dev.aiguardian.guards.semantic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into sentence-sized chunks with their offsets: what the classifiers judge one at a
 * time, so that one hostile or overriding sentence is not diluted by a page of benign text, and
 * each finding can say which sentence it is about. Long sentences are cut at a word boundary.
 */
public final class Chunks {
    /** Longer chunks are cut: the model reads at most 256 word pieces, and cost grows with length. */
    static final int MAX_CHARS = 300;
    private static final int MIN_CHARS = 8;

    private Chunks() {
    }

    /** One chunk: [start, end) in the text. */
    public record Chunk(int start, int end, String text) {
    }

    public static List<Chunk> split(String text) {
        List<Chunk> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean boundary = c == '\n' || c == ';'
                    || ((c == '.' || c == '!' || c == '?') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1))));
            if (boundary) {
                add(out, text, start, i + 1);
                start = i + 1;
            } else if (i - start >= MAX_CHARS) {
                int cut = text.lastIndexOf(' ', i);
                cut = cut > start ? cut : i;
                add(out, text, start, cut);
                start = cut;
            }
        }
        add(out, text, start, n);
        return out;
    }

    private static void add(List<Chunk> out, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end - start >= MIN_CHARS) {
            out.add(new Chunk(start, end, text.substring(start, end)));
        }
    }
}
