package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-word phrases indexed by their first word. A lookup at a token position costs a hash probe
 * plus a comparison with the few phrases sharing that first word, so a scan over a text is linear.
 */
public final class PhraseIndex<T> {

    /** A phrase found at a position: its value and how many tokens it spans. */
    public record Hit<T>(T value, int length) {
    }

    private record Phrase<T>(String[] words, T value) {
    }

    private final Map<String, List<Phrase<T>>> byFirst = new HashMap<>();

    public void add(String term, T value) {
        String[] words = WordTokenizer.phrase(term);
        if (words.length == 0) {
            throw new IllegalArgumentException("empty phrase: '" + term + "'");
        }
        List<Phrase<T>> list = byFirst.computeIfAbsent(words[0], k -> new ArrayList<>(2));
        list.add(new Phrase<>(words, value));
        // Longest first, so that "native english speaker" wins over "native".
        list.sort(Comparator.comparingInt((Phrase<T> p) -> p.words().length).reversed());
    }

    /** The longest phrase starting at token {@code i} that stays within one sentence, or null. */
    public Hit<T> longestAt(List<Token> tokens, int i) {
        List<Phrase<T>> candidates = byFirst.get(tokens.get(i).norm());
        if (candidates == null) {
            return null;
        }
        int sentence = tokens.get(i).sentence();
        for (Phrase<T> p : candidates) {
            String[] w = p.words();
            if (i + w.length > tokens.size()) {
                continue;
            }
            boolean ok = true;
            for (int k = 1; k < w.length && ok; k++) {
                Token t = tokens.get(i + k);
                ok = t.sentence() == sentence && t.norm().equals(w[k]);
            }
            if (ok) {
                return new Hit<>(p.value(), w.length);
            }
        }
        return null;
    }

    public boolean contains(String word) {
        List<Phrase<T>> l = byFirst.get(word);
        return l != null && l.stream().anyMatch(p -> p.words().length == 1);
    }
}
