package dev.aiguardian.guards.bias;

import java.util.Arrays;
import java.util.List;

/**
 * Tells a stereotype that is quoted, rebutted or reported ("it's a myth that …", "fired for saying …",
 * "avoid words like 'lame'") from one that is asserted. Only a frame before the finding in its sentence,
 * a falsity word after it ("…, which is false"), or quotation marks around it together with a meta or
 * rebuttal word in the sentence count; a negated frame ("that is no myth") does not. Everything is
 * computed once per text, so each question costs O(log n).
 */
final class ReportedSpeech {
    private final List<Token> tokens;
    /** Per token: a rebuttal or reporting frame occurs at or before it in its sentence. */
    private final boolean[] framedBefore;
    /** Per token: a falsity word occurs at or after it in its sentence. */
    private final boolean[] falsityAfter;
    /** Per sentence: a meta, frame or falsity word occurs in it (with quotes: advice about wording). */
    private final boolean[] metaSentence;
    private final String text;
    /** Per character: inside a quotation; worked out at the first question that needs it, as most texts ask none. */
    private boolean[] quoted;

    ReportedSpeech(String text, List<Token> tokens, SentenceCues cues) {
        this.tokens = tokens;
        this.text = text;
        int n = tokens.size();
        framedBefore = new boolean[n];
        falsityAfter = new boolean[n];
        metaSentence = new boolean[n == 0 ? 1 : tokens.get(n - 1).sentence() + 1];
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            boolean carried = i > 0 && tokens.get(i - 1).sentence() == t.sentence() && framedBefore[i - 1];
            // Most words are none of these cues: one test of the bit set passes them by.
            boolean cue = cues.any(i, FRAMES);
            framedBefore[i] = carried || cue && frame(cues, i);
            if (cue && (cues.is(i, Cue.META) || cues.is(i, Cue.FRAME) || cues.is(i, Cue.FALSITY))) {
                metaSentence[t.sentence()] = true;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            boolean carried = i + 1 < n && tokens.get(i + 1).sentence() == t.sentence() && falsityAfter[i + 1];
            falsityAfter[i] = carried || cues.is(i, Cue.FALSITY) && !negated(cues, i);
        }
    }

    /** The cue kinds the constructor asks about a word. */
    private static final long FRAMES = Cue.FRAME.bit() | Cue.FRAME_THAT.bit() | Cue.FRAME_REPORTING.bit()
            | Cue.META.bit() | Cue.FALSITY.bit();

    /** Whether the finding over {@code [start, end)} is quoted, rebutted or reported rather than asserted. */
    boolean reported(int start, int end) {
        int first = tokenAt(start);
        int last = tokenAt(end - 1);
        if (first < 0 || last < 0) {
            return false;
        }
        if (first > 0 && tokens.get(first - 1).sentence() == tokens.get(first).sentence() && framedBefore[first - 1]) {
            return true;
        }
        if (last + 1 < tokens.size() && tokens.get(last + 1).sentence() == tokens.get(last).sentence()
                && falsityAfter[last + 1]) {
            return true;
        }
        if (!metaSentence[tokens.get(first).sentence()]) {
            return false;
        }
        if (quoted == null) {
            quoted = quotes(text);
        }
        return quoted[start] && quoted[end - 1];
    }

    private boolean frame(SentenceCues cues, int i) {
        boolean frame = cues.is(i, Cue.FRAME)
                || cues.is(i, Cue.FRAME_THAT) && nextIs(i, "that", "to")
                || cues.is(i, Cue.FRAME_REPORTING) && i > 0 && cues.is(i - 1, Cue.REPORTING_OPENER);
        return frame && !negated(cues, i);
    }

    /** "no myth", "not a stereotype", "isn't false": a negated frame asserts the stereotype. */
    private boolean negated(SentenceCues cues, int i) {
        int sentence = tokens.get(i).sentence();
        for (int k = i - 1; k >= Math.max(0, i - 2); k--) {
            if (tokens.get(k).sentence() != sentence) {
                return false;
            }
            if (cues.is(k, Cue.NEGATOR)) {
                return true;
            }
        }
        return false;
    }

    private boolean nextIs(int i, String a, String b) {
        if (i + 1 >= tokens.size() || tokens.get(i + 1).sentence() != tokens.get(i).sentence()) {
            return false;
        }
        String w = tokens.get(i + 1).norm();
        return w.equals(a) || w.equals(b);
    }

    /** The token covering character {@code c}, or the last one starting before it; -1 if none. */
    private int tokenAt(int c) {
        int lo = 0;
        int hi = tokens.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() <= c) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Marks quoted characters. Double quotes toggle; single quotes open only before a letter after a
     * non-letter and close only after a letter or punctuation before a non-letter, so "don't" and
     * "girls' team" are not quotes. A line break ends any open quote.
     */
    private static boolean[] quotes(String text) {
        int n = text.length();
        boolean[] in = new boolean[n];
        boolean open = false;
        int from = 0; // in[from .. i) are plain chars, which keep the state
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            // Only line breaks and quote marks change the state; everything else is passed over in one test or two.
            if (c > '\'' && (c < '\u2018' || c > '\u201D') || c != '\n' && c != '"' && c != '\'' && c != '\u2018'
                    && c != '\u2019' && c != '\u201C' && c != '\u201D') {
                continue;
            }
            if (open) {
                Arrays.fill(in, from, i, true);
            }
            boolean prevLetter = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
            boolean nextLetter = i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1));
            if (c == '\n') {
                open = false;
            } else if (c == '"') {
                open = !open;
            } else if (c == '\u201C') {
                open = true;
            } else if (c == '\u201D') {
                open = false;
            } else if (!(prevLetter && nextLetter)) {
                if (!open && !prevLetter && nextLetter) {
                    open = true;
                } else if (open && !nextLetter && i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
                    open = false;
                }
            }
            in[i] = open;
            from = i + 1;
        }
        if (open) {
            Arrays.fill(in, from, n, true);
        }
        return in;
    }
}
