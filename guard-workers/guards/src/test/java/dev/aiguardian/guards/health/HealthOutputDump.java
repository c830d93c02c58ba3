package dev.aiguardian.guards.health;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * Writes HealthGuard's full outcome (verdict, score, every issue with type, detail, score and span,
 * length, word count, known-word share, format) for every health corpus case and ~4,000 seeded
 * synthetic texts, one line each, so two builds can be compared byte for byte before and after a
 * speed change: {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.health.HealthOutputDump out.txt}.
 * A tool, not a test: it has no expected output of its own, only another build's.
 */
public final class HealthOutputDump {

    static final String[] CORPORA = {
        "/health/labelled-cases.jsonl", "/health/tuning-cases.jsonl", "/health/tuning-salad.jsonl",
        "/health/heldout/benign.jsonl", "/health/heldout/complete-endings.jsonl", "/health/heldout/word-salad.jsonl",
        "/health/heldout/wrapped-json.jsonl", "/health/heldout-v2/look-alikes.jsonl",
        "/health/heldout-v2/word-salad.jsonl",
    };

    /** Pieces that reach the checks' edge cases: fences, brackets, quotes, refusals, lists, identifiers, scripts. */
    private static final String[] EXTRAS = {
        "```python\nprint('hi')\n```\n", "```\n", "  ```js\n", "(see below", "[1]", "{", "}", ":(", ";)", "\"quoted",
        "\u201Cit said\u201D", "\u201Copen", "I'm sorry, but I can't help with that.", "As an AI language model, I cannot",
        "I cannot assist with that request.", "- item one\n- item two\n", "1. first\n2. second\n", "## Summary\n",
        "| a | b |\n| 1 | 2", "https://example.com/a/b?c=d", "user@example.com", "getUserName()", "snake_case_id",
        "v2.3.1", "12:30", "NATO API HTTP", "don't", "it\u2019s", "well-known", "the", "and", "of the", "reac",
        "biochemical reac", "Reference: QX7-2219", "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440",
        "\u4f60\u597d\u4e16\u754c", "caf\u00e9 na\u00efve", "\u00a0", "\u200b", "\t", "\r\n", "...", "!!!", "?", ";",
        "#$%^&*", "@@@ ~~~ +++", "the the the the the the the", "tractor ocean the bread of the",
        "of they", "was were", "Catherine the Great", "the way the system works", "x",
    };

    private static final String[] FUNCTION = {"the", "a", "of", "and", "to", "in", "is", "was", "with", "for", "that",
        "it", "on", "as", "by", "be", "this", "are", "or", "from"};

    private HealthOutputDump() {
    }

