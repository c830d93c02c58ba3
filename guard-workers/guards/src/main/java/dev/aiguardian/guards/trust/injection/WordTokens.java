package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a folded view into words for phrase matching, undoing word-level obfuscation: leetspeak
 * ("1gn0r3" reads "ignore") and spaced-out letters ("i g n o r e" or "i.g.n.o.r.e" read "ignore",
 * and a run of letters is re-segmented into known words). Offsets are indices into the view.
 */
public final class WordTokens {

    /** One word and its [start, end) in the view. */
    public record Word(String text, int start, int end) {
    }

    /** Minimum run of single letters treated as spaced-out text rather than initials. */
    static final int MIN_SPACED_RUN = 4;
    private static final int MAX_SEGMENT_RUN = 400;
    private static final int MAX_WORD = 24;

    private final Set<String> vocabulary;
    /** Longest vocabulary word: no longer substring can match, so none is tried. */
    private final int maxWord;

    public WordTokens(Set<String> vocabulary) {
        this.vocabulary = vocabulary;
        this.maxWord = Math.min(MAX_WORD, vocabulary.stream().mapToInt(String::length).max().orElse(1));
    }

    public List<Word> split(String s) {
        WordSpans spans = spans(s);
        return spans.words(s, 0, spans.size());
    }

    /** {@link #split} as spans of {@code s}, with a string only for the words that are not their own slice. */
    WordSpans spans(String s) {
        return spans(s, null, 0);
    }

    /**
     * {@link #spans(String)}, also reading each word that is its own slice in {@code trie} as its chars are split
     * (value as {@link WordTrie#lookup} with {@code fallback}), so the phrase rules' kinds cost no second pass.
     */
    WordSpans spans(String s, WordTrie trie, int fallback) {
        WordSpans raw = new WordSpans(s.length() / 5 + 4);
        int n = s.length();
        int i = 0;
        StringBuilder w = null;
        while (i < n) {
            char c = s.charAt(i);
            if (!isWordChar(c)) {
                i++;
                continue;
            }
            int start = i;
            int seen = 0;
            boolean apostrophe = false;
            int node = trie == null ? -1 : 0;
            int best = fallback;
            while (i < n) {
                char d = s.charAt(i);
                int cls = d < 128 ? ASCII_CLASS[d] : (Character.isLetter(d) ? WORD | LETTER
                        : Character.isLetterOrDigit(d) ? WORD : 0);
                if (cls != 0) {
                    seen |= cls;
                    if (node >= 0) {
                        node = trie.child(node, d);
                        if (node >= 0) {
                            best = trie.prefixValue(node, best);
                        }
                    }
                    i++;
                } else if ((d == '\'' || d == '\u2019') && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
                    apostrophe = true;
                    i++; // "don't" reads "dont"
                } else {
                    break;
                }
            }
            int end = i;
            String word;
            // the word read in the trie, unless trimming or a rewrite below changes what the word is
            int value = trie == null ? WordSpans.UNKNOWN : node >= 0 ? trie.value(node, best) : best;
            if (!apostrophe) {
                int runStart = start;
                // The common case: the word is the run itself, trimmed in place with no copy in between.
                // Trailing '!' and '|' are punctuation, not leetspeak for i and l.
                while (end > start && (s.charAt(end - 1) == '!' || s.charAt(end - 1) == '|')) {
                    end--;
                }
                while (start < end && (s.charAt(start) == '|' || s.charAt(start) == '!')) {
                    start++;
                }
                if (start == end) {
                    continue;
                }
                if (end != i || start != runStart) {
                    value = WordSpans.UNKNOWN;
                }
                word = null;
            } else {
                if (w == null) {
                    w = new StringBuilder(24);
                }
                w.setLength(0);
                for (int k = start; k < end; k++) {
                    char d = s.charAt(k);
                    if (d != '\'' && d != '\u2019') {
                        w.append(d);
                    }
                }
                while (w.length() > 0 && (w.charAt(w.length() - 1) == '!' || w.charAt(w.length() - 1) == '|')) {
                    w.setLength(w.length() - 1);
                    end--;
                }
                while (w.length() > 0 && (w.charAt(0) == '|' || w.charAt(0) == '!')) {
                    w.deleteCharAt(0);
                    start++;
                }
                if (w.length() == 0) {
                    continue;
                }
                word = w.toString();
            }
            if ((seen & LETTER) != 0 && (seen & LEET) != 0) {
                // Pure numbers ("2024") have no letter and stay numbers.
                word = Leet.fold(word == null ? s.substring(start, end) : word, vocabulary);
            }
            raw.add(word, start, end, word == null ? value : WordSpans.UNKNOWN);
        }
        return joinSpacedLetters(raw, s);
    }

    static boolean isWordChar(char c) {
        if (c < 128) {
            return ASCII_WORD[c];
        }
        return Character.isLetterOrDigit(c);
    }

