package dev.aiguardian.guards.semantic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bundled, labelled exemplar set (lines {@code + sentence} or {@code - sentence}): the in-sample
 * training material of one classifier.
 */
public record Exemplars(String name, List<String> positives, List<String> negatives) {

    public Exemplars {
        positives = List.copyOf(positives);
        negatives = List.copyOf(negatives);
        if (positives.isEmpty() || negatives.isEmpty()) {
            throw new IllegalArgumentException(name + ": an exemplar set needs positives and negatives");
        }
    }

    /**
     * One part of a {@code folds}-fold cross-validation: every {@code folds}-th line of each class from
     * {@code fold} on ({@code held} true: the part judged), or all the others (the part trained on). The
     * retrain sweep and the threshold tool use the same folds so that their figures compare.
     */
    public Exemplars fold(int fold, int folds, boolean held) {
        return new Exemplars(name, every(positives, fold, folds, held), every(negatives, fold, folds, held));
    }

    private static List<String> every(List<String> lines, int fold, int folds, boolean held) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if ((i % folds == fold) == held) {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    /** Reads a bundled set from the class path, e.g. {@code /semantic/injection.txt}. */
    public static Exemplars bundled(String name, String resource) {
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        for (String line : lines(resource)) {
            if (line.startsWith("+ ")) {
                pos.add(line.substring(2).strip());
            } else if (line.startsWith("- ")) {
                neg.add(line.substring(2).strip());
            }
        }
        return new Exemplars(name, pos, neg);
    }

    /** A bundled text resource's lines. */
    static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        try (InputStream in = Exemplars.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** SHA-256 of the bundled resource's lines: what a trained classifier file records to prove it is current. */
    public static String digest(String resource) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String line : lines(resource)) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
