package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds lines written backwards or in ROT13 ("snoitcurtsni suoiverp erongi", "vtaber lbhe ehyrf") whose
 * unscrambled form reads as instructions to a model, so the rules can scan the unscrambled text as a
 * view of its own, as they do decoded base64. A line counts only when unscrambling it brings out at
 * least {@link #MIN_GAIN} more of the instruction words than the line shows as written (ordinary text
 * loses them, a scrambled payload gains them), and only in a text that asks for unscrambling.
 */
public final class ScrambledText {

    /** One unscrambled line: [start, end) in the original, the readable text and how it was scrambled. */
    public record Segment(int start, int end, String text, String kind) {
    }

    static final int MIN_GAIN = 3;
    /** Words that instructions to a model are made of; a scrambled line must bring several of them out. */
    private static final Set<String> VOCABULARY = Set.of("ignore", "disregard", "forget", "previous", "prior",
            "above", "instructions", "instruction", "rules", "system", "prompt", "reveal", "print", "your",
            "guidelines", "restrictions", "filters", "mode", "developer", "assistant", "model", "obey", "output",
            "secret", "password", "act", "pretend", "without", "limits", "policy", "safety");
    private static final int MIN_LINE = 16;

    private ScrambledText() {
    }

    /**
     * Every line of {@code text} that reads as instructions when reversed or ROT13-decoded. Linear.
     * Only when the text asks for unscrambling somewhere ({@link #asksToUnscramble}): a model does not
     * read a scrambled line unless told to, and ordinary text then costs one search.
     */
    public static List<Segment> find(String text) {
        return find(text, text.toLowerCase(Locale.ROOT));
    }

    /** {@link #find(String)} with {@code lower}, {@code text.toLowerCase(Locale.ROOT)}, already at hand. */
    public static List<Segment> find(String text, String lower) {
        if (!asksToUnscramble(lower)) {
            return List.of();
        }
        List<Segment> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                if (i - start >= MIN_LINE) {
                    judge(text, start, i, out);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Words with which a text asks for a scrambled line to be read ("reverse this", "decode the ROT13", "mirror writing"). */
    private static final String[] ASKS = {"revers", "backward", "mirror", "rot13", "rot-13", "rot 13", "cipher",
        "decode", "decipher", "unscramble", "caesar", "right to left", "flip"};

    /** Whether {@code lower}, a text in lower case, asks for unscrambling. */
    static boolean asksToUnscramble(String lower) {
        for (String a : ASKS) {
            if (lower.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static void judge(String text, int start, int end, List<Segment> out) {
        String line = text.substring(start, end);
        int asWritten = count(line);
        String reversed = new StringBuilder(line).reverse().toString();
        if (count(reversed) - asWritten >= MIN_GAIN) {
            out.add(new Segment(start, end, reversed, "reversed text"));
            return;
        }
        String rot = rot13(line);
        if (count(rot) - asWritten >= MIN_GAIN) {
            out.add(new Segment(start, end, rot, "rot13 text"));
        }
    }

    private static int count(String s) {
        int hits = 0;
        for (String w : s.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (VOCABULARY.contains(w)) {
                hits++;
            }
        }
        return hits;
    }

    static String rot13(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                b.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
