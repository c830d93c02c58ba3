package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-word phrases indexed by their first word. A lookup at a token position reads the token's
 * {@link Vocabulary.Word} (found once per text) and compares with the few phrases sharing that first
 * word, so a scan over a text is linear.
 */
public final class PhraseIndex<T> {

    /** A phrase found at a position: its value and how many tokens it spans. */
    public record Hit<T>(T value, int length) {
    }

    private record Phrase<T>(Vocabulary.Word[] words, T value) {
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
        List<Phrase<T>> list = candidates(words[0]);
        if (list == null) {
            list = new ArrayList<>(2);
            words[0].phrases(slot, list);
        }
        list.add(new Phrase<>(words, value));
        // Longest first, so that "native english speaker" wins over "native".
        list.sort(Comparator.comparingInt((Phrase<T> p) -> p.words().length).reversed());
    }

    @SuppressWarnings("unchecked")
    private List<Phrase<T>> candidates(Vocabulary.Word first) {
        return (List<Phrase<T>>) first.phrases(slot);
    }

    /** The longest phrase starting at token {@code i} that stays within one sentence, or null. */
    Hit<T> longestAt(List<Token> tokens, SentenceCues words, int i) {
        Vocabulary.Word first = words.word(i);
        List<Phrase<T>> candidates = first == null ? null : candidates(first);
        if (candidates == null) {
            return null;
        }
        int sentence = tokens.get(i).sentence();
        for (Phrase<T> p : candidates) {
            Vocabulary.Word[] w = p.words();
            if (i + w.length > tokens.size()) {
                continue;
            }
            boolean ok = true;
            for (int k = 1; k < w.length && ok; k++) {
                ok = tokens.get(i + k).sentence() == sentence && words.word(i + k) == w[k];
            }
            if (ok) {
                return new Hit<>(p.value(), w.length);
            }
        }
        return null;
    }

    public boolean contains(String word) {
        Vocabulary.Word w = vocabulary.find(word);
        List<Phrase<T>> l = w == null ? null : candidates(w);
        return l != null && l.stream().anyMatch(p -> p.words().length == 1);
    }
}
