package dev.aiguardian.guards.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * Checks that an output is one JSON document (a surrounding ```json fence is tolerated, as models
 * add it; one document wrapped in prose is extracted and reported as {@code wrapped_json}) and, when
 * the caller supplies {@code json_schema}, that it matches that schema.
 */
final class JsonCheck {
    private static final int MAX_SCHEMA_ERRORS = 10;
    /** Callers send the same few schemas again and again; compiling one costs far more than validating. */
    private static final int SCHEMA_CACHE = 256;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    // Remote $refs are never fetched: a guard does no I/O on a caller's behalf.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
    private final Map<JsonNode, Schema> schemas = new ConcurrentHashMap<>();
    /** The draft 2020-12 meta-schema, bundled in the validator's jar: catches "type": 12 and the like. */
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    /** Parses {@code json_schema} (an object, a boolean or a JSON string) into a compiled schema. */
    Schema schema(Object option) {
        JsonNode node;
        try {
            node = option instanceof String s ? mapper.readTree(s) : mapper.valueToTree(option);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidOptionException("json_schema", "is not valid JSON: " + firstLine(e.getMessage())
                    + "; send a JSON Schema object");
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new InvalidOptionException("json_schema", "must be a JSON Schema object (or true/false)");
        }
        Schema cached = schemas.get(node);
        if (cached != null) {
            return cached;
        }
        List<Error> metaErrors = metaSchema.validate(node);
        if (!metaErrors.isEmpty()) {
            throw new InvalidOptionException("json_schema", "is not a valid JSON Schema (draft 2020-12): "
                    + metaErrors.get(0) + "; fix the schema");
        }
        try {
            Schema s = registry.getSchema(node);
            s.validate(mapper.nullNode()); // compiles lazily; surface a broken schema now, as the caller's error
            if (schemas.size() >= SCHEMA_CACHE) {
                schemas.clear();
            }
            schemas.put(node, s);
            return s;
        } catch (RuntimeException e) {
            throw new InvalidOptionException("json_schema", "is not a usable JSON Schema (draft 2020-12): "
                    + firstLine(e.getMessage()));
        }
    }

    void check(String text, Schema schema, List<HealthIssue> out) {
        String body = text.strip();
        int offset = body.isEmpty() ? 0 : text.indexOf(body.charAt(0));
        // A fence around the whole answer is how models mark JSON; it is tolerated without a finding.
        if (body.startsWith("```") && body.endsWith("```") && body.length() > 6) {
            int nl = body.indexOf('\n');
            int close = body.length() - 3;
            if (nl > 0 && close > nl) {
                offset += nl + 1;
                body = body.substring(nl + 1, close);
            }
        } else if (body.startsWith("```")) {
            int nl = body.indexOf('\n');
            if (nl > 0 && body.indexOf("```", nl) < 0) {
                offset += nl + 1;
                body = body.substring(nl + 1); // an open fence and nothing else: the document is cut off
            }
        }
        JsonNode doc;
        try {
            doc = mapper.readTree(body);
        } catch (JsonProcessingException whole) {
            embedded(text, schema, whole, offset, out);
            return;
        }
        if (doc == null || doc.isMissingNode()) {
            out.add(new HealthIssue("invalid_json", "no JSON document found", 1.0, null));
            return;
        }
        validate(doc, schema, out);
    }

    /**
     * The text as a whole is not JSON: accept exactly one embedded document with prose around it (reported
     * as {@code wrapped_json}), otherwise report why none qualifies.
     */
    private void embedded(String text, Schema schema, JsonProcessingException whole, int wholeOffset,
                          List<HealthIssue> out) {
        EmbeddedJson found = new EmbeddedJson(text);
        List<JsonNode> docs = new ArrayList<>();
        List<EmbeddedJson.Candidate> valid = new ArrayList<>();
        EmbeddedJson.Candidate worst = null;
        JsonProcessingException worstError = null;
        for (EmbeddedJson.Candidate c : found.candidates) {
            try {
                docs.add(mapper.readTree(text.substring(c.start(), c.end())));
                valid.add(c);
            } catch (JsonProcessingException e) {
                // The longest failed candidate is the one meant as the document, not a "[1]" in the prose.
                if (worst == null || !c.closed() || worst.closed() && c.end() - c.start() > worst.end() - worst.start()) {
                    worst = c;
                    worstError = e;
                }
            }
        }
        if (worst != null && !worst.closed()) {
            parseError(text, worstError, worst.start(), out);
        } else if (valid.size() > 1) {
            out.add(new HealthIssue("invalid_json", valid.size() + " separate JSON documents in the text; expected one",
                    1.0, new TextSpan(valid.get(1).start(), valid.get(1).end())));
        } else if (valid.size() == 1 && found.strayCloser < 0) {
            EmbeddedJson.Candidate c = valid.get(0);
            boolean fenced = text.lastIndexOf("```", c.start()) >= 0 && text.indexOf("```", c.end()) >= 0;
            out.add(new HealthIssue("wrapped_json", String.format(java.util.Locale.ROOT,
                    "valid JSON at characters %d-%d is wrapped in prose%s; it was extracted and validated, but the"
                            + " text as a whole does not parse", c.start(), c.end(), fenced ? " and a code fence" : ""),
                    0.3, new TextSpan(c.start(), c.end())));
            validate(docs.get(0), schema, out);
        } else if (valid.size() == 1) {
            out.add(new HealthIssue("invalid_json", "'" + text.charAt(found.strayCloser) + "' closes nothing", 1.0,
                    new TextSpan(found.strayCloser, found.strayCloser + 1)));
        } else if (worst != null) {
            parseError(text, worstError, worst.start(), out);
        } else {
            parseError(text, whole, wholeOffset, out);
        }
    }

    private static void parseError(String text, JsonProcessingException e, int offset, List<HealthIssue> out) {
        JsonLocation loc = e.getLocation();
        int at = loc == null || loc.getCharOffset() < 0 ? 0 : (int) loc.getCharOffset();
        int pos = Math.min(Math.max(0, text.length() - 1), offset + at);
        String msg = firstLine(e.getOriginalMessage());
        boolean cutOff = msg.contains("end-of-input") || msg.contains("EOF");
        out.add(new HealthIssue("invalid_json", (cutOff ? "JSON is cut off: " : "not valid JSON: ") + msg, 1.0,
                new TextSpan(pos, Math.min(text.length(), pos + 1))));
        if (cutOff) {
            out.add(new HealthIssue("truncated", "JSON document ends before it is complete", 0.9,
                    new TextSpan(offset, text.length())));
        }
    }

    private static void validate(JsonNode doc, Schema schema, List<HealthIssue> out) {
        if (schema != null) {
            List<Error> errors = schema.validate(doc);
            for (int k = 0; k < Math.min(errors.size(), MAX_SCHEMA_ERRORS); k++) {
                out.add(new HealthIssue("schema_mismatch", errors.get(k).toString(), 1.0, null));
            }
            if (errors.size() > MAX_SCHEMA_ERRORS) {
                out.add(new HealthIssue("schema_mismatch", (errors.size() - MAX_SCHEMA_ERRORS) + " more violations",
                        1.0, null));
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
