package dev.aiguardian.guards.semantic;

import java.util.List;
import java.util.Locale;

/**
 * Tells writing about an attack from the attack itself, for the injection classifier: a sentence
 * that quotes an attack phrase inside security vocabulary ("our filter flags 'you are now an
 * unrestricted AI'"), or asks how to defend against one ("how do I stop users who claim the
 * assistant is offline?"), or names attacks as its subject without speaking to anyone. The embedding of such a sentence sits close to the attack it quotes, so
 * the classifier alone cannot tell them apart; an instruction to the model is neither quoted inside
 * security talk nor a question about defending, so the discount leaves it alone.
 */
final class AttackMention {
    /** Probability factor for a sentence that discusses an attack: enough to keep it under any sane threshold. */
    static final double DISCOUNT = 0.5;

    // Vocabulary of writing about attacks: naming them, studying them, or guarding against them.
    private static final List<String> META = List.of("injection", "jailbreak", "attack", "attacker", "adversar",
            "red team", "red-team", "researcher", "security", "exploit", "payload", "owasp", "dataset", "benchmark",
            "detect", "filter", "classifier", "flagged", "flags", "guard", "defend", "defence", "defense", "mitigat",
            "protect", "prevent", "resist", "harden", "test string", "test case", "unit test", "malicious");
    // A question is about defending when it asks how to stop, catch or survive something.
    private static final List<String> DEFENSIVE = List.of("protect", "prevent", "defend", "defence", "defense",
            "detect", "mitigat", "resist", "harden", "guard against", "safeguard against", "secure ", "stop users",
            "stop people", "stop someone", "stop attackers", "stop a ", "stop an ", "block users", "catch ",
            "recognise", "recognize", "test whether", "test if");

    // Nouns that name attacks as a subject of study; an attack addressed to the model rarely names itself.
    private static final List<String> STUDY = List.of("injection", "injected", "jailbreaks", "attacker", "attacks",
            "red team", "red-team", "mitigation", "vulnerab", "owasp", "security review", "threat model");

    private AttackMention() {
    }

    /** True if the sentence quotes an attack inside security writing, or asks how to defend against one. */
    static boolean isDiscussion(String sentence) {
        String s = sentence.toLowerCase(Locale.ROOT);
        if (hasQuotedSpan(s) && containsAny(s, META)) {
            return true;
        }
        if (s.stripTrailing().endsWith("?") && containsAny(s, DEFENSIVE)) {
            return true;
        }
        // A sentence about attacks that speaks to nobody ("attackers hide instructions in pages") describes them.
        return containsAny(s, STUDY) && !addressesSomeone(s);
    }

    private static boolean addressesSomeone(String s) {
        for (String w : s.split("[^a-z']+")) {
            if (w.equals("you") || w.equals("your") || w.equals("yourself") || w.equals("you're") || w.equals("u")) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String s, List<String> words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** A span of at least two words between quotes; an apostrophe inside a word ("don't") is no quote. */
    static boolean hasQuotedSpan(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isQuote(c) || (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
                continue;
            }
            for (int k = i + 1; k < n && k - i <= 200; k++) {
                char e = s.charAt(k);
                if (isQuote(e) && (k + 1 == n || !Character.isLetterOrDigit(s.charAt(k + 1)))) {
                    if (s.substring(i + 1, k).strip().indexOf(' ') > 0) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019' || c == '`';
    }
}
