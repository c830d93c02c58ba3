package dev.aiguardian.guards.bias;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.aiguardian.guards.guard.AsciiLines;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.guard.LabelledCases;

/**
 * Writes BiasGuard's full outcome (verdict, score, every finding with category, type, span, evidence, severity,
 * suggestion and explanation, per-category scores, rewritten text) for every in-sample bias case, ~5,000 seeded
 * synthetic texts built from those cases and the lexicons' own words, and long mixtures of 20-200 KB, one line
 * each, so two builds can be compared byte for byte before and after a speed change:
 * {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.bias.BiasOutputDump out.txt}.
 * A tool, not a test: it has no expected output of its own, only another build's. The held-out sets stay out,
 * so a difference never shows a held-out case.
 */
public final class BiasOutputDump {

    static final String[] CORPORA = {"/bias/labelled-cases.jsonl", "/bias/insample/recall-cases.jsonl"};

    /** Pieces that reach the tokenizer's and the context rules' edge cases. */
    private static final String[] EXTRAS = {
        "\"", "'", "\u201C", "\u201D", "\u2018", "\u2019", "'s", "s'", "don't", "isn\u2019t", "it's a myth that ",
        "it is no myth that ", "which is false", "which is not false", "they say that ", "he was fired for saying ",
        "avoid words like ", "\n", "\n\n", ". ", "! ", "? ", "; ", ", ", " - ", "-", "3.5", "1.2.3", "v2", "over 50",
        "under 35", "aged 25 or younger", "between 22 and 30 years of age", "no one over 45", "must be over 18",
        "younger than 40", "need not apply", "f**k", "sh!t", "b@stard", "$hit", "sh1t", "**bold** text", "***",
        "@@", "$5", "\u0130stanbul", "\u0131", "\u212Aill", "K\u0130LL", "stra\u00dfe", "\u00e9t\u00e9", "\ud83d\ude00",
        "\ud83d", "\t", "  ", "every engineer ", "each nurse ", "the average user ", "a good manager ", " his ",
        " her ", " he or she ", "Maria", "his or her", "I ", "you're such an ", "you are a ", "you people ",
        "we will ", "i will ", "they should ", "go ", "you", "man-made", "chairman", "according to a 2023 study",
        "because they cannot afford", "must", "required", "candidates", "applicants", "such a ", "what a ",
        "these ", "all ", "most ", "some ", "many ", "for a girl", "for an old man", "like a girl", "1000",
    };

    private BiasOutputDump() {
    }

