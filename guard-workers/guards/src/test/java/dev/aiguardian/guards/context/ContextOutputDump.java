package dev.aiguardian.guards.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.testing.TextOfSize;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.schemas.Json;

/**
 * Writes what ContextGuard decides on every step, semantic layer off, one line a step: drift score and similarity
 * (every bit of the double), drift flag, reason, the window (turn count, tokens, omitted, a digest of its turns),
 * the memory's turn and token counts, and every entry of the topic centroid after the step, ids ascending with the
 * weights' exact bits. Steps: every turn and every judged candidate of the 15 drift sets (in-sample and held-out),
 * the benchmark's two sessions and their 1 KB and 64 KB turns, and ~6,000 seeded synthetic turns (roles, pins,
 * budgets, resets, eviction, full topics, non-ASCII). Two builds are compared byte for byte before and after a speed
 * change: {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.context.ContextOutputDump out.txt
 * [repo root]}. A tool, not a test: it has no expected output of its own, only another build's. Held-out cases are
 * replayed, never printed: a window's texts appear only as a digest, so a difference never shows a case.
 */
public final class ContextOutputDump {

    static final String[] GUARDS_SETS = {"corpus", "holdout", "holdout2", "tuning2", "tuning3", "tuning4", "tuning5",
        "tuning6", "tuning7"};
    static final String[] SEMANTIC_SETS = {"drift", "drift-v4", "drift-v5", "drift-v6", "drift-v7", "drift-v8"};
    static final String[] IN_SAMPLE = {"corpus", "tuning2", "tuning3", "tuning4", "tuning5", "tuning6", "tuning7"};

