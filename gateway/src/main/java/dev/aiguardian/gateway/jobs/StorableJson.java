package dev.aiguardian.gateway.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.aiguardian.schemas.Json;

/**
 * A result as PostgreSQL can store it. Neither {@code text} nor {@code jsonb} can hold U+0000, but
 * a guard's result may quote it (NUL bytes are a real obfuscation trick, and the guards see the text
 * as sent): the stored copy has U+FFFD in its place and says so in {@code stored_copy}.
 */
final class StorableJson {
    static final String REPLACEMENT = "U+FFFD";

    /** The result to store and how many U+0000 it had. */
    record Stored(ObjectNode json, int replaced) {
    }

    private StorableJson() {
    }

    /** {@code result} itself when it holds no U+0000, else a copy without them, with the note. */
    static Stored of(ObjectNode result) {
        int[] count = {0};
        JsonNode clean = clean(result, count);
        if (count[0] == 0) {
            return new Stored(result, 0);
        }
        ObjectNode out = (ObjectNode) clean;
        out.putObject("stored_copy")
                .put("nul_characters_replaced", count[0])
                .put("replacement", REPLACEMENT)
                .put("note", "PostgreSQL cannot store U+0000 in text or jsonb: this stored copy has U+FFFD in "
                        + "its place. The guards saw the text as sent.");
        return new Stored(out, count[0]);
    }

    private static JsonNode clean(JsonNode node, int[] count) {
        if (node.isTextual()) {
            String s = node.textValue();
            return s.indexOf('\0') < 0 ? node : TextNode.valueOf(replace(s, count));
        }
        if (node.isArray()) {
            ArrayNode out = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode before = node.get(i);
                JsonNode after = clean(before, count);
                if (after != before && out == null) {
                    out = ((ArrayNode) node).deepCopy();
                }
                if (out != null) {
                    out.set(i, after);
                }
            }
            return out == null ? node : out;
        }
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            boolean changed = false;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String name = e.getKey().indexOf('\0') < 0 ? e.getKey() : replace(e.getKey(), count);
                JsonNode value = clean(e.getValue(), count);
                changed |= !name.equals(e.getKey()) || value != e.getValue();
                fields.add(Map.entry(name, value));
            }
            if (!changed) {
                return node;
            }
            ObjectNode out = Json.mapper().createObjectNode();
            fields.forEach(e -> out.set(e.getKey(), e.getValue()));
            return out;
        }
        return node;
    }

    private static String replace(String s, int[] count) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                count[0]++;
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
