package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.List;

/** Finds lexicon terms (slurs, profanity, gendered titles, exclusionary phrases) in context. */
final class LexiconDetector {
    private final BiasLexicons lex;

    LexiconDetector(BiasLexicons lex) {
        this.lex = lex;
    }

    List<Detection> detect(String text, List<Token> tokens, SentenceCues cues) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            PhraseIndex.Hit<LexiconEntry> hit = lex.terms().longestAt(tokens, cues, i);
            if (hit == null) {
                LexiconEntry maskedWord = lex.masked(tokens.get(i).norm());
                if (maskedWord == null) {
                    continue;
                }
                hit = new PhraseIndex.Hit<>(maskedWord, 1);
            }
            LexiconEntry e = hit.value();
            Token first = tokens.get(i);
            Token last = tokens.get(i + hit.length() - 1);
            BiasCategory category = e.category();
            int start = first.start();
            switch (e.context()) {
                case "directed" -> {
                    if (!directedAtSomeone(tokens, cues, i)) {
                        continue;
                    }
                }
                case "requirement" -> {
                    if (!cues.requirement(first.sentence())) {
                        continue;
                    }
                }
                case "lookback" -> {
                    // "<who> need not apply": the excluded group decides the category.
                    int from = lookbackGroup(tokens, i);
                    if (from < 0) {
                        continue;
                    }
                    start = tokens.get(from).start();
                    category = groupCategory(tokens, cues, from, i, category);
                }
                default -> {
                }
            }
            if (e.type().equals("gendered_term") && namedPerson(tokens, i, i + hit.length())) {
                continue; // "chairman Jerome Powell": the title of a known person, not a generic role
            }
            String evidence = text.substring(start, last.end());
            String suggestion = e.alternatives().isEmpty() ? "remove or rephrase" : String.join(" / ", e.alternatives());
            String replacement = e.rewrite().isEmpty() ? null
                    : e.rewrite().equals("*") ? mask(evidence) : e.rewrite();
            out.add(new Detection(new BiasFinding(category, e.type(), start, last.end(), evidence, e.severity(),
                    suggestion, explain(e.type(), category)), replacement));
            i += hit.length() - 1;
        }
        return out;
    }

    /** A full name (two capitalised words) within a few words of the term, in the same sentence. */
    private static boolean namedPerson(List<Token> tokens, int from, int to) {
        int sentence = tokens.get(from).sentence();
        for (int k = Math.max(1, from - 3); k < Math.min(tokens.size(), to + 6); k++) {
            Token a = tokens.get(k - 1);
            Token b = tokens.get(k);
            if ((k - 1 < from || k - 1 >= to) && a.sentence() == sentence && b.sentence() == sentence
                    && a.capitalised() && b.capitalised() && k - 1 != firstOfSentence(tokens, k - 1)) {
                return true;
            }
        }
        return false;
    }

    private static int firstOfSentence(List<Token> tokens, int k) {
        int s = tokens.get(k).sentence();
        while (k > 0 && tokens.get(k - 1).sentence() == s) {
            k--;
        }
        return k;
    }

    private static boolean directedAtSomeone(List<Token> tokens, SentenceCues cues, int i) {
        int sentence = tokens.get(i).sentence();
        for (int k = i - 1; k >= Math.max(0, i - 3); k--) {
            Token t = tokens.get(k);
            if (t.sentence() != sentence) {
                return false;
            }
            if (cues.is(k, Cue.DIRECTED)) {
                return true;
            }
        }
        return false;
    }

    /** The first token of the excluded group before "need not apply", or -1 when there is none. */
    private int lookbackGroup(List<Token> tokens, int i) {
        int sentence = tokens.get(i).sentence();
        int from = -1;
        for (int k = i - 1; k >= Math.max(0, i - 5); k--) {
            if (tokens.get(k).sentence() != sentence) {
                break;
            }
            from = k;
        }
        return from;
    }

    private BiasCategory groupCategory(List<Token> tokens, SentenceCues cues, int from, int to, BiasCategory fallback) {
        for (int k = from; k < to; k++) {
            PhraseIndex.Hit<BiasCategory> g = lex.pluralGroups().longestAt(tokens, cues, k);
            if (g == null) {
                g = lex.singularGroups().longestAt(tokens, cues, k);
            }
            if (g != null) {
                return g.value();
            }
            String w = tokens.get(k).norm();
            if (Character.isDigit(w.charAt(0)) || w.equals("over") || w.equals("under") || w.equals("older")) {
                return BiasCategory.AGE;
            }
        }
        return fallback;
    }

    static String mask(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean wordStart = true;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isLetterOrDigit(c) || "*@$!".indexOf(c) >= 0) {
                b.append(wordStart ? c : '*');
                wordStart = false;
            } else {
                b.append(c);
                wordStart = true;
            }
        }
        return b.toString();
    }

    static String explain(String type, BiasCategory category) {
        return switch (type) {
            case "slur" -> "slur or derogatory term (" + category + ")";
            case "profanity" -> "profanity";
            case "insult" -> "insult aimed at a person";
            case "threat" -> "threat or incitement to self-harm";
            case "gendered_term" -> "gendered term where a neutral one exists";
            case "exclusionary_requirement" -> "requirement that excludes people by " + category;
            case "stereotype" -> "stereotyping phrase (" + category + ")";
            case "ableist_idiom" -> "idiom that uses a disability or illness as an insult or intensifier";
            case "outdated_term" -> "outdated or non-inclusive term (" + category + ")";
            default -> type.replace('_', ' ') + " (" + category + ")";
        };
    }
}