    private ContextOutputDump() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 1 ? args[1] : ".");
        ContextGuard guard = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.US_ASCII))) {
            for (String name : GUARDS_SETS) {
                try (InputStream in = ContextOutputDump.class.getResourceAsStream("/context/drift-" + name + ".json")) {
                    replay(out, guard, "context/" + name, Json.mapper().readTree(in));
                }
            }
            for (String name : SEMANTIC_SETS) {
                Path file = root.resolve("guard-workers/semantic/src/test/resources/semantic/heldout/" + name + ".json");
                replay(out, guard, "semantic/" + name, Json.mapper().readTree(file.toFile()));
            }
            benchmark(out, guard);
            synthetic(out, guard, words(), 6000);
            if (out.checkError()) {
                throw new IOException("could not write " + args[0]);
            }
        }
    }

    /** As DriftReplay: the sessions' turns in order, then each candidate against the memory they leave. */
    private static void replay(PrintWriter out, ContextGuard guard, String set, JsonNode sessions) throws Exception {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        int index = 0;
        for (JsonNode s : sessions.get("sessions")) {
            SessionMemory memory = SessionMemory.empty();
            int k = 0;
            for (JsonNode turn : s.get("turns")) {
                String text = turn.asText();
                String role = text.startsWith("A: ") ? Turn.ASSISTANT : Turn.USER;
                text = role.equals(Turn.ASSISTANT) ? text.substring(3) : text;
                t = t.plusSeconds(30);
                ContextStep step = guard.apply(memory, GuardInput.of(text, Map.of("role", role)), t);
                out.println(set + " " + index + " turn " + k++ + " " + line(step));
                memory = step.after();
            }
            for (String label : List.of("on", "off")) {
                int c = 0;
                for (JsonNode next : s.get(label)) {
                    ContextStep step = guard.apply(memory, GuardInput.of(next.asText()), t.plusSeconds(30));
                    out.println(set + " " + index + " " + label + " " + c++ + " " + line(step));
                }
            }
            index++;
        }
    }

    private static void benchmark(PrintWriter out, ContextGuard guard) throws Exception {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        SessionMemory chat = SessionMemory.empty();
        for (String s : ContextGuardBenchmark.SESSION) {
            ContextStep step = guard.apply(chat, GuardInput.of(s), now);
            out.println("benchmark chat " + line(step));
            chat = step.after();
        }
        Random random = new Random(40);
        SessionMemory full = SessionMemory.empty();
        for (int t = 0; t < 40; t++) {
            ContextStep step = guard.apply(full, GuardInput.of(ContextGuardBenchmark.pseudoWords(random, 600)), now);
            out.println("benchmark full " + line(step));
            full = step.after();
        }
        for (int size : new int[] {1024, 65536}) {
            GuardInput turn = GuardInput.of(TextOfSize.cycle(ContextGuardBenchmark.PARAGRAPHS, size));
            out.println("benchmark apply " + size + " " + line(guard.apply(chat, turn, now)));
            out.println("benchmark applyToAFullTopic " + size + " " + line(guard.apply(full, turn, now)));
        }
    }

    /** Words of the in-sample sets and the bundled lists, for synthetic turns. */
    private static List<String> words() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : IN_SAMPLE) {
            try (InputStream in = ContextOutputDump.class.getResourceAsStream("/context/drift-" + name + ".json")) {
                for (JsonNode s : Json.mapper().readTree(in).get("sessions")) {
                    for (String field : List.of("turns", "on", "off")) {
                        for (JsonNode turn : s.get(field)) {
                            out.addAll(List.of(turn.asText().split("\\s+")));
                        }
                    }
                }
            }
        }
        for (String list : List.of("/context/concepts.txt", "/context/generic-words.txt", "/context/stopwords.txt")) {
            for (String line : TextAnalyzer.wordList(list)) {
                out.addAll(List.of(line.replace(':', ' ').split("[\\s,]+")));
            }
        }
        out.addAll(List.of("Straße", "naïve", "ﬁle", "Ｆｕｌｌ", "日本語の文章", "don't", "it’s", "İstanbul", "x²",
                "Ⅻ", "٣٤٥", "😀", "\ud83d", "co-operate", "e-mail", "3.5", "1000", "a", "I"));
        return out;
    }

    private static void synthetic(PrintWriter out, ContextGuard guard, List<String> words, int turns)
            throws Exception {
        Random rnd = new Random(1024);
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        SessionMemory memory = SessionMemory.empty();
        for (int i = 0; i < turns; i++) {
            if (rnd.nextInt(120) == 0) {
                memory = SessionMemory.empty();
            }
            int length = switch (rnd.nextInt(10)) {
                case 0 -> 0;
                case 1, 2 -> 1 + rnd.nextInt(3);
                case 3 -> 80 + rnd.nextInt(400); // long turns fill the topic to its cap and evict by tokens
                default -> 4 + rnd.nextInt(25);
            };
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < length; w++) {
                String word = rnd.nextInt(8) == 0 ? pseudoWord(rnd) : words.get(rnd.nextInt(words.size()));
                b.append(rnd.nextInt(12) == 0 ? word.toUpperCase(java.util.Locale.ROOT) : word);
                b.append(switch (rnd.nextInt(8)) {
                    case 0 -> ". ";
                    case 1 -> ", ";
                    case 2 -> "\n";
                    default -> " ";
                });
            }
            Map<String, Object> options = new HashMap<>();
            int r = rnd.nextInt(10);
            if (r < 3) {
                options.put("role", r == 0 ? Turn.SYSTEM : Turn.ASSISTANT);
            }
            if (rnd.nextInt(15) == 0) {
                options.put("pin", true);
            }
            if (rnd.nextInt(4) == 0) {
                options.put("max_context_tokens", 1 + rnd.nextInt(rnd.nextBoolean() ? 200 : 6000));
            }
            if (rnd.nextInt(200) == 0) {
                options.put("reset", true);
            }
            // now and then an idle gap past the TTL
            t = t.plusSeconds(rnd.nextInt(300) == 0 ? 90_000 : 20 + rnd.nextInt(100));
            ContextStep step = guard.apply(memory, GuardInput.of(b.toString(), options), t);
            out.println("synthetic " + i + " " + options.keySet().stream().sorted().toList() + " " + line(step));
            memory = step.after();
        }
    }

    private static String pseudoWord(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int k = 2 + rnd.nextInt(9); k > 0; k--) {
            b.append((char) ('a' + rnd.nextInt(26)));
        }
        return b.toString();
    }

    private static String line(ContextStep step) throws NoSuchAlgorithmException {
        ContextReport r = (ContextReport) step.outcome().details();
        StringBuilder b = new StringBuilder();
        b.append(step.outcome().verdict()).append(' ').append(bits(step.outcome().score()))
                .append(" score=").append(bits(r.driftScore())).append(" sim=").append(bits(r.similarity()))
                .append(" drift=").append(r.drift()).append(" reason=").append(r.driftReason())
                .append(" window=").append(r.contextWindow().size()).append('/').append(r.windowTokens())
                .append("/omitted ").append(r.omittedTurns()).append('/').append(digest(r.contextWindow()))
                .append(" turns=").append(r.turnCount()).append(" tokens=").append(r.sessionTokens())
                .append(" reset=").append(r.reset()).append(" expired=").append(r.expired())
                .append(" topicTurns=").append(step.after().topicTurns())
                .append(" lastActive=").append(step.after().lastActive())
                .append(" memory=").append(digest(step.after().turns()))
                .append(" centroid=").append(step.after().centroid().size()).append(':');
        // ids ascending, whatever order the map iterates in
        new java.util.TreeMap<>(step.after().centroid()).forEach((id, w) -> b.append(' ').append(id).append('=')
                .append(Long.toHexString(Double.doubleToRawLongBits(w))));
        return b.toString();
    }

    private static String bits(double d) {
        return d + "#" + Long.toHexString(Double.doubleToRawLongBits(d));
    }

    /** The turns' texts, roles, token counts, times and pins, as a digest: held-out texts stay out of the file. */
    private static String digest(List<Turn> turns) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Turn turn : turns) {
            md.update((turn.role() + "\u0000" + turn.tokens() + "\u0000" + turn.at() + "\u0000" + turn.pinned()
                    + "\u0000" + turn.text() + "\u0001").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest(), 0, 12);
    }
}
