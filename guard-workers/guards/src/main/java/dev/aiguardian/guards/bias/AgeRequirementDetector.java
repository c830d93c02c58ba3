package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds age limits stated as numbers in a requirement sentence: "should be under 35", "aged 25 or
 * younger", "between 22 and 30 years of age", "no one over 45". Limits below {@link #ADULT} are the
 * legal minimums and child fares of ordinary notices ("must be over 18", "under 16s travel free"), not
 * age discrimination, so they stay quiet.
 */
final class AgeRequirementDetector {
    /** Lower bound of the ages a hiring limit is about. */
    private static final int ADULT = 21;
    /** After "over 50": a counted noun ("over 50 applicants") means a number of things, not an age. */
    private static final Set<String> AGE_FOLLOWERS = Set.of("years", "year", "yrs", "or", "and", "only", "need",
            "will", "may", "can", "are", "is", "should", "must", "please", "apply", "preferred", "welcome", "y", "yo");
    private static final Set<String> LIMIT = Set.of("under", "below", "over", "above");
    private static final Set<String> COMPARATIVE = Set.of("younger", "older");
    private static final Set<String> OR_LIMIT = Set.of("younger", "under", "less", "below", "older", "over", "above");

    List<Detection> detect(String text, List<Token> tokens, SentenceCues cues) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!cues.requirement(t.sentence())) {
                continue;
            }
            String w = t.norm();
            int end = -1;
            if (LIMIT.contains(w) && age(tokens, i + 1, t.sentence()) && agePosition(tokens, i + 2, t.sentence())) {
                end = i + 1; // "under 35"
            } else if (COMPARATIVE.contains(w) && next(tokens, i + 1, t.sentence(), "than")
                    && age(tokens, i + 2, t.sentence())) {
                end = i + 2; // "younger than 40"
            } else if (age(tokens, i, t.sentence()) && next(tokens, i + 1, t.sentence(), "or")
                    && i + 2 < tokens.size() && OR_LIMIT.contains(tokens.get(i + 2).norm())) {
                end = i + 2; // "25 or younger"
            } else if (w.equals("between") && age(tokens, i + 1, t.sentence()) && next(tokens, i + 2, t.sentence(), "and")
                    && age(tokens, i + 3, t.sentence()) && agePosition(tokens, i + 4, t.sentence())) {
                end = i + 3; // "between 22 and 30 years"
            }
            if (end < 0) {
                continue;
            }
            int start = t.start();
            int stop = tokens.get(end).end();
            out.add(new Detection(new BiasFinding(BiasCategory.AGE, "exclusionary_requirement", start, stop,
                    text.substring(start, stop), Severity.MEDIUM, "state the skills or experience needed instead of an age",
                    LexiconDetector.explain("exclusionary_requirement", BiasCategory.AGE)), null));
            i = end;
        }
        return out;
    }

    /** A whole number from {@link #ADULT} to 99 at {@code k}, in the sentence. */
    private static boolean age(List<Token> tokens, int k, int sentence) {
        if (k >= tokens.size() || tokens.get(k).sentence() != sentence) {
            return false;
        }
        String w = tokens.get(k).norm();
        if (w.length() != 2 || !Character.isDigit(w.charAt(0)) || !Character.isDigit(w.charAt(1))) {
            return false;
        }
        return Integer.parseInt(w) >= ADULT;
    }

    /** The number ends the sentence or is followed by a word that keeps it an age. */
    private static boolean agePosition(List<Token> tokens, int k, int sentence) {
        return k >= tokens.size() || tokens.get(k).sentence() != sentence || AGE_FOLLOWERS.contains(tokens.get(k).norm());
    }

    private static boolean next(List<Token> tokens, int k, int sentence, String word) {
        return k < tokens.size() && tokens.get(k).sentence() == sentence && tokens.get(k).norm().equals(word);
    }
}
