package dev.aiguardian.guards.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import dev.aiguardian.guards.tokens.bpe.BytePairEncoding;

/**
 * Cuts a text to at most N tokens, preferring to end on a sentence or paragraph boundary, then on
 * a word boundary, and only as a last resort between tokens. Never cuts inside a fenced code block
 * except at a token boundary when nothing else fits. Pure and thread-safe.
 */
public final class Truncator {

    /** The cut text, its token count and where it was cut: "none", "sentence", "word" or "token". */
    public record Truncated(String text, int tokens, String cutAt) {
    }

    private final TokenCounter counter;

    public Truncator(TokenCounter counter) {
        this.counter = counter;
    }

    public Truncated truncate(String text, int maxTokens, TokenCounter.Bpe bpe) {
        int all = counter.count(text, bpe);
        if (all <= maxTokens) {
            return new Truncated(text, all, "none");
        }
        List<ProtectedSpans.Span> code = ProtectedSpans.blocks(text).stream()
                .filter(s -> text.startsWith("```", firstNonSpace(text, s.start()))
                        || text.startsWith("~~~", firstNonSpace(text, s.start())))
                .toList();
        Truncated t = longestPrefix(text, sentenceEnds(text, code), maxTokens, bpe, "sentence");
        if (t == null) {
            t = longestPrefix(text, boundaries(text, i -> Character.isWhitespace(text.charAt(i)), code), maxTokens, bpe, "word");
        }
        return t != null ? t : byTokens(text, maxTokens, bpe);
    }

    // Offsets just past a sentence end (.!?… and CJK full stops, with closing quotes or brackets) or a line end.
    private static List<Integer> sentenceEnds(String text, List<ProtectedSpans.Span> code) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int end = -1;
            if (c == '\n') {
                end = i;
            } else if (".!?…。！？".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < text.length() && "\"'”’)]»".indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                boolean cjk = "。！？".indexOf(c) >= 0;
                if (j == text.length() || cjk || Character.isWhitespace(text.charAt(j))) {
                    end = j;
                }
            }
            if (end > 0 && !ProtectedSpans.inside(code, end)) {
                out.add(end);
            }
        }
        return out;
    }

    private static List<Integer> boundaries(String text, IntPredicate at, List<ProtectedSpans.Span> code) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            if (at.test(i) && !Character.isWhitespace(text.charAt(i - 1)) && !ProtectedSpans.inside(code, i)) {
                out.add(i);
            }
        }
        return out;
    }

    // Binary search for the longest boundary prefix that fits. Prefix counts grow with the prefix
    // (BPE merges never make a longer prefix cheaper by more than the boundary token), and the
    // final answer is re-checked, stepping back if a rare merge made it one token too many.
    private Truncated longestPrefix(String text, List<Integer> ends, int max, TokenCounter.Bpe bpe, String kind) {
        int lo = 0;
        int hi = ends.size() - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (counter.count(prefix(text, ends.get(mid)), bpe) <= max) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = best; i >= 0; i--) {
            String p = prefix(text, ends.get(i));
            int n = counter.count(p, bpe);
            if (n <= max && !p.isBlank()) {
                return new Truncated(p, n, kind);
            }
        }
        return null;
    }

    private Truncated byTokens(String text, int max, TokenCounter.Bpe bpe) {
        BytePairEncoding enc = counter.encoding(bpe);
        int[] tokens = enc.encodeOrdinary(text);
        for (int n = max; n > 0; n--) {
            String s = enc.decode(tokens, 0, n);
            // A cut inside a multi-byte character decodes to U+FFFD: step back until the head is real text.
            if (text.startsWith(s)) {
                return new Truncated(s, counter.count(s, bpe), "token");
            }
        }
        return new Truncated("", 0, "token");
    }

    private static String prefix(String text, int end) {
        return text.substring(0, end).stripTrailing();
    }

    private static int firstNonSpace(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
