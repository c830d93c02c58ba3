package dev.aiguardian.guards.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a guard's labelled cases, one JSON object a line, from the test classpath. */
public final class LabelledCases {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One labelled case: its text, the labels it should get, its guard options (empty when it has
     * none) and the whole line, for fields only one guard's sets carry.
     */
    public record Case(String text, Set<String> expected, JsonNode options, JsonNode raw) {
        /** The options as a guard takes them. */
        public Map<String, Object> optionsMap() {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = MAPPER.convertValue(options, Map.class);
            return m;
        }

        public GuardInput input() {
            return GuardInput.of(text, optionsMap());
        }

        /** The writer's note on the case, empty when it has none. */
        public String notes() {
            return raw.path("notes").asText();
        }
    }

    private LabelledCases() {
    }

    /**
     * The cases in {@code resource} (an absolute classpath path), in file order; blank lines are
     * skipped. Expected labels sit under {@code expect} (health, bias) or {@code labels} (trust).
     */
    public static List<Case> read(String resource) {
        List<Case> out = new ArrayList<>();
        try (InputStream in = LabelledCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the test classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (!line.isBlank()) {
                    out.add(parse(MAPPER.readTree(line), resource + ":" + lineNo));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        return out;
    }

    private static Case parse(JsonNode n, String where) {
        JsonNode text = n.get("text");
        JsonNode labels = n.has("expect") ? n.get("expect") : n.get("labels");
        if (text == null || !text.isTextual() || labels == null || !labels.isArray()) {
            throw new IllegalStateException(where + ": a case needs a text and an expect (or labels) array");
        }
        Set<String> expected = new TreeSet<>();
        labels.forEach(l -> expected.add(l.asText()));
        JsonNode options = n.path("options").isObject() ? n.get("options") : MAPPER.createObjectNode();
        return new Case(text.asText(), Collections.unmodifiableSet(expected), options, n);
    }
}
