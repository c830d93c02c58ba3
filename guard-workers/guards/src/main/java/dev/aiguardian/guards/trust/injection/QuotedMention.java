package dev.aiguardian.guards.trust.injection;

/**
 * An attack phrase quoted inside writing about attacks ("prompts such as 'ignore previous
 * instructions' are…", "our filter flags 'you are now DAN'") is a mention, not an instruction:
 * the phrase sits between quotes and the sentence around it uses the vocabulary of security
 * writing. Such signals count at a discount; a quoted phrase in a story or a task still counts.
 */
final class QuotedMention {
    static final double DISCOUNT = 0.4;
    private static final int WINDOW = 160;
    private static final String[] META = {"injection", "jailbreak", "attack", "attacker", "adversar", "red team",
        "researcher", "such as", "phrases like", "prompts like", "strings like", "the phrase", "the string", "detect",
        "classifier", "filter flags", "flags ", "known ", "e.g.", "for example", "defend", "mitigat", "owasp",
        "payload", "exploit", "benchmark", "dataset", "test whether", "unit test", "protect", "prevent", "security",
        "flagged", "malicious"};

    private QuotedMention() {
    }

    /** True if folded text [from, to) is enclosed in quotes and its sentence talks about attacks. */
    static boolean isMention(String s, int from, int to) {
        int open = -1;
        for (int k = from - 1; k >= 0 && from - k <= 80; k--) {
            char c = s.charAt(k);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return false;
            }
            // an opening quote follows a space or starts the text; an apostrophe ("don't") does not
            if (isQuote(c) && (k == 0 || Character.isWhitespace(s.charAt(k - 1)) || s.charAt(k - 1) == '(' || s.charAt(k - 1) == ':')) {
                open = k;
                break;
            }
        }
        if (open < 0) {
            return false;
        }
        int close = -1;
        for (int k = to; k < s.length() && k - to <= 80; k++) {
            if (isQuote(s.charAt(k)) && (k + 1 == s.length() || !Character.isLetterOrDigit(s.charAt(k + 1)))) {
                close = k;
                break;
            }
        }
        if (close < 0) {
            return false;
        }
        String around = s.substring(Math.max(0, open - WINDOW), open) + " "
                + s.substring(close + 1, Math.min(s.length(), close + 1 + WINDOW));
        for (String m : META) {
            if (around.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019' || c == '`';
    }
}
