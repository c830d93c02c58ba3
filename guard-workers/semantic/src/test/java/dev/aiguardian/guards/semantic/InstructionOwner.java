package dev.aiguardian.guards.semantic;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cheap lexical features of one sentence for the injection head: whose instructions it names (the
 * model's, "your system prompt", or the user's own, "my previous message"), whether it orders the model
 * to drop or disclose them, whom it addresses, and whether it reports or quotes rather than orders. A
 * sentence embedding hardly encodes the owner ("my previous instructions" and "your previous
 * instructions" are neighbours, docs/guards/semantic.md, round 8), so InjectionFeatureTool appends these to it.
 * Pure code. Test scope: the head that read them was rejected held-out (round 9); its production wiring is
 * {@code docs/experiments/injection-lexical-owner-features-inj9.patch}. In this package for
 * {@link AttackMention#hasQuotedSpan}.
 */
public final class InstructionOwner {
    /** How many features {@link #features} returns. */
    public static final int COUNT = 10;

    private static final Set<String> NOUNS = Set.of("instruction", "instructions", "rule", "rules", "prompt", "prompts",
            "guideline", "guidelines", "guidance", "directive", "directives", "direction", "directions", "programming",
            "configuration", "setup", "policy", "policies", "restriction", "restrictions", "filter", "filters",
            "constraint", "constraints", "training", "orders", "message", "messages");
    private static final Set<String> USER = Set.of("my", "our", "mine", "i", "me", "we", "us", "i've", "we've", "i'd");
    // Possessives name the owner; modifiers ("system", "hidden") only describe the noun, so a possessive before
    // them decides: "my system prompt" is the user's own (inj9 read it as the model's).
    private static final Set<String> MODEL = Set.of("your", "yours", "system's", "developer's", "developers",
            "operator's");
    private static final Set<String> MODEL_MODIFIER = Set.of("system", "developer", "hidden", "secret", "original",
            "initial", "confidential", "internal", "underlying", "core", "safety", "content", "moderation", "operator");
    private static final Set<String> USER_POSSESSIVE = Set.of("my", "our", "mine");
    private static final Set<String> PRIOR = Set.of("previous", "prior", "earlier", "above", "preceding", "old", "former",
            "all", "any", "existing", "current", "every");
    private static final Set<String> DOCUMENT = Set.of("this", "these", "following", "below", "its", "their", "his", "her",
            "document's", "the");
    private static final Set<String> DROP = Set.of("ignore", "disregard", "forget", "override", "bypass", "discard",
            "abandon", "drop", "cancel", "void", "erase", "delete", "skip", "suspend", "lift", "lifted", "remove",
            "unlock", "disable", "disabled", "replace", "replaced", "overwrite", "supersede", "supersedes", "null",
            "cancelled", "canceled", "invalid", "obsolete", "aside", "forgotten", "ignored", "disregarded");
    private static final Set<String> DISCLOSE = Set.of("reveal", "print", "show", "repeat", "output", "tell", "share",
            "leak", "dump", "recite", "copy", "display", "paste", "spell", "disclose", "expose", "quote", "echo");
    private static final Set<String> SECOND = Set.of("you", "your", "yours", "yourself", "you're", "you've", "you'll",
            "u", "ur");
    private static final Set<String> REPORTING = Set.of("said", "says", "wrote", "writes", "asked", "asks", "told",
            "tells", "claims", "claimed", "mentions", "mentioned", "like", "example", "phrase", "phrases", "sentence",
            "string", "wording", "typed", "posted", "contains", "containing");
    // Compiled once: String.split would compile it for every sentence.
    private static final Pattern WORDS = Pattern.compile("[^a-z0-9']+");
    private static final Pattern LEADING_ORDER = Pattern.compile("^(?:[^:]{1,40}:\\s*)?\\W*(?:(?:please|now|so|ok|okay|"
            + "and|then|also|just|kindly)\\W+)*(ignore|disregard|forget|reveal|print|output|tell|show|give|repeat|copy|act|"
            + "pretend|answer|reply|respond|stop|start|do|follow|list|write|say|translate|decode|dump|recite|simulate|"
            + "assume|play|become|switch|disable|enable|send|append|summari[sz]e|treat|consider|set|put|drop|override|"
            + "bypass|obey|comply|begin|end|include|insert|rate|approve|grade|score|mark)\\b");
    private static final Pattern REDEFINES_MODEL = Pattern.compile("\\byou (?:are now|will now|now are|must|have to|"
            + "shall|are no longer|will no longer|no longer|are free|can now|may now|need to|should now|are (?:a|an) )");

    private InstructionOwner() {
    }

    /**
     * The features, each 0 or 1: the model's instructions named; the user's own named; instructions named
     * by a prior-reference only ("previous instructions"); an order to drop the model's or prior
     * instructions; an order to disclose them; second person; first person; a leading imperative (after an
     * optional short header); a quoted span with a reporting word; "you are now / you must …".
     */
    public static float[] features(String sentence) {
        String s = sentence.toLowerCase(Locale.ROOT);
        String[] w = WORDS.split(s.replace('’', '\''));
        boolean model = false;
        boolean user = false;
        boolean prior = false;
        boolean drop = false;
        boolean disclose = false;
        boolean second = false;
        boolean first = false;
        boolean reporting = false;
        for (int i = 0; i < w.length; i++) {
            String t = w[i];
            second |= SECOND.contains(t);
            first |= USER.contains(t);
            drop |= DROP.contains(t);
            disclose |= DISCLOSE.contains(t);
            reporting |= REPORTING.contains(t);
            if (NOUNS.contains(t)) {
                switch (owner(w, i)) {
                    case 1 -> model = true;
                    case 2 -> user = true;
                    case 3 -> prior = true;
                    default -> {
                    }
                }
            }
        }
        boolean quoted = AttackMention.hasQuotedSpan(s);
        float[] f = new float[COUNT];
        f[0] = model ? 1 : 0;
        f[1] = user ? 1 : 0;
        f[2] = prior && !model && !user ? 1 : 0;
        f[3] = drop && (model || prior) && !user ? 1 : 0;
        f[4] = disclose && (model || prior) && !user ? 1 : 0;
        f[5] = second ? 1 : 0;
        f[6] = first ? 1 : 0;
        f[7] = LEADING_ORDER.matcher(s.strip()).find() ? 1 : 0;
        f[8] = quoted && reporting ? 1 : 0;
        f[9] = REDEFINES_MODEL.matcher(s).find() ? 1 : 0;
        return f;
    }

    /**
     * Who owns the instruction noun at {@code k}: 1 the model, 2 the user, 3 only a prior-reference, 0 a
     * document or nobody. The nearest owner word among the four before it decides ("my previous
     * instructions": the user); "the instructions I gave" looks one or two words ahead.
     */
    private static int owner(String[] w, int k) {
        for (int j = k + 1; j <= Math.min(w.length - 1, k + 2); j++) {
            if (USER.contains(w[j])) {
                return 2;
            }
            if (w[j].equals("you") || w[j].equals("you've") || w[j].equals("you're")) {
                return 1;
            }
        }
        boolean sawPrior = false;
        boolean sawModifier = false;
        for (int j = k - 1; j >= Math.max(0, k - 4); j--) {
            String t = w[j];
            if (USER_POSSESSIVE.contains(t) || USER.contains(t) && !sawModifier) {
                return 2;
            }
            if (MODEL.contains(t)) {
                return 1;
            }
            if (MODEL_MODIFIER.contains(t)) {
                sawModifier = true;
            } else if (USER.contains(t)) {
                // "can I see the system prompt": a pronoun, not a possessive, does not own the modified noun
                return 1;
            } else if (PRIOR.contains(t)) {
                sawPrior = true;
            } else if (DOCUMENT.contains(t) && !t.equals("the")) {
                break;
            }
        }
        return sawModifier ? 1 : sawPrior ? 3 : 0;
    }
}
