package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Maps a word, read straight from a range of a string, to the value of its exact entry or else of its
 * longest prefix entry. One step per char and no copy of the word: most words leave the trie within a
 * char or two, where a hash lookup would first hash a freshly cut substring.
 */
final class WordTrie {
    private static final int NONE = -1;

    /** Per node: the value of the word ending here, of the prefix ending here, or NONE. */
    private final int[] wordValue;
    private final int[] prefixValue;
    /** Per node: its children as a table over [lowest[node], lowest[node] + children[node].length), 0 for none. */
    private final char[] lowest;
    private final int[][] children;

    private WordTrie(int[] wordValue, int[] prefixValue, char[] lowest, int[][] children) {
        this.wordValue = wordValue;
        this.prefixValue = prefixValue;
        this.lowest = lowest;
        this.children = children;
    }

    /**
     * The value of {@code s[from, to)}: its word entry, else its longest non-empty prefix entry, else
     * {@code fallback}.
     */
    int lookup(String s, int from, int to, int fallback) {
        int best = fallback;
        int node = 0;
        for (int i = from; i < to; i++) {
            node = child(node, s.charAt(i));
            if (node < 0) {
                return best;
            }
            best = prefixValue(node, best);
        }
        return value(node, best);
    }

    /** The child of {@code node} by {@code c}, or -1: one step of {@link #lookup}, for a caller that reads the chars itself. */
    int child(int node, char c) {
        int[] next = children[node];
        int k = c - lowest[node];
        return k < 0 || k >= next.length || next[k] == 0 ? -1 : next[k];
    }

    /** The prefix value of {@code node} if it has one, else {@code best}. */
    int prefixValue(int node, int best) {
        return prefixValue[node] != NONE ? prefixValue[node] : best;
    }

    /** The value of the word ending at {@code node}: its word entry, else {@code best} (the longest prefix's). */
    int value(int node, int best) {
        return wordValue[node] != NONE ? wordValue[node] : best;
    }

    /** Collects entries, then freezes them into a {@link WordTrie}. */
    static final class Builder {
        private final List<TreeMap<Character, Integer>> edges = new ArrayList<>();
        private final List<int[]> values = new ArrayList<>();

        Builder() {
            addNode();
        }

        /** {@code word} itself has value {@code value}. */
        Builder word(String word, int value) {
            values.get(node(word))[0] = value;
            return this;
        }

        /** Words starting with the non-empty {@code prefix} have value {@code value}, unless a longer entry says otherwise. */
        Builder prefix(String prefix, int value) {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("the empty prefix is the lookup's fallback, not an entry");
            }
            values.get(node(prefix))[1] = value;
            return this;
        }

        WordTrie build() {
            int n = edges.size();
            int[] word = new int[n];
            int[] prefix = new int[n];
            char[] lowest = new char[n];
            int[][] children = new int[n][];
            for (int k = 0; k < n; k++) {
                word[k] = values.get(k)[0];
                prefix[k] = values.get(k)[1];
                TreeMap<Character, Integer> e = edges.get(k);
                if (e.isEmpty()) {
                    children[k] = new int[0];
                    continue;
                }
                char low = e.firstKey();
                int[] table = new int[e.lastKey() - low + 1];
                e.forEach((c, child) -> table[c - low] = child);
                lowest[k] = low;
                children[k] = table;
            }
            return new WordTrie(word, prefix, lowest, children);
        }

        private int node(String key) {
            int node = 0;
            for (int i = 0; i < key.length(); i++) {
                Integer child = edges.get(node).get(key.charAt(i));
                if (child == null) {
                    child = addNode();
                    edges.get(node).put(key.charAt(i), child);
                }
                node = child;
            }
            return node;
        }

        private int addNode() {
            edges.add(new TreeMap<>());
            values.add(new int[] {NONE, NONE});
            return edges.size() - 1;
        }
    }
}
