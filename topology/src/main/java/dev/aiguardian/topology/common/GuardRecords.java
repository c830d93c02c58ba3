package dev.aiguardian.topology.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;

/**
 * The record contract a guard host keeps, whatever runs the guard (the worker runtime or a Streams
 * application): how a request is read and validated, which headers a result carries (CloudEvents
 * binary mode plus routing), and what a dead letter says about its failure.
 */
public final class GuardRecords {
    private static final TypeReference<Map<String, Object>> OPTIONS = new TypeReference<>() {
    };

    private GuardRecords() {
    }

    /** The record is not a request the guard can read: it goes to guard.dlq. */
    public static final class InvalidRequestException extends RuntimeException {
        public InvalidRequestException(String message) {
            super(message);
        }
    }

    /** Reads and validates a request for {@code guard} against guard-request.schema.json. */
    public static GuardRequest parse(byte[] value, ServiceType guard) {
        if (value == null) {
            throw new InvalidRequestException("empty record value");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new InvalidRequestException("not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRequestException("not a JSON object");
        }
        List<String> violations = SchemaCatalog.GUARD_REQUEST.violations(tree);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("does not match " + SchemaCatalog.GUARD_REQUEST.file() + ": "
                    + String.join("; ", violations.subList(0, Math.min(3, violations.size()))));
        }
        GuardRequest request;
        try {
            request = Json.mapper().treeToValue(tree, GuardRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidRequestException("unreadable request: " + e.getMessage());
        }
        if (request.serviceType() != guard) {
            throw new InvalidRequestException("service_type " + request.serviceType() + " sent to the topic of "
                    + guard);
        }
        return request;
    }

    /** The payload's options for the guard: everything but the text. */
    public static Map<String, Object> options(JsonNode payload) {
        Map<String, Object> options = Json.mapper().convertValue(payload, OPTIONS);
        options.remove("text");
        return options;
    }

    /** The headers of a result, as RequestProcessor writes them for the workers. */
    public static Headers resultHeaders(Headers request, GuardRequest parsed, GuardResult result, String source) {
        Headers h = new RecordHeaders();
        put(h, HeaderNames.CE_SPECVERSION, HeaderNames.CE_SPECVERSION_VALUE);
        put(h, HeaderNames.CE_ID, result.requestId());
        put(h, HeaderNames.CE_TYPE, HeaderNames.CE_TYPE_RESULT);
        put(h, HeaderNames.CE_SOURCE, source);
        put(h, HeaderNames.CE_SUBJECT, result.serviceType().wireName());
        put(h, HeaderNames.CE_TIME, result.completedAt().toString());
        put(h, HeaderNames.CONTENT_TYPE, HeaderNames.JSON);
        put(h, HeaderNames.CORRELATION_ID, result.requestId());
        put(h, HeaderNames.SERVICE_TYPE, result.serviceType().wireName());
        put(h, HeaderNames.SCHEMA_VERSION, HeaderNames.SCHEMA_VERSION_VALUE);
        put(h, HeaderNames.VERDICT, result.verdict() == null ? null : result.verdict().wireName());
        last(request, HeaderNames.TRACEPARENT).ifPresent(t -> put(h, HeaderNames.TRACEPARENT, t));
        last(request, HeaderNames.CLIENT_REQUEST_ID).ifPresent(t -> put(h, HeaderNames.CLIENT_REQUEST_ID, t));
        if (parsed != null) {
            put(h, HeaderNames.USER_ID, parsed.userId());
            put(h, HeaderNames.SESSION_ID, parsed.sessionId());
        }
        put(h, HeaderNames.REPLY_PARTITION, last(request, HeaderNames.REPLY_PARTITION).orElse(null));
        return h;
    }

    /** The partition named by {@code aig_reply_partition}; null (key hashing) when absent or not a number. */
    public static Integer replyPartition(Headers request) {
        Optional<String> header = last(request, HeaderNames.REPLY_PARTITION);
        if (header.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(header.get().trim());
            return p >= 0 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Dead-letter headers after Kafka Connect's DeadLetterQueueReporter: origin, cause, who gave up. */
    public static Headers deadLetterHeaders(Headers request, String topic, int partition, long offset, long timestamp,
                                            Exception cause, String reason, int attempts, String worker) {
        Headers h = new RecordHeaders(request.toArray());
        put(h, HeaderNames.DLQ_ORIGINAL_TOPIC, topic);
        put(h, HeaderNames.DLQ_ORIGINAL_PARTITION, Integer.toString(partition));
        put(h, HeaderNames.DLQ_ORIGINAL_OFFSET, Long.toString(offset));
        put(h, HeaderNames.DLQ_ORIGINAL_TIMESTAMP, Long.toString(timestamp));
        put(h, HeaderNames.DLQ_EXCEPTION_CLASS, cause.getClass().getName());
        put(h, HeaderNames.DLQ_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        put(h, HeaderNames.DLQ_REASON, reason);
        put(h, HeaderNames.DLQ_ATTEMPTS, Integer.toString(attempts));
        put(h, HeaderNames.DLQ_WORKER, worker);
        return h;
    }

    public static Optional<String> last(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
