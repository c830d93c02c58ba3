package dev.aiguardian.guards.bias;

import java.util.List;

/**
 * Per-token cue kinds and per-sentence facts computed once per text, so that context checks cost
 * O(1) per token: one lexicon probe per word instead of one per question asked about it.
 */
final class SentenceCues {
    /** Per token: what the lexicons know about its word, or null. */
    private final Vocabulary.Word[] words;
    /** Per token: its {@link Cue} kinds as a bit set. */
    private final long[] kinds;
    private final boolean[] requirement;
    private final boolean[] structural;
    private final boolean[] statistic;

    /** @param words per token, what the lexicons know about its word (as {@link WordTokenizer} found it), or null */
    SentenceCues(List<Token> tokens, Vocabulary.Word[] words) {
        int sentences = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).sentence() + 1;
        this.words = words;
        kinds = new long[tokens.size()];
        requirement = new boolean[sentences];
        structural = new boolean[sentences];
        statistic = new boolean[sentences];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Vocabulary.Word w = words[i];
            long k = w == null ? 0L : w.cues;
            kinds[i] = k;
            int s = t.sentence();
            requirement[s] |= (k & Cue.REQUIREMENT.bit()) != 0;
            structural[s] |= (k & Cue.STRUCTURAL.bit()) != 0;
            statistic[s] |= (k & Cue.STATISTIC.bit()) != 0 || Character.isDigit(t.norm().charAt(0));
        }
    }

    /** What the lexicons know about token {@code i}'s word, or null. */
    Vocabulary.Word word(int i) {
        return words[i];
    }

    /** Whether token {@code i} is a cue word of the given kind. */
    boolean is(int i, Cue kind) {
        return (kinds[i] & kind.bit()) != 0;
    }

    /** Whether token {@code i} is a cue word of any of the kinds in the bit set {@code kinds}. */
    boolean any(int i, long set) {
        return (kinds[i] & set) != 0;
    }

    /** A job-ad or eligibility sentence ("must", "required", "candidates"...). */
    boolean requirement(int sentence) {
        return requirement[sentence];
    }

    /** The sentence explains a barrier ("because", "without", "afford"...), not a trait of a group. */
    boolean structural(int sentence) {
        return structural[sentence];
    }

    /** The sentence reports numbers or research, the usual shape of a neutral mention. */
    boolean statistic(int sentence) {
        return statistic[sentence];
    }
}
