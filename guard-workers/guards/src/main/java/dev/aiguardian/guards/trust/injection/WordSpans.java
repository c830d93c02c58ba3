package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words of one view as parallel arrays: each word's [start, end) in the view and, only where it
 * differs from that slice (leetspeak read, apostrophe dropped, spaced letters joined), its text. Most
 * words are their slice, so splitting a text allocates no string per word.
 */
final class WordSpans {
    private int[] starts;
    private int[] ends;
    /** Null where the word is the slice of the view itself. */
    private String[] texts;
    /** The word's value in the trie the split read it with, or {@link #UNKNOWN}. */
    private int[] values;
    private int size;

    WordSpans(int capacity) {
        int c = Math.max(4, capacity);
        starts = new int[c];
        ends = new int[c];
        texts = new String[c];
        values = new int[c];
    }

    /** The value of a word no trie read during the split. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    /** Appends a word: {@code text} null when it is {@code view[start, end)} as written. */
    void add(String text, int start, int end) {
        add(text, start, end, UNKNOWN);
    }

    /** {@link #add(String, int, int)} with the word's trie value, read while splitting. */
    void add(String text, int start, int end, int value) {
        if (size == starts.length) {
            int c = size * 2;
            starts = Arrays.copyOf(starts, c);
            ends = Arrays.copyOf(ends, c);
            texts = Arrays.copyOf(texts, c);
            values = Arrays.copyOf(values, c);
        }
        starts[size] = start;
        ends[size] = end;
        texts[size] = text;
        values[size] = value;
        size++;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** The word's value in the trie given to the split, or {@link #UNKNOWN}. */
    int value(int i) {
        return values[i];
    }

    /** The word's text where it is not its slice of the view, else null. */
    String rewritten(int i) {
        return texts[i];
    }

    /** The word's text, the slice of {@code view} cut out where it is one. */
    String text(int i, String view) {
        return texts[i] != null ? texts[i] : view.substring(starts[i], ends[i]);
    }

    /** Words {@code [from, to)} as records, for the rare paths that rework them (spaced letters). */
    List<WordTokens.Word> words(String view, int from, int to) {
        List<WordTokens.Word> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(new WordTokens.Word(text(i, view), starts[i], ends[i]));
        }
        return out;
    }
}