    public static void main(String[] args) throws IOException {
        HealthGuard guard = new HealthGuard();
        List<String> pool = new ArrayList<>();
        List<String> words = new ArrayList<>();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.US_ASCII))) {
            int n = 0;
            for (String corpus : CORPORA) {
                for (LabelledCases.Case c : LabelledCases.read(corpus)) {
                    pool.add(c.text());
                    for (String w : c.text().split("\\s+")) {
                        if (!w.isEmpty()) {
                            words.add(w);
                        }
                    }
                    out.println(corpus + " " + n++ + " " + line(guard.inspect(c.input())));
                    // Again without options, and again as prose with a prompt that is the text's opening.
                    out.println("plain " + n + " " + line(guard.inspect(GuardInput.of(c.text()))));
                    String prompt = c.text().substring(0, Math.min(c.text().length(), 40));
                    out.println("prompted " + n + " " + line(guard.inspect(GuardInput.of(c.text(),
                            Map.of("prompt", prompt)))));
                }
            }
            Random rnd = new Random(14);
            for (int i = 0; i < 4000; i++) {
                String text = synthetic(rnd, pool, words, i);
                Map<String, Object> options = options(rnd, text);
                out.println("synthetic " + i + " " + options.keySet().stream().sorted().toList() + " "
                        + line(guard.inspect(GuardInput.of(text, options))));
            }
            for (int size : new int[] {1024, 65536}) {
                HealthGuardBenchmark b = new HealthGuardBenchmark();
                b.size = size;
                b.setup();
                out.println("benchmark prose " + size + " " + line(b.prose()));
                out.println("benchmark json " + size + " " + line(b.json()));
            }
            if (out.checkError()) {
                throw new IOException("could not write " + args[0]);
            }
        }
    }

    private static String line(GuardOutcome outcome) {
        return AsciiLines.of(outcome.toString());
    }

    private static Map<String, Object> options(Random rnd, String text) {
        Map<String, Object> o = new HashMap<>();
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("Here") && text.contains("{")) {
            o.put("expected_format", "json");
            if (rnd.nextBoolean()) {
                o.put("json_schema", Map.of("type", "object", "required", List.of("items"), "properties",
                        Map.of("items", Map.of("type", "array", "items", Map.of("type", "object",
                                "required", List.of("id", "name"))))));
            }
            return o;
        }
        switch (rnd.nextInt(8)) {
            case 0 -> o.put("prompt", text.substring(0, Math.min(text.length(), 10 + rnd.nextInt(60))));
            case 1 -> o.put("max_length", 1 + rnd.nextInt(2000));
            case 2 -> o.put("min_length", rnd.nextInt(300));
            case 3 -> o.put("language", rnd.nextBoolean() ? "fr" : "en-GB");
            case 4 -> o.put("expected_format", "text");
            default -> { }
        }
        return o;
    }

    private static String synthetic(Random rnd, List<String> pool, List<String> words, int i) {
        String s = switch (i % 6) {
            case 0 -> prose(rnd, pool, i);
            case 1 -> salad(rnd, words, i);
            case 2 -> repetition(rnd, pool);
            case 3 -> {
                String p = prose(rnd, pool, i);
                yield p.length() < 2 ? p : p.substring(0, 1 + rnd.nextInt(p.length() - 1));
            }
            case 4 -> json(rnd);
            default -> noisy(rnd, prose(rnd, pool, i));
        };
        return s;
    }

    private static String prose(Random rnd, List<String> pool, int i) {
        int parts = i % 60 == 0 ? 20 + rnd.nextInt(40) : 1 + rnd.nextInt(4);
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < parts; p++) {
            b.append(rnd.nextInt(4) == 0 ? EXTRAS[rnd.nextInt(EXTRAS.length)] : pool.get(rnd.nextInt(pool.size())));
            b.append(sep(rnd));
        }
        return rnd.nextInt(5) == 0 ? b.toString().toUpperCase(Locale.ROOT) : b.toString();
    }

    /** Corpus words shuffled, with or without function words mixed in and sentence punctuation. */
    private static String salad(Random rnd, List<String> words, int i) {
        int count = i % 60 == 1 ? 500 + rnd.nextInt(3000) : 3 + rnd.nextInt(40);
        StringBuilder b = new StringBuilder();
        boolean functions = rnd.nextBoolean();
        for (int k = 0; k < count; k++) {
            String w = functions && rnd.nextInt(3) == 0 ? FUNCTION[rnd.nextInt(FUNCTION.length)]
                    : words.get(rnd.nextInt(words.size()));
            b.append(w);
            int r = rnd.nextInt(12);
            b.append(r == 0 ? ". " : r == 1 ? ", " : r == 2 ? "\n" : " ");
        }
        return b.toString();
    }

    private static String repetition(Random rnd, List<String> pool) {
        String unit = pool.get(rnd.nextInt(pool.size()));
        String[] w = unit.strip().split("\\s+");
        if (rnd.nextBoolean() && w.length > 0) {
            int from = rnd.nextInt(w.length);
            unit = String.join(" ", java.util.Arrays.copyOfRange(w, from, Math.min(w.length, from + 1 + rnd.nextInt(12))));
        }
        StringBuilder b = new StringBuilder();
        if (rnd.nextBoolean()) {
            b.append(pool.get(rnd.nextInt(pool.size()))).append(' ');
        }
        int times = 2 + rnd.nextInt(rnd.nextInt(10) == 0 ? 400 : 8);
        String sep = switch (rnd.nextInt(4)) {
            case 0 -> " ";
            case 1 -> ". ";
            case 2 -> "\n";
            default -> "! ";
        };
        for (int k = 0; k < times; k++) {
            b.append(unit).append(sep);
        }
        return b.toString();
    }

    private static String json(Random rnd) {
        StringBuilder j = new StringBuilder(rnd.nextBoolean() ? "{\"items\":[" : "[");
        int n = rnd.nextInt(rnd.nextInt(10) == 0 ? 2000 : 12);
        for (int k = 0; k < n; k++) {
            j.append(k == 0 ? "" : ",").append("{\"id\":").append(k);
            if (rnd.nextInt(8) != 0) {
                j.append(",\"name\":\"item ").append(k).append('"');
            }
            j.append('}');
        }
        j.append(j.charAt(0) == '{' ? "]}" : "]");
        String s = j.toString();
        return switch (rnd.nextInt(6)) {
            case 0 -> s.substring(0, rnd.nextInt(s.length()));
            case 1 -> "Here is the JSON:\n```json\n" + s + "\n```";
            case 2 -> s + " trailing words";
            default -> s;
        };
    }

    private static String noisy(Random rnd, String s) {
        List<String> w = new ArrayList<>(List.of(s.split(" ")));
        if (rnd.nextBoolean()) {
            Collections.shuffle(w, rnd);
        }
        StringBuilder r = new StringBuilder(String.join(" ", w));
        String noise = "@$!|'\u2019 .,-_:;/\\#<>[](){}0123456789aZ\t\n\"\u201C\u201D`";
        for (int k = rnd.nextInt(20); k > 0 && r.length() > 0; k--) {
            r.insert(rnd.nextInt(r.length()), noise.charAt(rnd.nextInt(noise.length())));
        }
        return r.toString();
    }

    private static String sep(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n";
            case 2 -> "\n\n";
            case 3 -> ". ";
            case 4 -> ", ";
            default -> "";
        };
    }
}
