package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrase rules compiled for matching: every word reads as one small int (its kind), each slot
 * is a table from kind to accept, and each kind lists the rules it can start. A word then costs one
 * hash lookup, and a word that starts no rule costs nothing more.
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

    private final Map<String, Integer> wordKinds = new HashMap<>();
    /** Slot prefixes by their first char ({@code char < 128}), longest first; the empty prefix apart. */
    private final String[][] prefixesByChar = new String[128][];
    private final String[] emptyPrefix;
    private final Map<String, Integer> prefixKinds = new HashMap<>();
    private final int noneKind;
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
        for (String w : words) {
            wordKinds.put(w, representative.size());
            representative.add(w);
            isWord.add(true);
        }
        for (String p : prefixes) {
            prefixKinds.put(p, representative.size());
            representative.add(p);
            isWord.add(false);
        }
        noneKind = representative.size();
        int count = noneKind + 1;

        List<String> sorted = new ArrayList<>(prefixes);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<List<String>> byChar = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            byChar.add(new ArrayList<>());
        }
        List<String> empty = new ArrayList<>();
        for (String p : sorted) {
            if (p.isEmpty()) {
                empty.add(p);
            } else if (p.charAt(0) < 128) {
                byChar.get(p.charAt(0)).add(p);
            }
            // a prefix starting with a non-ASCII char is looked up through prefixKinds in kindOf
        }
        for (int c = 0; c < 128; c++) {
            prefixesByChar[c] = byChar.get(c).toArray(new String[0]);
        }
        emptyPrefix = empty.toArray(new String[0]);

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
        Integer k = wordKinds.get(w);
        if (k != null) {
            return k;
        }
        if (!w.isEmpty()) {
            char c = w.charAt(0);
            if (c < 128) {
                for (String p : prefixesByChar[c]) {
                    if (w.startsWith(p)) {
                        return prefixKinds.get(p);
                    }
                }
            } else {
                String best = null;
                for (String p : prefixKinds.keySet()) {
                    if (!p.isEmpty() && w.startsWith(p) && (best == null || p.length() > best.length())) {
                        best = p;
                    }
                }
                if (best != null) {
                    return prefixKinds.get(best);
                }
            }
        }
        return emptyPrefix.length > 0 ? prefixKinds.get("") : noneKind;
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
