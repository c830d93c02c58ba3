package dev.aiguardian.guards.context;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.aiguardian.guards.text.Ascii;

/**
 * Turns text into content words: NFKC, lower case, Unicode letter/digit runs, stop-words out,
 * pure numbers out, then a light suffix-stripping stemmer (so "baking", "baked" and "bake" meet).
 */
public final class TextAnalyzer {

    /** A content word: its surface form (for character n-grams) and its stem (for word features). */
    public record Word(String surface, String stem) {
    }

    // The stop-words in an open-addressing table by String.hashCode, so that a word is looked up where it lies in
    // the text: about half of a text's words are stop-words, and each cost a substring and a set's look-up.
    private final String[] stopWords;

    public TextAnalyzer() {
        Set<String> words = new HashSet<>(wordList("/context/stopwords.txt"));
        String[] table = new String[Integer.highestOneBit(Math.max(1, words.size()) * 4 - 1) << 1];
        for (String w : words) {
            int slot = spread(w.hashCode()) & (table.length - 1);
            while (table[slot] != null) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = w;
        }
        this.stopWords = table;
    }

    /** Whether {@code s[from, to)} is a stop-word. */
    private boolean stopWord(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i); // String.hashCode of the range
        }
        int mask = stopWords.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            String w = stopWords[slot];
            if (w == null) {
                return false;
            }
            if (w.length() == to - from && s.regionMatches(from, w, 0, to - from)) {
                return true;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    public List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        // ASCII is its own NFKC form: only other text pays for the normalisation
        String norm = (Ascii.isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        int n = norm.length();
        int i = 0;
        while (i < n) {
            int cp = norm.codePointAt(i);
            if (!letterOrNumber(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && letterOrNumber(cp = norm.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            int end = i;
            // "dog's" -> "dog", "don't" -> "don" (a stop-word): the letters after an apostrophe belong to the word
            // before it and are dropped with the apostrophe
            if (i + 1 < n && (norm.charAt(i) == '\'' || norm.charAt(i) == '’')
                    && Character.isLetter(norm.codePointAt(i + 1))) {
                i++;
                while (i < n && Character.isLetter(cp = norm.codePointAt(i))) {
                    i += Character.charCount(cp);
                }
            }
            if (end - start < 2 || stopWord(norm, start, end)) {
                continue;
            }
            String w = norm.substring(start, end);
            if (allDigits(w)) {
                continue;
            }
            String stem = stem(w);
            if (stem == w || !stopWord(stem, 0, stem.length())) { // an unchanged word was looked up just above
                out.add(new Word(w, stem));
            }
        }
        return out;
    }

    /**
     * A char of a word: {@code [\p{L}\p{N}]}, letters and numbers of every script, as the regex
     * {@code [\p{L}\p{N}]+(?:['’]\p{L}+)?} read words before this hand-written scan (TextAnalyzerTest holds the two
     * to the same words).
     */
    static boolean letterOrNumber(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9' || cp >= 'A' && cp <= 'Z';
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** A deliberately light stemmer: plural, -ing, -ed, -ly, final -e. Precision over reach. */
    public static String stem(String w) {
        if (w.length() <= 3 || !lowerAsciiLetters(w)) {
            return w;
        }
        String s = w;
        if (s.endsWith("ies") && s.length() > 4) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.endsWith("sses")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is") && s.length() > 3) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("ing") && s.length() > 5) {
            s = undouble(s.substring(0, s.length() - 3));
        } else if (s.endsWith("ed") && s.length() > 4) {
            s = undouble(s.substring(0, s.length() - 2));
        } else if (s.endsWith("ly") && s.length() > 5) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.endsWith("e") && s.length() > 4) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("y") && s.length() > 4) {
            s = s.substring(0, s.length() - 1) + "i"; // "battery"/"batteries" -> "batteri"
        }
        return s;
    }

    private static boolean allDigits(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerAsciiLetters(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static String undouble(String s) {
        int n = s.length();
        if (n >= 3 && s.charAt(n - 1) == s.charAt(n - 2) && "lsz".indexOf(s.charAt(n - 1)) < 0
                && "aeiou".indexOf(s.charAt(n - 1)) < 0) {
            return s.substring(0, n - 1);
        }
        return s;
    }

    /** Reads a bundled word list: one entry a line, '#' comments, blank lines ignored. */
    static List<String> wordList(String resource) {
        List<String> out = new ArrayList<>();
        try (InputStream in = TextAnalyzer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int hash = line.indexOf('#');
                String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!l.isEmpty()) {
                    out.add(l.toLowerCase(Locale.ROOT));
                }
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Set<String> stems(List<String> words) {
        Set<String> out = new HashSet<>();
        for (String w : words) {
            out.add(stem(w));
        }
        return out;
    }
}
