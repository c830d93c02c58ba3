package dev.aiguardian.guards.context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.guards.guard.GuardInput;

/**
 * Replays a drift set's sessions and judges each labelled next turn against the memory they leave: the one
 * replay loop of DriftCorpusTest, SemanticHeldOutTest and DriftFeatureTool (shared through the test jar).
 * A set is {@code {"sessions":[{"domain", "turns":[…], "on":[…], "off":[…]}]}}; a turn starting {@code "A: "} is
 * the assistant's. Turns are 30 s apart on one clock running across the sessions of a set, and every
 * candidate is judged against the same memory (the guard is a pure function).
 */
public final class DriftReplay {

    /**
     * One labelled judgement.
     *
     * @param session   index of the session in the set
     * @param before    the session's memory the candidate was judged against
     * @param offTopic  the label: true for an "off" candidate
     */
    public record Judged(int session, String domain, String text, boolean offTopic, ContextReport report,
            SessionMemory before) {
    }

    private DriftReplay() {
    }

    /** Replays and judges with the same guard. */
    public static List<Judged> judge(JsonNode set, ContextGuard guard) {
        return judge(set, guard, guard);
    }

    /** Replays the sessions' turns with {@code replay} and judges the candidates with {@code judge}. */
    public static List<Judged> judge(JsonNode set, ContextGuard replay, ContextGuard judge) {
        List<Judged> out = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        int index = 0;
        for (JsonNode s : set.get("sessions")) {
            SessionMemory memory = SessionMemory.empty();
            for (JsonNode turn : s.get("turns")) {
                String text = turn.asText();
                String role = text.startsWith("A: ") ? Turn.ASSISTANT : Turn.USER;
                text = role.equals(Turn.ASSISTANT) ? text.substring(3) : text;
                t = t.plusSeconds(30);
                memory = replay.apply(memory, GuardInput.of(text, Map.of("role", role)), t).after();
            }
            for (String label : List.of("on", "off")) {
                for (JsonNode next : s.get(label)) {
                    ContextReport r = (ContextReport) judge.apply(memory, GuardInput.of(next.asText()), t.plusSeconds(30))
                            .outcome().details();
                    out.add(new Judged(index, s.get("domain").asText(), next.asText(), label.equals("off"), r, memory));
                }
            }
            index++;
        }
        return out;
    }
}