    private static final boolean[] ASCII_WORD = new boolean[128];
    private static final int WORD = 1;
    private static final int LETTER = 2;
    private static final int LEET = 4;
    /** Per ASCII char: a word char, and a letter or else a leet symbol (one table read per char while splitting). */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@'
                    || c == '$' || c == '!' || c == '|';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            ASCII_CLASS[c] = (byte) (!ASCII_WORD[c] ? 0 : letter ? WORD | LETTER : c > ' ' && Leet.isLeet(c) ? WORD | LEET : WORD);
        }
    }

    /** Joins runs of single letters separated by short separator gaps back into words. */
    private WordSpans joinSpacedLetters(WordSpans raw, String s) {
        int n = raw.size();
        WordSpans out = null;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && isSingleLetter(raw, j, s) && (j == i || smallGap(raw.end(j - 1), raw.start(j), s))) {
                j++;
            }
            if (j - i >= MIN_SPACED_RUN) {
                if (out == null) {
                    out = new WordSpans(n);
                    for (int k = 0; k < i; k++) {
                        out.add(raw.rewritten(k), raw.start(k), raw.end(k), raw.value(k));
                    }
                }
                List<Word> joined = new ArrayList<>();
                segmentRun(raw.words(s, i, j), s, joined);
                for (Word w : joined) {
                    out.add(w.text(), w.start(), w.end());
                }
                i = j;
            } else {
                if (out != null) {
                    out.add(raw.rewritten(i), raw.start(i), raw.end(i), raw.value(i));
                }
                i++;
            }
        }
        return out == null ? raw : out;
    }

    private static boolean isSingleLetter(WordSpans words, int i, String s) {
        if (words.end(i) - words.start(i) != 1) {
            return false;
        }
        String text = words.rewritten(i);
        if (text == null) {
            return Character.isLetter(s.charAt(words.start(i)));
        }
        return text.length() == 1 && Character.isLetter(text.charAt(0));
    }

    private static boolean smallGap(int aEnd, int bStart, String s) {
        int gap = bStart - aEnd;
        if (gap < 1 || gap > 3) {
            return false;
        }
        for (int k = aEnd; k < bStart; k++) {
            char c = s.charAt(k);
            if (c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * A run of single letters: split where the gap is wider than the narrowest one (word
     * boundaries in "i g n o r e   a l l"), then segment each piece into vocabulary words.
     */
    private void segmentRun(List<Word> run, String s, List<Word> out) {
        int minGap = Integer.MAX_VALUE;
        for (int k = 1; k < run.size(); k++) {
            minGap = Math.min(minGap, run.get(k).start - run.get(k - 1).end);
        }
        int pieceStart = 0;
        for (int k = 1; k <= run.size(); k++) {
            if (k == run.size() || run.get(k).start - run.get(k - 1).end > minGap) {
                segment(run.subList(pieceStart, k), out);
                pieceStart = k;
            }
        }
    }

    /** Minimum-cost segmentation: a vocabulary word costs 1, an unknown letter 3. Linear in the run. */
    private void segment(List<Word> letters, List<Word> out) {
        int n = letters.size();
        if (n > MAX_SEGMENT_RUN) {
            for (int k = 0; k < n; k += MAX_SEGMENT_RUN) {
                segment(letters.subList(k, Math.min(n, k + MAX_SEGMENT_RUN)), out);
            }
            return;
        }
        StringBuilder b = new StringBuilder(n);
        for (Word w : letters) {
            b.append(w.text);
        }
        String joined = b.toString();
        if (vocabulary.contains(joined) || n < 2) {
            out.add(new Word(joined, letters.get(0).start, letters.get(n - 1).end));
            return;
        }
        int[] cost = new int[n + 1];
        int[] back = new int[n + 1];
        boolean[] known = new boolean[n + 1];
        java.util.Arrays.fill(cost, Integer.MAX_VALUE / 2);
        cost[0] = 0;
        for (int j = 1; j <= n; j++) {
            cost[j] = cost[j - 1] + 3;
            back[j] = j - 1;
            known[j] = false;
            for (int i = Math.max(0, j - maxWord); i < j - 1; i++) {
                if (cost[i] + 1 < cost[j] && vocabulary.contains(joined.substring(i, j))) {
                    cost[j] = cost[i] + 1;
                    back[j] = i;
                    known[j] = true;
                }
            }
        }
        List<int[]> parts = new ArrayList<>();
        for (int j = n; j > 0; j = back[j]) {
            parts.add(new int[] {back[j], j, known[j] ? 1 : 0});
        }
        java.util.Collections.reverse(parts);
        // Unknown letters next to each other form one unknown word.
        int k = 0;
        while (k < parts.size()) {
            int[] p = parts.get(k);
            int from = p[0];
            int to = p[1];
            if (p[2] == 0) {
                while (k + 1 < parts.size() && parts.get(k + 1)[2] == 0) {
                    k++;
                    to = parts.get(k)[1];
                }
            }
            out.add(new Word(joined.substring(from, to), letters.get(from).start, letters.get(to - 1).end));
            k++;
        }
    }
}
