package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-word phrases indexed by their first word. A lookup at a token position reads the token's
 * {@link Vocabulary.Word} (found once per text) and compares with the few phrases sharing its first two
 * words, so a scan over a text is linear.
 */
public final class PhraseIndex<T> {

    /** A phrase found at a position: its value and how many tokens it spans. */
    public record Hit<T>(T value, int length) {
    }

    private record Phrase<T>(Vocabulary.Word[] words, T value) {
    }

    /**
     * The phrases opening with one word: all of them longest first (stable, so the earlier of two equally long
     * ones wins), and the same split for the look-up: the longer ones by their second word, and the first
     * one-word phrase as a ready hit. Only phrases whose second word is the text's next word can match, so a
     * look-up reads those instead of every phrase sharing a common first word ("older", "women", "people").
     */
    private static final class Entry<T> {
        final List<Phrase<T>> all = new ArrayList<>(2);
        /** The second words of the longer phrases, by open addressing on {@link Vocabulary.Word#id}; at most half full. */
        Vocabulary.Word[] seconds = new Vocabulary.Word[0];
        /** Beside each second word: the longer phrases it continues, longest first. */
        List<List<Phrase<T>>> bySecond = List.of();
        Hit<T> single;

        void add(Phrase<T> phrase) {
            all.add(phrase);
            all.sort(Comparator.comparingInt((Phrase<T> p) -> p.words().length).reversed());
            Map<Vocabulary.Word, List<Phrase<T>>> split = new LinkedHashMap<>();
            single = null;
            for (Phrase<T> p : all) {
                if (p.words().length > 1) {
                    split.computeIfAbsent(p.words()[1], k -> new ArrayList<>(1)).add(p);
                } else if (single == null) {
                    single = new Hit<>(p.value(), 1);
                }
            }
            int size = split.isEmpty() ? 0 : Integer.highestOneBit(split.size()) * 4;
            seconds = new Vocabulary.Word[size];
            List<List<Phrase<T>>> lists = new ArrayList<>(java.util.Collections.nCopies(size, null));
            split.forEach((second, list) -> {
                int at = slot(second, size);
                while (seconds[at] != null) {
                    at = at + 1 & size - 1;
                }
                seconds[at] = second;
                lists.set(at, list);
            });
            bySecond = lists;
        }

        /** The longer phrases whose second word is {@code second}, or null. */
        List<Phrase<T>> continuedBy(Vocabulary.Word second) {
            Vocabulary.Word[] keys = seconds;
            if (keys.length == 0) {
                return null;
            }
            for (int at = slot(second, keys.length); ; at = at + 1 & keys.length - 1) {
                Vocabulary.Word k = keys[at];
                if (k == second) {
                    return bySecond.get(at);
                }
                if (k == null) {
                    return null;
                }
            }
        }

        private static int slot(Vocabulary.Word w, int size) {
            int h = w.id * 0x9E3779B9;
            return (h ^ h >>> 16) & size - 1;
        }
    }

    private final Vocabulary vocabulary;
    private final int slot;

    PhraseIndex(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.slot = vocabulary.newSlot();
    }

    public void add(String term, T value) {
        String[] spelled = WordTokenizer.phrase(term);
        if (spelled.length == 0) {
            throw new IllegalArgumentException("empty phrase: '" + term + "'");
        }
        Vocabulary.Word[] words = new Vocabulary.Word[spelled.length];
        for (int k = 0; k < spelled.length; k++) {
            words[k] = vocabulary.intern(spelled[k]);
        }
        Entry<T> entry = entry(words[0]);
        if (entry == null) {
            entry = new Entry<>();
            words[0].phrases(slot, entry);
        }
        // Longest first, so that "native english speaker" wins over "native".
        entry.add(new Phrase<>(words, value));
    }

    @SuppressWarnings("unchecked")
    private Entry<T> entry(Vocabulary.Word first) {
        return (Entry<T>) first.phrases(slot);
    }

    /** The longest phrase starting at token {@code i} that stays within one sentence, or null. */
    Hit<T> longestAt(List<Token> tokens, SentenceCues words, int i) {
        Vocabulary.Word first = words.word(i);
        Entry<T> entry = first == null ? null : entry(first);
        if (entry == null) {
            return null;
        }
        if (i + 1 < tokens.size() && entry.seconds.length > 0) {
            Vocabulary.Word second = words.word(i + 1);
            int sentence = tokens.get(i).sentence();
            List<Phrase<T>> candidates = second == null ? null : entry.continuedBy(second);
            if (candidates != null && tokens.get(i + 1).sentence() == sentence) {
                for (Phrase<T> p : candidates) {
                    Vocabulary.Word[] w = p.words();
                    if (i + w.length > tokens.size()) {
                        continue;
                    }
                    boolean ok = true;
                    for (int k = 2; k < w.length && ok; k++) {
                        ok = tokens.get(i + k).sentence() == sentence && words.word(i + k) == w[k];
                    }
                    if (ok) {
                        return new Hit<>(p.value(), w.length);
                    }
                }
            }
        }
        return entry.single;
    }

    public boolean contains(String word) {
        Vocabulary.Word w = vocabulary.find(word);
        Entry<T> e = w == null ? null : entry(w);
        return e != null && e.single != null;
    }
}