    public static void main(String[] args) throws IOException {
        BiasGuard guard = new BiasGuard();
        List<String> pool = new ArrayList<>();
        List<String> words = lexiconWords();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.US_ASCII))) {
            int n = 0;
            for (String corpus : CORPORA) {
                for (LabelledCases.Case c : LabelledCases.read(corpus)) {
                    pool.add(c.text());
                    out.println(corpus + " " + n++ + " " + line(guard.inspect(c.input())));
                    out.println("plain " + n + " " + line(guard.inspect(GuardInput.of(c.text()))));
                }
            }
            pool.add(BiasGuardBenchmark.PARAGRAPH);
            Random rnd = new Random(14);
            for (int i = 0; i < 5000; i++) {
                String text = synthetic(rnd, pool, words, i);
                Map<String, Object> options = i % 5 == 0 ? options(rnd) : Map.of();
                out.println("synthetic " + i + " " + options.keySet().stream().sorted().toList() + " "
                        + line(guard.inspect(GuardInput.of(text, options))));
            }
            // long mixtures: offsets deep into a text, many sentences and findings, the detectors' windows at scale
            for (int i = 0; i < 12; i++) {
                StringBuilder b = new StringBuilder();
                while (b.length() < 20_000 + 15_000 * i) {
                    b.append(synthetic(rnd, pool, words, 1 + i)).append(i % 2 == 0 ? "\n" : " ");
                }
                out.println("long " + i + " " + line(guard.inspect(GuardInput.of(b.toString()))));
            }
            for (int size : new int[] {1024, 65536}) {
                out.println("benchmark " + size + " " + line(guard.inspect(GuardInput.of(BiasGuardBenchmark.text(size)))));
            }
            if (out.checkError()) {
                throw new IOException("could not write " + args[0]);
            }
        }
    }

    private static String line(GuardOutcome outcome) {
        return AsciiLines.of(outcome.toString());
    }

    /** Every term, group, predicate and cue word of the lexicons (first column), the pieces the rules look for. */
    private static List<String> lexiconWords() throws IOException {
        List<String> out = new ArrayList<>();
        for (String file : new String[] {"terms", "groups", "predicates", "cues"}) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    BiasOutputDump.class.getResourceAsStream("/bias/" + file + ".tsv"), StandardCharsets.UTF_8))) {
                for (String s = r.readLine(); s != null; s = r.readLine()) {
                    if (!s.isBlank() && !s.startsWith("#")) {
                        out.add(s.split("\t")[0].replace("{lacks} {virtue}", "lack empathy"));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Object> options(Random rnd) {
        Map<String, Object> o = new HashMap<>();
        if (rnd.nextBoolean()) {
            List<String> some = new ArrayList<>();
            for (BiasCategory c : BiasCategory.values()) {
                if (rnd.nextInt(3) == 0) {
                    some.add(c.wireName());
                }
            }
            if (!some.isEmpty()) {
                o.put("categories", some);
            }
        }
        if (rnd.nextBoolean()) {
            o.put("min_severity", List.of("low", "medium", "high").get(rnd.nextInt(3)));
        }
        if (rnd.nextBoolean()) {
            o.put("rewrite", false);
        }
        return o;
    }

    private static String synthetic(Random rnd, List<String> pool, List<String> words, int i) {
        int parts = i % 50 == 0 ? 20 + rnd.nextInt(30) : 1 + rnd.nextInt(6);
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < parts; p++) {
            int kind = rnd.nextInt(6);
            String piece = kind < 2 ? pool.get(rnd.nextInt(pool.size()))
                    : kind < 4 ? words.get(rnd.nextInt(words.size())) : EXTRAS[rnd.nextInt(EXTRAS.length)];
            b.append(transform(rnd, piece));
            b.append(switch (rnd.nextInt(6)) {
                case 0, 1 -> " ";
                case 2 -> "\n";
                case 3 -> ". ";
                case 4 -> ", ";
                default -> "";
            });
        }
        String s = b.toString();
        if (rnd.nextInt(10) == 0 && s.length() > 2) {
            s = s.substring(0, rnd.nextInt(s.length()));
        }
        return s;
    }

    private static String transform(Random rnd, String s) {
        switch (rnd.nextInt(10)) {
            case 0:
                return s.toUpperCase(Locale.ROOT);
            case 1: {
                // leet and masks inside words
                StringBuilder b = new StringBuilder(s.length());
                for (char c : s.toCharArray()) {
                    int k = "aeiost".indexOf(c);
                    b.append(k >= 0 && rnd.nextInt(4) == 0 ? "@3!05$*".charAt(rnd.nextInt(7)) : c);
                }
                return b.toString();
            }
            case 2:
                return "\"" + s + "\"";
            case 3:
                return "'" + s + "'";
            case 4:
                return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            case 5: {
                StringBuilder r = new StringBuilder(s);
                String noise = "@$!*|'\u2019 .,-_:;/\\#<>[](){}0123456789aZ\t\n\"\u201C\u201D";
                for (int k = rnd.nextInt(6); k > 0 && r.length() > 0; k--) {
                    r.insert(rnd.nextInt(r.length()), noise.charAt(rnd.nextInt(noise.length())));
                }
                return r.toString();
            }
            case 6:
                return s.replace(' ', rnd.nextBoolean() ? '-' : '\n');
            default:
                return s;
        }
    }
}
