package dev.aiguardian.guards.bias;

import java.util.List;

/** Per-sentence facts computed once per text, so that context checks cost O(1) per token. */
final class SentenceCues {
    private final boolean[] requirement;
    private final boolean[] structural;
    private final boolean[] statistic;

    SentenceCues(List<Token> tokens, BiasLexicons lex) {
        int sentences = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).sentence() + 1;
        requirement = new boolean[sentences];
        structural = new boolean[sentences];
        statistic = new boolean[sentences];
        for (Token t : tokens) {
            String w = t.norm();
            int s = t.sentence();
            requirement[s] |= lex.is("requirement", w);
            structural[s] |= lex.is("structural", w);
            statistic[s] |= lex.is("statistic", w) || Character.isDigit(w.charAt(0));
        }
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
