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
        /** Bit set over {@link Cue} ordinals. */
        long cues;
        /** Per phrase index (its slot): the phrases opening with this word, or null. */
        private Object[] phrases = new Object[0];

        Object phrases(int slot) {
            return slot < phrases.length ? phrases[slot] : null;
        }

        void phrases(int slot, Object list) {
            if (slot >= phrases.length) {
                phrases = Arrays.copyOf(phrases, slot + 1);
            }
            phrases[slot] = list;
        }
    }

    private final Map<String, Word> words = new HashMap<>();
    private int slots;

    /** A fresh slot for a phrase index. */
    int newSlot() {
        return slots++;
    }

    Word intern(String spelling) {
        return words.computeIfAbsent(spelling, k -> new Word());
    }

    /** The word with this spelling, or null when no lexicon mentions it. */
    Word find(String spelling) {
        return words.get(spelling);
    }
}
