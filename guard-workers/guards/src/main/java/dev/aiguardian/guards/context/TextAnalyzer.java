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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text into content words: NFKC, lower case, Unicode letter/digit runs, stop-words out,
 * pure numbers out, then a light suffix-stripping stemmer (so "baking", "baked" and "bake" meet).
 */
public final class TextAnalyzer {

    /** A content word: its surface form (for character n-grams) and its stem (for word features). */
    public record Word(String surface, String stem) {
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

    private final Set<String> stopWords;

    public TextAnalyzer() {
        this.stopWords = Set.copyOf(wordList("/context/stopwords.txt"));
    }

    public List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        String norm = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Matcher m = WORD.matcher(norm);
        while (m.find()) {
            String w = m.group();
            int apos = Math.max(w.indexOf('\''), w.indexOf('’'));
            if (apos > 0) {
                w = w.substring(0, apos); // "dog's" -> "dog", "don't" -> "don" (a stop-word)
            }
            if (w.length() < 2 || stopWords.contains(w) || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String stem = stem(w);
            if (!stopWords.contains(stem)) {
                out.add(new Word(w, stem));
            }
        }
        return out;
    }

    /** A deliberately light stemmer: plural, -ing, -ed, -ly, final -e. Precision over reach. */
    public static String stem(String w) {
        if (w.length() <= 3 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
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
