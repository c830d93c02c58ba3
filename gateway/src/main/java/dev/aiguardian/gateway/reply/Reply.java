package dev.aiguardian.gateway.reply;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;

/**
 * A result as a sync caller gets it: the bytes read from guard.results, checked once by a streaming read
 * that keeps only its status. A completed result goes to the HTTP answer as those bytes with the
 * HTTP-only fields spliced in; the tree is built only for the few paths that need its fields (failed
 * results, fail_open, batches). Not thread-safe: it belongs to the context of the caller it completes.
 */
public final class Reply {
    /** Fields only the HTTP answer carries (guard-result.schema.json: "never on guard.results"). */
    private static final java.util.Set<String> HTTP_ONLY = java.util.Set.of("success", "tenant", "processing_time");

    private final byte[] json;
    private final String status;
    private final boolean spliceable;
    private ObjectNode tree;

    private Reply(byte[] json, String status, boolean spliceable, ObjectNode tree) {
        this.json = json;
        this.status = status;
        this.spliceable = spliceable;
        this.tree = tree;
    }

    /**
     * Reads a result record's value. Fails on anything that is not one well-formed JSON object, so a
     * broken record is refused here, where it is logged, and not half-sent to a caller.
     */
    public static Reply read(byte[] json) throws IOException {
        String status = null;
        boolean spliceable = true;
        int fields = 0;
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a result is a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("status".equals(name) && value == JsonToken.VALUE_STRING) {
                    status = p.getText();
                } else if (HTTP_ONLY.contains(name)) {
                    // The answer sets these itself; splicing would write them twice.
                    spliceable = false;
                }
                p.skipChildren();
                fields++;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("a result is one JSON object");
            }
        }
        return new Reply(json, status, spliceable && fields > 0, null);
    }

    /** A result the gateway built itself (fail_open's pass). */
    public static Reply of(ObjectNode tree) {
        return new Reply(null, tree.path("status").asText(null), false, tree);
    }

    /** The result's {@code status}, or null when it has none. */
    public String status() {
        return status;
    }

    public boolean failed() {
        return "failed".equals(status);
    }

    /** The result as a tree, parsed on first use; the caller may change it (it is this reply's own). */
    public ObjectNode tree() {
        if (tree == null) {
            try {
                tree = (ObjectNode) Json.mapper().readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException("read() accepted this result", e);
            }
        }
        return tree;
    }

    /**
     * The body of a sync answer: the result with {@code success: true}, the caller's {@code tenant} (or
     * none) and {@code processing_time} (seconds) after its own fields, as the original gateway's clients
     * read them.
     */
    public byte[] httpBody(String tenant, double processingSeconds) {
        ObjectNode extra = Json.mapper().createObjectNode();
        extra.put("success", true);
        if (tenant != null) {
            extra.put("tenant", tenant);
        }
        extra.put("processing_time", processingSeconds);
        if (!spliceable || tree != null) {
            // Someone may have changed the tree: it is the truth now.
            ObjectNode out = tree();
            out.setAll(extra);
            return Json.toBytes(out);
        }
        byte[] tail = Json.toBytes(extra);
        int close = json.length - 1;
        while (json[close] != '}') {
            close--; // trailing whitespace; read() proved the last token is the object's end
        }
        // The result up to its closing brace, a comma, then the extra fields without their opening brace.
        byte[] out = new byte[close + tail.length];
        System.arraycopy(json, 0, out, 0, close);
        out[close] = ',';
        System.arraycopy(tail, 1, out, close + 1, tail.length - 1);
        return out;
    }
}
