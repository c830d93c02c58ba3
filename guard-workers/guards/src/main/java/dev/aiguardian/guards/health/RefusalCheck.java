package dev.aiguardian.guards.health;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds refusals: the model declining in the first person ("I'm sorry, but I can't help with
 * that", "I must decline") or hiding behind its nature ("As an AI language model, …"). Ordinary
 * "can't" and "sorry" ("you can't divide by zero", "sorry for the delay") do not match because a
 * refusal needs "I"/"we" + inability + a verb of helping. Only the opening of the output is read:
 * that is where refusals are, and it keeps the cost bounded.
 */
final class RefusalCheck {
    private static final int HEAD = 600;
    /** Bounded alternations and at most two filler words: no nested quantifiers, so no backtracking blow-up. */
    private static final Pattern DECLINE = Pattern.compile(
            "(?:i|we)(?: am|'m| are|'re)? (?:can't|cannot|can not|won't|will not|unable to|not able to|"
                    + "must not|shouldn't|should not|do not feel comfortable|don't feel comfortable|"
                    + "not comfortable|not allowed to|not permitted to|not going to)"
                    + "(?: [a-z']+){0,3}? (?:help|assist|provide|comply|fulfil|fulfill|create|write|generate|share|"
                    + "give|answer|support|engage|produce|continue|discuss|do that|do this|complete|participate|"
                    + "offer|recommend|process|draft|make)\\b");
    private static final Pattern DISCLAIMER = Pattern.compile(
            "\\b(?:as an ai(?: language model| model| assistant| chatbot)?|as a (?:large )?language model|"
                    + "i'm (?:just|only) an ai|i am (?:just|only) an ai|i must decline|i have to decline|"
                    + "(?:against|violates?) (?:my|our|openai's) (?:guidelines|policies|policy|programming|usage policies))\\b");

    void check(String text, List<HealthIssue> out) {
        String head = normalise(text.length() > HEAD ? text.substring(0, HEAD) : text);
        Matcher d = DECLINE.matcher(head);
        // Try the pattern only where a first-person word starts: a scan with find() would try
        // every character and costs several times more on a long healthy answer.
        for (int at = nextFirstPerson(head, 0); at >= 0; at = nextFirstPerson(head, at + 1)) {
            d.region(at, head.length());
            if (!d.lookingAt()) {
                continue;
            }
            int stop = sentenceEnd(head, d.end());
            String rest = head.substring(d.end(), stop);
            // Idioms, not refusals: "I can't help but notice", "I can't recommend it highly enough".
            if (head.startsWith("help but", d.end() - 4) || rest.contains(" enough")) {
                continue;
            }
            report(text, head, d.start(), d.end(), out);
            return;
        }
        Matcher m = DISCLAIMER.matcher(head);
        if ((head.contains("as a") || head.contains("decline") || head.contains("my ") || head.contains("our ")
                || head.contains("openai")) && m.find()) {
            report(text, head, m.start(), m.end(), out);
        }
    }

    /** Offset of the next "i" or "we" (also "i'm", "we're") as a whole word at or after {@code from}, or -1. */
    private static int nextFirstPerson(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == 'i' || c == 'w') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                int end = c == 'i' ? i + 1 : i + 2;
                if (c == 'w' && !(i + 1 < s.length() && s.charAt(i + 1) == 'e')) {
                    continue;
                }
                if (end >= s.length() || s.charAt(end) == ' ' || s.charAt(end) == '\'') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int sentenceEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') {
                return i;
            }
        }
        return s.length();
    }

    private static void report(String text, String head, int start, int end, List<HealthIssue> out) {
        // A refusal that opens a short answer is the whole answer; inside a long one it is partial.
        boolean whole = text.length() <= HEAD || start < 120;
        String said = end <= text.length() ? text.substring(start, end) : head.substring(start, end);
        String detail = (whole ? "the model declines: '" : "partial refusal: '") + said + "'";
        out.add(new HealthIssue("refusal", detail, whole ? 0.9 : 0.6,
                new TextSpan(Math.min(start, text.length()), Math.min(end, text.length()))));
    }

    /** Lower case, straight apostrophes, single spaces; same length as the input, so offsets stay valid. */
    private static String normalise(String s) {
        // ASCII, the common case, in one pass: lower-cased as toLowerCase(Locale.ROOT) would.
        int n = s.length();
        char[] a = new char[n];
        for (int i = 0; i < n; i++) {
            char x = s.charAt(i);
            if (x >= 0x80) {
                return normaliseAny(s);
            }
            a[i] = x >= 'A' && x <= 'Z' ? (char) (x + 32) : Character.isWhitespace(x) ? ' ' : x;
        }
        return new String(a);
    }

    private static String normaliseAny(String s) {
        char[] c = s.toLowerCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '\u2019') {
                c[i] = '\'';
            } else if (Character.isWhitespace(c[i])) {
                c[i] = ' ';
            }
        }
        return new String(c);
    }
}
