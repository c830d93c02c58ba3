package dev.aiguardian.guards.context;

import java.util.ArrayList;
import java.util.List;

import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * The concept lexicon's domains embedded once, as everyday topics a turn can be nearer to than to its
 * session: "nearer the session than cooking?" asks more than a raw cosine, whose meaning depends on how
 * tight the session is. Test scope: only {@link DriftFeatureTool} uses it, since no detector change built on it
 * passed the held-out gate (docs/guards/semantic.md, drift-v7); the rejected detector patches embedded it at start-up.
 */
final class BackgroundTopics {
    /** A domain's name and the turn's cosine to it. */
    record Nearest(String name, double similarity) {
    }

    private final List<String> names;
    private final List<float[]> vectors;

    BackgroundTopics(List<String> names, List<float[]> vectors) {
        this.names = List.copyOf(names);
        this.vectors = List.copyOf(vectors);
    }

    /** Embeds each "concept: words" line of the lexicon once (91 lines, about a second at start-up). */
    static BackgroundTopics embed(SemanticLayer layer) {
        List<String> names = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (String line : TextAnalyzer.wordList("/context/concepts.txt")) {
            int colon = line.indexOf(':');
            names.add(line.substring(0, colon).strip());
            vectors.add(Vectors.normalized(layer.embedTurn(line.substring(colon + 1).strip(), layer.budget())));
        }
        return new BackgroundTopics(names, vectors);
    }

    /**
     * The domain nearest the turn among those whose cosine to the session centroid is below
     * {@code neighbourhood}: the session's own domain and its neighbours are not "somewhere else".
     * Null when every domain is in the neighbourhood.
     */
    Nearest nearest(float[] turn, float[] centroid, double neighbourhood) {
        Nearest best = null;
        for (int i = 0; i < vectors.size(); i++) {
            if (Vectors.cosine(vectors.get(i), centroid) >= neighbourhood) {
                continue;
            }
            double sim = Vectors.cosine(turn, vectors.get(i));
            if (best == null || sim > best.similarity()) {
                best = new Nearest(names.get(i), sim);
            }
        }
        return best;
    }

    /** How well the lexicon's domains cover the session: the centroid's cosine to its nearest domain. */
    Nearest coverage(float[] centroid) {
        Nearest best = null;
        for (int i = 0; i < vectors.size(); i++) {
            double sim = Vectors.cosine(vectors.get(i), centroid);
            if (best == null || sim > best.similarity()) {
                best = new Nearest(names.get(i), sim);
            }
        }
        return best;
    }
}
