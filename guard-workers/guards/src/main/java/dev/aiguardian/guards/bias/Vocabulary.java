package dev.aiguardian.guards.bias;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every word the bias lexicons know, one object per spelling holding all that is known about it (its cue
 * kinds, the phrases of each index that open with it), so that a token costs one hash probe per text and
 * phrase words compare by identity.
 */
final class Vocabulary {
    /** One known word. */
    static final class Word {
        /** Its spelling, which a token of this word uses as its {@link Token#norm()} instead of a copy. */
        final String spelling;
        /** {@code spelling.hashCode()}, as the tokenizer computes it while it writes the word. */
        final int hash;
        /** Its number in order of first mention, for small tables keyed by word. */
        final int id;
        /** The spelling's chars, compared with a token's buffer without going through the string. */
        private final char[] chars;
        /** Bit set over {@link Cue} ordinals. */
        long cues;
        /** Per phrase index (its slot): the phrases opening with this word, or null. */
        private Object[] phrases = new Object[0];

        Object phrases(int slot) {
            return slot < phrases.length ? phrases[slot] : null;
        }

        Word(String spelling, int id) {
            this.spelling = spelling;
            this.hash = spelling.hashCode();
            this.id = id;
            this.chars = spelling.toCharArray();
        }

        void phrases(int slot, Object list) {
            if (slot >= phrases.length) {
                phrases = Arrays.copyOf(phrases, slot + 1);
            }
            phrases[slot] = list;
        }
    }

    private final Map<String, Word> words = new HashMap<>();
    /** The same words, open addressing by {@link Word#hash}, so a word is found from a char buffer; half full at most. */
    private Word[] table = new Word[1024];
    private int slots;

    /** A fresh slot for a phrase index. */
    int newSlot() {
        return slots++;
    }

    Word intern(String spelling) {
        Word w = words.get(spelling);
        if (w == null) {
            w = new Word(spelling, words.size());
            words.put(spelling, w);
            if (words.size() * 2 > table.length) {
                Word[] old = table;
                table = new Word[old.length * 2];
                for (Word o : old) {
                    if (o != null) {
                        place(o);
                    }
                }
            }
            place(w);
        }
        return w;
    }

    private void place(Word w) {
        int mask = table.length - 1;
        int at = mix(w.hash) & mask;
        while (table[at] != null) {
            at = at + 1 & mask;
        }
        table[at] = w;
    }

    private static int mix(int h) {
        return h ^ h >>> 16;
    }

    /**
     * The word spelled {@code buf[0 .. len)}, whose {@code String.hashCode()} is {@code h}, or null: the same answer
     * as {@link #find(String)} without making the string.
     */
    Word find(char[] buf, int len, int h) {
        Word[] t = table;
        int mask = t.length - 1;
        for (int at = mix(h) & mask; ; at = at + 1 & mask) {
            Word w = t[at];
            if (w == null) {
                return null;
            }
            if (w.hash == h && equal(w.chars, buf, len)) {
                return w;
            }
        }
    }

    private static boolean equal(char[] s, char[] buf, int len) {
        if (s.length != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (s[k] != buf[k]) {
                return false;
            }
        }
        return true;
    }

    /** The word with this spelling, or null when no lexicon mentions it. */
    Word find(String spelling) {
        return words.get(spelling);
    }
}
