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

    /** One rule with its slots as accept tables indexed by kind; {@code id} is its bit in a {@link #viable} set. */
    record Compiled(int id, PhraseRule rule, PhraseRule.Kind[] kinds, boolean[][] accepts, int[] max,
            boolean[] notAfter, boolean[] notBefore) {
    }

    /** Every slot word and slot prefix, to its kind. */
    private final WordTrie kindTrie;
    /** The kind of a word that is no slot word and starts with no non-empty slot prefix. */
    private final int fallbackKind;
    private final Compiled[][] candidates;
    /**
     * Per kind, the rules one of whose two most selective required slots (a one-word slot after the first) accepts
     * a word of that kind, as bits by rule id: the first slot's set in {@code [0, w)}, the second's in {@code [w, 2w)}
     * (one row per kind, so a word costs one array read). A rule with one required slot has it in both halves, one
     * with none is in {@link #noRequirement}. A rule can match in a view only if both of its bits are set in the row
     * ORed over the view's words.
     */
    private final long[][] required;
    private final long[] noRequirement;
    private final int bitWords;

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
        bitWords = (rules.size() + 63) / 64;
        required = new long[count][2 * bitWords];
        noRequirement = new long[2 * bitWords];
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
            int id = compiled.size();
            compiled.add(new Compiled(id, r, kinds, accepts, max, table(r.notAfter(), representative, isWord, count),
                    table(r.notBefore(), representative, isWord, count)));
            requireSelectiveSlots(id, kinds, accepts);
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

    /** Records rule {@code id}'s two required slots that accept the fewest kinds (one twice, or none). */
    private void requireSelectiveSlots(int id, PhraseRule.Kind[] kinds, boolean[][] accepts) {
        int first = -1;
        int second = -1;
        for (int slot = 1; slot < kinds.length; slot++) {
            if (kinds[slot] != PhraseRule.Kind.ONE) {
                continue;
            }
            if (first < 0 || accepted(accepts[slot]) < accepted(accepts[first])) {
                second = first;
                first = slot;
            } else if (second < 0 || accepted(accepts[slot]) < accepted(accepts[second])) {
                second = slot;
            }
        }
        if (first < 0) {
            noRequirement[id >>> 6] |= 1L << id;
            noRequirement[bitWords + (id >>> 6)] |= 1L << id;
            return;
        }
        int other = second < 0 ? first : second;
        for (int k = 0; k < required.length; k++) {
            if (accepts[first][k]) {
                required[k][id >>> 6] |= 1L << id;
            }
            if (accepts[other][k]) {
                required[k][bitWords + (id >>> 6)] |= 1L << id;
            }
        }
    }

    private static int accepted(boolean[] table) {
        int n = 0;
        for (boolean b : table) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /**
     * The rules that can match somewhere in words of {@code kinds[0, n)}, as bits by rule id: a rule whose required
     * slot accepts no word of the view cannot, so it need not be tried at each word that could start it. A cheap
     * necessary condition only: most rules a word like "the" or "ignore" starts need a word the text does not have.
     */
    long[] viable(int[] kinds, int n) {
        long[] acc = noRequirement.clone();
        int w = acc.length;
        for (int t = 0; t < n; t++) {
            long[] row = required[kinds[t]];
            for (int i = 0; i < w; i++) {
                acc[i] |= row[i];
            }
        }
        long[] out = new long[bitWords];
        for (int i = 0; i < bitWords; i++) {
            out[i] = acc[i] & acc[bitWords + i];
        }
        return out;
    }

    /** Whether {@code c} is in a set returned by {@link #viable}. */
    static boolean isViable(long[] viable, Compiled c) {
        return (viable[c.id >>> 6] & (1L << c.id)) != 0;
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

    /** {@code s} split into words by {@code tokens}, each word that is its own slice given its kind in the same pass. */
    WordSpans spans(WordTokens tokens, String s) {
        return tokens.spans(s, kindTrie, fallbackKind);
    }

    /** The kind of word {@code t} of {@code words}, a split of {@code s} by {@link #spans}. */
    int kindOf(WordSpans words, int t, String s) {
        int kind = words.value(t);
        if (kind != WordSpans.UNKNOWN) {
            return kind;
        }
        String rewritten = words.rewritten(t);
        return rewritten == null ? kindOf(s, words.start(t), words.end(t)) : kindOf(rewritten);
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
