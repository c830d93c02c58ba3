package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds generalisations about groups: a group noun as the subject of a sentence followed, within a
 * few words, by a stereotype cue ("naturally", "always", "can't", a trait word such as "lazy"), and
 * backhanded comparisons ("good at maths for a girl"). A neutral continuation ("are more likely",
 * "are eligible") or a statistical sentence ends the search, which keeps news and facts quiet.
 */
final class GeneralisationDetector {
    /** How far after the group a cue may appear ("women are just not as good" is five words). */
    private static final int WINDOW = 6;

    private final BiasLexicons lex;

    GeneralisationDetector(BiasLexicons lex) {
        this.lex = lex;
    }

    List<Detection> detect(String text, List<Token> tokens, SentenceCues cues) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            PhraseIndex.Hit<BiasCategory> plural = lex.pluralGroups().longestAt(tokens, cues, i);
            PhraseIndex.Hit<BiasCategory> singular = plural == null
                    ? lex.singularGroups().longestAt(tokens, cues, i) : null;
            if (singular != null) {
                Detection d = backhanded(text, tokens, cues, i, singular);
                if (d != null) {
                    out.add(d);
                    i += singular.length() - 1;
                }
                continue;
            }
            if (plural == null) {
                continue;
            }
            Detection d = predicate(text, tokens, cues, i, plural);
            if (d != null) {
                out.add(d);
            }
            i += plural.length() - 1;
        }
        return out;
    }

    /** "GROUP are naturally …", "all GROUP are …", "GROUP can't …", "GROUP always …". */
    private Detection predicate(String text, List<Token> tokens, SentenceCues cues, int i,
                                PhraseIndex.Hit<BiasCategory> group) {
        Token first = tokens.get(i);
        int sentence = first.sentence();
        int begin = i;
        boolean quantified = false;
        if (i > 0 && tokens.get(i - 1).sentence() == sentence) {
            if (cues.is(i - 1, Cue.QUANTIFIER)) {
                quantified = true;
                begin = i - 1;
            } else if (cues.is(i - 1, Cue.PREPOSITION)) {
                // "programmes for immigrants are …": the group is not the subject.
                return null;
            }
        }
        if (cues.statistic(sentence) && !quantified) {
            return null;
        }
        int after = i + group.length();
        for (int k = after; k < Math.min(tokens.size(), after + WINDOW); k++) {
            Token t = tokens.get(k);
            if (t.sentence() != sentence) {
                return null;
            }
            String w = t.norm();
            if (cues.is(k, Cue.STOP)) {
                return null;
            }
            PhraseIndex.Hit<Severity> phrase = lex.predicates().longestAt(tokens, cues, k);
            if (phrase != null) {
                int end = k + phrase.length() - 1;
                String said = text.substring(t.start(), tokens.get(end).end());
                return found(text, tokens, begin, end, group, phrase.value(), said.toLowerCase(java.util.Locale.ROOT));
            }
            if (cues.is(k, Cue.NEUTRAL)) {
                return null;
            }
            Severity severity = null;
            if (cues.is(k, Cue.TRAIT)) {
                severity = lex.traitSeverity(w);
            } else if (cues.is(k, Cue.INTENSIFIER)) {
                severity = Severity.MEDIUM;
            } else if (cues.is(k, Cue.INABILITY) && !cues.structural(sentence)) {
                severity = Severity.MEDIUM;
            }
            if (severity != null && neutralNext(tokens, cues, k, sentence)) {
                return null; // "just arrived", "aren't allowed": the cue word was not about the group
            }
            if (severity != null) {
                // Evidence runs to the cue and one word further ("bad at"), unless that word opens a new clause.
                int end = k;
                if (k + 1 < tokens.size() && tokens.get(k + 1).sentence() == sentence
                        && !cues.is(k + 1, Cue.STOP)) {
                    end = k + 1;
                }
                return found(text, tokens, begin, end, group, severity, w);
            }
        }
        return null;
    }

    private static Detection found(String text, List<Token> tokens, int begin, int end,
                                   PhraseIndex.Hit<BiasCategory> group, Severity severity, String cue) {
        String evidence = text.substring(tokens.get(begin).start(), tokens.get(end).end());
        BiasFinding f = new BiasFinding(group.value(), "generalisation", tokens.get(begin).start(),
                tokens.get(end).end(), evidence, severity,
                "describe individuals or cite evidence instead of attributing a trait to a whole group",
                "generalisation about a group (" + group.value() + "): '" + cue + "' attributes a trait to all of them");
        return new Detection(f, null);
    }

    private static boolean neutralNext(List<Token> tokens, SentenceCues cues, int k, int sentence) {
        for (int j = k + 1; j < Math.min(tokens.size(), k + 2); j++) {
            if (tokens.get(j).sentence() != sentence) {
                return false;
            }
            if (cues.is(j, Cue.NEUTRAL)) {
                return true;
            }
        }
        return false;
    }

    /** "… for a girl": praise or blame measured against a group ("strong for a woman"). */
    private static Detection backhanded(String text, List<Token> tokens, SentenceCues cues, int i,
                                        PhraseIndex.Hit<BiasCategory> group) {
        int sentence = tokens.get(i).sentence();
        int forAt = i - 1;
        if (forAt >= 0 && (tokens.get(forAt).norm().equals("a") || tokens.get(forAt).norm().equals("an"))) {
            forAt--;
        }
        if (forAt < 0 || !tokens.get(forAt).norm().equals("for") || tokens.get(forAt).sentence() != sentence) {
            return null;
        }
        int endTok = i + group.length() - 1;
        // The comparison closes the clause: "for a girl." not "for a girl who …".
        if (endTok + 1 < tokens.size() && tokens.get(endTok + 1).sentence() == sentence
                && !cues.is(endTok + 1, Cue.CLAUSE_END)) {
            return null;
        }
        for (int k = forAt - 1; k >= Math.max(0, forAt - 4); k--) {
            Token t = tokens.get(k);
            if (t.sentence() != sentence) {
                break;
            }
            if (cues.is(k, Cue.EVALUATIVE)) {
                int start = t.start();
                int end = tokens.get(endTok).end();
                BiasFinding f = new BiasFinding(group.value(), "backhanded_comparison", start, end,
                        text.substring(start, end), Severity.MEDIUM,
                        "drop the comparison with the group (e.g. just '" + t.norm() + "')",
                        "praise or criticism measured against a group (" + group.value() + ") implies a stereotype");
                return new Detection(f, null);
            }
        }
        return null;
    }
}
