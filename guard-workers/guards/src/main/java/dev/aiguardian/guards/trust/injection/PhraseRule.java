package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One weighted injection signal written as a word pattern, matched over {@link WordTokens}.
 * Syntax (space-separated slots):
 * <ul>
 * <li>{@code a|b|c} one word out of the set; {@code instruct*} matches by prefix</li>
 * <li>{@code ~a|b} zero to three words out of the set</li>
 * <li>{@code *N} zero to N arbitrary words (N at most 4)</li>
 * <li>{@code !a|b} (last) the word after the match must not be in the set</li>
 * <li>{@code ^a|b} the word before the match must not be in the set</li>
 * </ul>
 * Every slot is bounded, so matching costs a constant per start word: linear overall. Matching
 * itself runs on the compiled form, {@link PhraseIndex}.
 */
public final class PhraseRule {

    enum Kind { ONE, OPTIONAL, GAP }

    record Slot(Kind kind, Set<String> words, List<String> prefixes, int max) {
        boolean accepts(String w) {
            if (words.contains(w)) {
                return true;
            }
            for (String p : prefixes) {
                if (w.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a word outside every slot's word set, whose longest slot prefix is {@code p}, is accepted. */
        boolean acceptsPrefixOf(String p) {
            for (String q : prefixes) {
                if (p.startsWith(q)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String type;
    private final double weight;
    private final String explanation;
    private final String source;
    private final Slot[] slots;
    private final Slot notAfter;
    private final Slot notBefore;

    private PhraseRule(String type, double weight, String explanation, String source, Slot[] slots, Slot notAfter,
            Slot notBefore) {
        this.type = type;
        this.weight = weight;
        this.explanation = explanation;
        this.source = source;
        this.slots = slots;
        this.notAfter = notAfter;
        this.notBefore = notBefore;
    }

    /** Parses {@code type weight | pattern | explanation}. */
    public static PhraseRule parse(String line) {
        String[] parts = line.split("\\|\\s", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("rule needs 'type weight | pattern | explanation': " + line);
        }
        String[] head = parts[0].trim().split("\\s+");
        String pattern = parts[1].trim();
        List<Slot> slots = new ArrayList<>();
        Slot notAfter = null;
        Slot notBefore = null;
        for (String tok : pattern.split("\\s+")) {
            if (tok.startsWith("*")) {
                int max = Integer.parseInt(tok.substring(1));
                if (max < 1 || max > 4) {
                    throw new IllegalArgumentException("gap must be 1..4: " + line);
                }
                slots.add(new Slot(Kind.GAP, Set.of(), List.of(), max));
            } else if (tok.startsWith("~")) {
                slots.add(set(Kind.OPTIONAL, tok.substring(1), 3));
            } else if (tok.startsWith("!")) {
                notAfter = set(Kind.ONE, tok.substring(1), 1);
            } else if (tok.startsWith("^")) {
                notBefore = set(Kind.ONE, tok.substring(1), 1);
            } else {
                slots.add(set(Kind.ONE, tok, 1));
            }
        }
        if (slots.isEmpty() || slots.get(0).kind != Kind.ONE || slots.get(slots.size() - 1).kind == Kind.GAP) {
            throw new IllegalArgumentException("a rule must start with a required word and not end with a gap: "
                    + line);
        }
        return new PhraseRule(head[0], Double.parseDouble(head[1]), parts[2].trim(), pattern,
                slots.toArray(new Slot[0]), notAfter, notBefore);
    }

    private static Slot set(Kind kind, String alternatives, int max) {
        Set<String> words = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String a : alternatives.toLowerCase(Locale.ROOT).split("\\|")) {
            if (a.endsWith("*")) {
                prefixes.add(a.substring(0, a.length() - 1));
            } else if (!a.isEmpty()) {
                words.add(a);
            }
        }
        return new Slot(kind, Set.copyOf(words), List.copyOf(prefixes), max);
    }

    public String type() {
        return type;
    }

    public double weight() {
        return weight;
    }

    public String explanation() {
        return explanation;
    }

    public String source() {
        return source;
    }

    /** Exact words that can start a match (empty if the first slot only has prefixes). */
    Set<String> firstWords() {
        return slots[0].words;
    }

    boolean firstHasPrefixes() {
        return !slots[0].prefixes.isEmpty();
    }

    /** Every literal word and prefix of the pattern, for the segmentation vocabulary. */
    void collectVocabulary(Set<String> into) {
        for (Slot s : slots) {
            into.addAll(s.words);
            into.addAll(s.prefixes);
        }
    }

    PhraseRule.Slot[] slots() {
        return slots.clone();
    }

    /** The slot the word after a match must not satisfy, or null. */
    Slot notAfter() {
        return notAfter;
    }

    /** The slot the word before a match must not satisfy, or null. */
    Slot notBefore() {
        return notBefore;
    }

    /** Every slot, the guards before and after a match included. */
    List<Slot> allSlots() {
        List<Slot> out = new ArrayList<>(List.of(slots));
        if (notAfter != null) {
            out.add(notAfter);
        }
        if (notBefore != null) {
            out.add(notBefore);
        }
        return out;
    }
}
