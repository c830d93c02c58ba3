package dev.aiguardian.guards.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** The English words HealthGuard knows (from {@code health/english-words.txt}), read once. */
public final class WordList {
    private static final String RESOURCE = "health/english-words.txt";
    private final Set<String> words;
    /** The same words sorted, to answer "does any word start with this?" by binary search. */
    private final String[] sorted;

    public WordList() {
        InputStream in = WordList.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + RESOURCE);
        }
        Set<String> set = new HashSet<>(150_000);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                if (!s.isEmpty() && s.charAt(0) != '#') {
                    set.add(s.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        words = Set.copyOf(set);
        sorted = words.toArray(new String[0]);
        Arrays.sort(sorted);
    }

    /** Whether a lower-case word is known, allowing the regular suffixes the list lacks. */
    public boolean known(String w) {
        if (words.contains(w)) {
            return true;
        }
        // Contractions and possessives: "don't" → "don", "model's" → "model".
        int apo = w.indexOf('\'');
        if (apo > 0) {
            String base = w.substring(0, apo);
            if (w.endsWith("n't") && base.endsWith("n") && words.contains(base.substring(0, base.length() - 1))) {
                return true; // "didn't", "isn't"
            }
            return known(base);
        }
        return w.length() > 4 && (w.endsWith("s") && words.contains(w.substring(0, w.length() - 1))
                || w.endsWith("ly") && words.contains(w.substring(0, w.length() - 2)));
    }

    /** Whether some known word is longer than {@code p} and starts with it: "reac" (reaction), not "endpoint". */
    public boolean startsLongerWord(String p) {
        int i = Arrays.binarySearch(sorted, p);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < sorted.length && sorted[next].startsWith(p);
    }

    public int size() {
        return words.size();
    }
}
