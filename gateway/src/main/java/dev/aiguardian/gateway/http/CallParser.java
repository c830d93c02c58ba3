package dev.aiguardian.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.PipelineRequest;
import dev.aiguardian.schemas.ServiceType;

/** Turns the body of a process or pipeline call into a {@link Call}, or says what is wrong with it. */
final class CallParser {
    private static final int MAX_ID_LENGTH = 256;
    /**
     * How deep a body's JSON may nest. A call needs 3 levels plus its options (a JSON Schema for
     * healthguard nests a little); Jackson's own default of 1000 lets a few kilobytes of brackets cost
     * deep recursion in every guard that walks the payload.
     */
    static final int MAX_JSON_DEPTH = 100;
    // Only trees are read here, so none of Json.mapper()'s binding settings matter.
    private static final ObjectMapper BODY_READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .build())
            // "{...} trailing garbage" is not one JSON value: refuse it rather than read half of it.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** A call's own fields, beside its payload: what an alias route's flat body does not pass to the guard. */
    static final java.util.Set<String> ENVELOPE = java.util.Set.of("service_type", "guards", "user_id", "session_id",
            "timeout", "mode", "callback_url", "fail_open", "fallback_enabled", "priority");
    private static final String EXAMPLE = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"...\"}}";

    private final Duration defaultTimeout;
    private final Duration maxTimeout;
    private final boolean failOpenByDefault;
    private final Clock clock;

    /** @param failOpenByDefault {@code FAIL_OPEN}: what a call that names no {@code fail_open} gets */
    CallParser(Duration defaultTimeout, Duration maxTimeout, boolean failOpenByDefault, Clock clock) {
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
        this.failOpenByDefault = failOpenByDefault;
        this.clock = clock;
    }

    GuardCall guard(String body, boolean preferAsync) {
        return guard(body.getBytes(StandardCharsets.UTF_8), preferAsync);
    }

    GuardCall guard(byte[] body, boolean preferAsync) {
        return guard(body, preferAsync, null);
    }

    /**
     * Parses a {@code /process} body; {@code preferAsync} is whether the caller sent {@code Prefer: respond-async},
     * {@code subject} the caller's JWT {@code sub}, if any, which becomes the {@code user_id} (see {@link #envelope}).
     */
    GuardCall guard(byte[] body, boolean preferAsync, String subject) {
        return guard(object(body), preferAsync, subject);
    }

    /** A {@code /process} call from a body already read (a batch item, an alias route's rewritten body). */
    GuardCall guard(ObjectNode root, boolean preferAsync, String subject) {
        JsonNode typeNode = root.get("service_type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw unknownService("service_type is missing; name one of the guards.");
        }
        ServiceType type = ServiceType.find(typeNode.asText()).orElseThrow(() ->
                unknownService("service_type '" + typeNode.asText() + "' is not a guard."));
        ObjectNode payload = payload(root);
        Envelope e = envelope(root, preferAsync, subject);
        GuardRequest request = new GuardRequest(UUID.randomUUID().toString(), type, payload, e.userId(),
                e.sessionId(), e.now(), e.async() ? null : e.now().plus(e.deadline()));
        return new GuardCall(request, e.deadline(), e.async(), e.callback(), e.failOpen(), e.priority());
    }

    PipelineCall pipeline(String body, boolean preferAsync) {
        return pipeline(body.getBytes(StandardCharsets.UTF_8), preferAsync);
    }

    PipelineCall pipeline(byte[] body, boolean preferAsync) {
        return pipeline(body, preferAsync, null);
    }

    /** Parses a {@code /pipeline} body: {@code {"guards":[...],"payload":{"text":...},...}}. */
    PipelineCall pipeline(byte[] body, boolean preferAsync, String subject) {
        return pipeline(object(body), preferAsync, subject);
    }

    /** A {@code /pipeline} call from a body already read (a batch item). */
    PipelineCall pipeline(ObjectNode root, boolean preferAsync, String subject) {
        JsonNode guardsNode = root.get("guards");
        if (guardsNode == null || !guardsNode.isArray() || guardsNode.isEmpty()) {
            throw unknownService("guards must be a non-empty list of guard names.");
        }
        List<ServiceType> guards = new ArrayList<>();
        for (JsonNode g : guardsNode) {
            ServiceType type = ServiceType.find(g.asText(null)).orElseThrow(() ->
                    unknownService("guards names '" + g.asText() + "', which is not a guard."));
            if (guards.contains(type)) {
                throw invalid("guards names " + type + " twice");
            }
            guards.add(type);
        }
        ObjectNode payload = payload(root);
        Envelope e = envelope(root, preferAsync, subject);
        PipelineRequest pipeline = new PipelineRequest(PipelineRequest.newId(), guards, e.userId(), e.sessionId(),
                e.now(), e.now().plus(e.deadline()), e.failOpen());
        List<GuardRequest> members = guards.stream().map(g -> new GuardRequest(pipeline.memberId(g), g,
                payload.deepCopy(), e.userId(), e.sessionId(), e.now(), pipeline.deadlineAt())).toList();
        return new PipelineCall(pipeline, members, e.deadline(), e.async(), e.callback(), e.priority());
    }

    /**
     * A call on one of the original gateway's per-guard routes ({@code POST /api/v1/guards/trustguard/validate}…):
     * the body is the process body without {@code service_type}, or, as those routes' clients send it, the
     * payload itself ({@code {"text":…, options…}}) with the envelope fields beside it. The
     * {@code X-User-ID} / {@code X-Session-ID} headers stand in for {@code user_id} / {@code session_id}.
     */
    GuardCall alias(ServiceType guard, byte[] body, boolean preferAsync, String userHeader, String sessionHeader,
                    String subject) {
        ObjectNode given = object(body);
        ObjectNode root = Json.mapper().createObjectNode();
        if (given.has("payload")) {
            root.setAll(given);
        } else {
            ObjectNode payload = root.putObject("payload");
            given.fields().forEachRemaining(f -> {
                if (ENVELOPE.contains(f.getKey())) {
                    root.set(f.getKey(), f.getValue());
                } else {
                    payload.set(f.getKey(), f.getValue());
                }
            });
        }
        root.put("service_type", guard.wireName());
        if (!root.hasNonNull("user_id") && userHeader != null) {
            root.put("user_id", userHeader);
        }
        if (!root.hasNonNull("session_id") && sessionHeader != null) {
            root.put("session_id", sessionHeader);
        }
        return guard(root, preferAsync, subject);
    }

    /** The fields every call has besides what to inspect: who, how long, how to answer, whether to fail open. */
    private record Envelope(String userId, String sessionId, Duration deadline, Optional<URI> callback, boolean async,
                            boolean failOpen, int priority, Instant now) {
    }

    /**
     * A token's {@code sub} wins over the body's {@code user_id}: a caller can never act as another user
     * (budgets and usage are per user). The body's value is still checked, so a malformed one is a 400 either way.
     */
    private Envelope envelope(ObjectNode root, boolean preferAsync, String subject) {
        String bodyUserId = optionalId(root, "user_id");
        String userId = subject != null ? subject : bodyUserId;
        String sessionId = optionalId(root, "session_id");
        Duration deadline = timeout(root.get("timeout"));
        Optional<URI> callback = callbackUrl(root.get("callback_url"));
        boolean async = mode(root.get("mode"), preferAsync || callback.isPresent());
        // fail_open wins; the original gateway's clients say fallback_enabled for the same choice.
        JsonNode failOpen = root.hasNonNull("fail_open") ? root.get("fail_open") : root.get("fallback_enabled");
        return new Envelope(userId, sessionId, deadline, callback, async,
                failOpen(failOpen, root.hasNonNull("fail_open") ? "fail_open" : "fallback_enabled"),
                priority(root.get("priority")), clock.instant());
    }

    /** The body as a JSON object, or the 400 that says what is wrong with it. */
    static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequest(400, "empty-body", "Empty body", "The body is empty; send a JSON object such as "
                    + EXAMPLE + ".");
        }
        JsonNode root;
        try {
            root = BODY_READER.readTree(body);
        } catch (StreamConstraintsException e) {
            boolean depth = String.valueOf(e.getOriginalMessage()).contains("nesting depth");
            throw new BadRequest(400, depth ? "json-too-deep" : "json-too-large", depth ? "JSON nested too deeply"
                    : "JSON value too large", depth ? "The JSON nests deeper than " + MAX_JSON_DEPTH + " levels."
                    : "A number, string or field name in the JSON is longer than this gateway reads.");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadRequest(400, "malformed-json", "Malformed JSON", "The body is not valid JSON: "
                    + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        } catch (IOException e) {
            // Jackson's encoding detection: bytes that are no UTF-8 (nor UTF-16/32) text at all.
            throw new BadRequest(400, "malformed-json", "Malformed JSON", "The body is not UTF-8 encoded JSON.");
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequest(400, "empty-body", "Empty body", "The body holds no JSON value; send a JSON object "
                    + "such as " + EXAMPLE + ".");
        }
        if (!root.isObject()) {
            throw invalid("The body must be a JSON object such as " + EXAMPLE);
        }
        requireUnicode(root, "the body");
        return (ObjectNode) root;
    }

    /**
     * JSON's \\u escapes can spell half a surrogate pair, which is no character: no encoder can write it
     * on (to Kafka, to a guard), so such a body is refused here rather than failing later.
     */
    private static void requireUnicode(JsonNode node, String where) {
        if (node.isTextual() && unpaired(node.textValue())) {
            throw invalid(where + " holds a string with an unpaired surrogate (a lone \\ud800-\\udfff escape); "
                    + "strings must be valid Unicode");
        }
        if (node.isContainerNode()) {
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (unpaired(field.getKey())) {
                    throw invalid(where + " holds a field name with an unpaired surrogate; names must be valid Unicode");
                }
                requireUnicode(field.getValue(), field.getKey());
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    requireUnicode(element, where);
                }
            }
        }
    }

    private static boolean unpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode payload(ObjectNode root) {
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw invalid("payload must be an object holding the text to inspect: \"payload\":{\"text\":\"...\"}");
        }
        JsonNode text = payload.get("text");
        if (text == null || text.isNull()) {
            throw invalid("payload.text is missing: put the text to inspect there");
        }
        if (!text.isTextual()) {
            throw invalid("payload.text must be a string");
        }
        return (ObjectNode) payload;
    }

    private static boolean mode(JsonNode node, boolean asyncByDefault) {
        if (node == null || node.isNull()) {
            return asyncByDefault;
        }
        if (node.isTextual() && "async".equals(node.asText())) {
            return true;
        }
        if (node.isTextual() && "sync".equals(node.asText())) {
            return false;
        }
        throw invalid("mode must be \"sync\" or \"async\"");
    }

    private boolean failOpen(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return failOpenByDefault;
        }
        if (!node.isBoolean()) {
            throw invalid(field + " must be true or false");
        }
        return node.asBoolean();
    }

    private static int priority(JsonNode node) {
        if (node == null || node.isNull()) {
            return dev.aiguardian.kafka.GuardRecords.DEFAULT_PRIORITY;
        }
        if (!node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > 10) {
            throw invalid("priority must be a whole number from 1 (lowest) to 10 (highest)");
        }
        return node.asInt();
    }

    private static Optional<URI> callbackUrl(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().length() > 2048) {
            throw invalid("callback_url must be a URL of at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(node.asText());
        } catch (URISyntaxException e) {
            throw invalid("callback_url is not a valid URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw invalid("callback_url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("callback_url must not carry credentials");
        }
        return Optional.of(uri);
    }

    private Duration timeout(JsonNode node) {
        if (node == null || node.isNull()) {
            return defaultTimeout;
        }
        if (!node.isNumber() || node.asDouble() <= 0) {
            throw invalid("timeout must be a positive number of seconds");
        }
        Duration d = Duration.ofMillis(Math.round(node.asDouble() * 1000));
        if (d.compareTo(maxTimeout) > 0) {
            throw invalid("timeout may be at most " + maxTimeout.toSeconds() + " seconds");
        }
        return d.isZero() ? Duration.ofMillis(1) : d;
    }

    private static String optionalId(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() && !n.isIntegralNumber()) {
            throw invalid(field + " must be a string");
        }
        String s = n.asText();
        if (s.length() > MAX_ID_LENGTH) {
            throw invalid(field + " may be at most " + MAX_ID_LENGTH + " characters");
        }
        return s;
    }

    private static BadRequest invalid(String detail) {
        return new BadRequest(400, "invalid-request", "Invalid request", detail);
    }

    private static BadRequest unknownService(String detail) {
        return new BadRequest(400, "unknown-service-type", "Unknown service_type",
                detail + " Valid: " + String.join(", ", ServiceType.wireNames()) + ".",
                Map.of("valid_service_types", ServiceType.wireNames()));
    }
}
