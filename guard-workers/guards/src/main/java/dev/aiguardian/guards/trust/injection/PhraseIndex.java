package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The phrase rules compiled for matching: every word reads as one small int (its kind), each slot
 * is a table from kind to accept, and each kind lists the rules it can start. A word then costs one
 * walk of a trie, and a word that starts no rule costs nothing more.
 *
 * <p>Kinds: each word some slot names has its own; any other word is classed by the longest slot
 * prefix it starts with ("instructionz" as "instruct*"), or by none. Two words of one kind are
 * accepted by exactly the same slots, so the tables answer as {@link PhraseRule.Slot#accepts} does.
 */
final class PhraseIndex {

    /** One rule with its slots as accept tables indexed by kind. */
    record Compiled(PhraseRule rule, PhraseRule.Kind[] kinds, boolean[][] accepts, int[] max, boolean[] notAfter,
            boolean[] notBefore) {
    }

    /** Every slot word and slot prefix, to its kind. */
    private final WordTrie kindTrie;
    /** The kind of a word that is no slot word and starts with no non-empty slot prefix. */
    private final int fallbackKind;
    private final Compiled[][] candidates;

    PhraseIndex(List<PhraseRule> rules) {
        Set<String> words = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (PhraseRule r : rules) {
            for (PhraseRule.Slot s : r.allSlots()) {
                words.addAll(s.words());
                prefixes.addAll(s.prefixes());
            }
        }
        // A representative per kind: the word itself, or the class's prefix read as a word outside the vocabulary.
        List<String> representative = new ArrayList<>();
        List<Boolean> isWord = new ArrayList<>();
        WordTrie.Builder trie = new WordTrie.Builder();
        for (String w : words) {
            trie.word(w, representative.size());
            representative.add(w);
            isWord.add(true);
        }
        int emptyPrefixKind = -1;
        for (String p : prefixes) {
            if (p.isEmpty()) {
                emptyPrefixKind = representative.size();
            } else {
                trie.prefix(p, representative.size());
            }
            representative.add(p);
            isWord.add(false);
        }
        int noneKind = representative.size();
        int count = noneKind + 1;
        kindTrie = trie.build();
        fallbackKind = emptyPrefixKind >= 0 ? emptyPrefixKind : noneKind;

        List<Compiled> compiled = new ArrayList<>();
        for (PhraseRule r : rules) {
            PhraseRule.Slot[] slots = r.slots();
            PhraseRule.Kind[] kinds = new PhraseRule.Kind[slots.length];
            boolean[][] accepts = new boolean[slots.length][];
            int[] max = new int[slots.length];
            for (int i = 0; i < slots.length; i++) {
                kinds[i] = slots[i].kind();
                max[i] = slots[i].max();
                accepts[i] = table(slots[i], representative, isWord, count);
            }
            compiled.add(new Compiled(r, kinds, accepts, max, table(r.notAfter(), representative, isWord, count),
                    table(r.notBefore(), representative, isWord, count)));
        }
        // The order rules are tried in (and so findings are made in): those whose first slot names the word, then
        // those whose first slot has a prefix and accepts the word, each in file order.
        candidates = new Compiled[count][];
        for (int k = 0; k < count; k++) {
            List<Compiled> list = new ArrayList<>();
            for (Compiled c : compiled) {
                if (k < representative.size() && isWord.get(k) && c.rule().firstWords().contains(representative.get(k))) {
                    list.add(c);
                }
            }
            for (Compiled c : compiled) {
                if (c.rule().firstHasPrefixes() && c.accepts()[0][k]) {
                    list.add(c);
                }
            }
            candidates[k] = list.isEmpty() ? null : list.toArray(new Compiled[0]);
        }
    }

    private static boolean[] table(PhraseRule.Slot slot, List<String> representative, List<Boolean> isWord, int count) {
        if (slot == null) {
            return null;
        }
        boolean[] t = new boolean[count];
        for (int k = 0; k < representative.size(); k++) {
            String r = representative.get(k);
            t[k] = isWord.get(k) ? slot.accepts(r) : slot.acceptsPrefixOf(r);
        }
        return t;
    }

    /** The kind of word {@code w}. */
    int kindOf(String w) {
        return kindOf(w, 0, w.length());
    }

    /** The kind of the word {@code s[from, to)}, read in place. */
    int kindOf(String s, int from, int to) {
        return kindTrie.lookup(s, from, to, fallbackKind);
    }

    /** The rules a word of {@code kind} can start, in the order they are tried; null when none. */
    Compiled[] candidates(int kind) {
        return candidates[kind];
    }

    /** End (exclusive word index) of a match of {@code c} starting at word {@code at} of {@code kinds[0, n)}, or -1. */
    static int matchAt(Compiled c, int[] kinds, int n, int at) {
        if (c.notBefore != null && at > 0 && c.notBefore[kinds[at - 1]]) {
            return -1;
        }
        return match(c, kinds, n, 0, at);
    }

    private static int match(Compiled c, int[] kinds, int n, int slot, int at) {
        if (slot == c.kinds.length) {
            if (c.notAfter != null && at < n && c.notAfter[kinds[at]]) {
                return -1;
            }
            return at;
        }
        boolean[] accepts = c.accepts[slot];
        switch (c.kinds[slot]) {
            case ONE:
                return at < n && accepts[kinds[at]] ? match(c, kinds, n, slot + 1, at + 1) : -1;
            case OPTIONAL: {
                int k = 0;
                while (k < c.max[slot] && at + k < n && accepts[kinds[at + k]]) {
                    k++;
                }
                for (; k >= 0; k--) {
                    int r = match(c, kinds, n, slot + 1, at + k);
                    if (r >= 0) {
                        return r;
                    }
                }
                return -1;
            }
            default: {
                for (int g = 0; g <= c.max[slot] && at + g <= n; g++) {
                    int r = match(c, kinds, n, slot + 1, at + g);
                    if (r >= 0) {
                        return r;
                    }
                }
                return -1;
            }
        }
    }
}
