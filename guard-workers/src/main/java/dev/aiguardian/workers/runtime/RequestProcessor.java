package dev.aiguardian.workers.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.ErrorInfo;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.Timing;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.workers.guard.Guard;
import dev.aiguardian.workers.guard.GuardInput;
import dev.aiguardian.workers.guard.GuardOutcome;
import dev.aiguardian.workers.guard.InvalidOptionException;

/**
 * Turns one request record into the records to publish: always a result (completed or failed) when
 * the request can be identified, plus a dead letter when it could not be processed. Never throws
 * for a bad record: a poison record must not stop the partition behind it.
 */
final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
    private static final TypeReference<Map<String, Object>> OPTIONS = new TypeReference<>() {
    };

    /** What to publish for one record, and how it ended. */
    record Processed(List<ProducerRecord<String, byte[]>> records, WorkerMetrics.Outcome outcome, long guardNanos) {
    }

    private final Guard guard;
    private final String workerId;
    private final int maxAttempts;
    private final IntSupplier resultPartitions;
    private final Clock clock;

    RequestProcessor(Guard guard, String workerId, int maxAttempts, IntSupplier resultPartitions, Clock clock) {
        this.guard = guard;
        this.workerId = workerId;
        this.maxAttempts = maxAttempts;
        this.resultPartitions = resultPartitions;
        this.clock = clock;
    }

    Processed process(ConsumerRecord<String, byte[]> record) {
        Instant started = clock.instant();
        GuardRequest request;
        try {
            request = parse(record.value());
        } catch (InvalidRequestException e) {
            LOG.warn("Dead-lettering unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return deadLetter(record, null, started, e, "invalid_request", 0, 0L);
        }

        long guardStart = System.nanoTime();
        RuntimeException lastFailure = null;
        int attempt = 0;
        while (attempt < maxAttempts) {
            attempt++;
            try {
                GuardOutcome outcome = guard.inspect(new GuardInput(request.text(), options(request.payload()),
                        request.userId(), request.sessionId()));
                long nanos = System.nanoTime() - guardStart;
                GuardResult result = GuardResult.completed(request.requestId(), guard.type(), outcome.verdict(),
                        outcome.score(), Json.tree(outcome.details()), timing(request, started, nanos), workerId,
                        clock.instant());
                return new Processed(List.of(resultRecord(record, request, result)), WorkerMetrics.Outcome.COMPLETED,
                        nanos);
            } catch (InvalidOptionException e) {
                // The caller's mistake: answer it, don't retry and don't dead-letter an accepted, readable request.
                long nanos = System.nanoTime() - guardStart;
                GuardResult result = GuardResult.failed(request.requestId(), guard.type(),
                        new ErrorInfo("invalid_option", e.getMessage()), timing(request, started, nanos), workerId,
                        clock.instant());
                return new Processed(List.of(resultRecord(record, request, result)), WorkerMetrics.Outcome.FAILED,
                        nanos);
            } catch (RuntimeException e) {
                lastFailure = e;
                LOG.warn("Guard {} failed on request {} (attempt {}/{}): {}", guard.type(), request.requestId(),
                        attempt, maxAttempts, e.toString());
                if (attempt < maxAttempts) {
                    backoff(attempt);
                }
            }
        }
        return deadLetter(record, request, started, lastFailure, "guard_error", attempt, System.nanoTime() - guardStart);
    }

    private GuardRequest parse(byte[] value) {
        if (value == null) {
            throw new InvalidRequestException("empty record value");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
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
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidRequestException("unreadable request: " + e.getMessage());
        }
        if (request.serviceType() != guard.type()) {
            throw new InvalidRequestException("service_type " + request.serviceType() + " sent to the topic of "
                    + guard.type());
        }
        return request;
    }

    private Processed deadLetter(ConsumerRecord<String, byte[]> record, GuardRequest request, Instant started,
                                 Exception cause, String reason, int attempts, long nanos) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        Headers headers = new RecordHeaders(record.headers().toArray());
        KafkaHeaders.put(headers, HeaderNames.DLQ_ORIGINAL_TOPIC, record.topic());
        KafkaHeaders.put(headers, HeaderNames.DLQ_ORIGINAL_PARTITION, Integer.toString(record.partition()));
        KafkaHeaders.put(headers, HeaderNames.DLQ_ORIGINAL_OFFSET, Long.toString(record.offset()));
        KafkaHeaders.put(headers, HeaderNames.DLQ_ORIGINAL_TIMESTAMP, Long.toString(record.timestamp()));
        KafkaHeaders.put(headers, HeaderNames.DLQ_EXCEPTION_CLASS, cause.getClass().getName());
        KafkaHeaders.put(headers, HeaderNames.DLQ_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        KafkaHeaders.put(headers, HeaderNames.DLQ_REASON, reason);
        KafkaHeaders.put(headers, HeaderNames.DLQ_ATTEMPTS, Integer.toString(attempts));
        KafkaHeaders.put(headers, HeaderNames.DLQ_WORKER, workerId);
        String requestId = request != null ? request.requestId()
                : KafkaHeaders.last(record.headers(), HeaderNames.CORRELATION_ID).orElse(null);
        out.add(new ProducerRecord<>(Topics.DLQ, null, requestId != null ? requestId : record.key(), record.value(),
                headers));
        // Whoever waits for this request (a caller, a job) learns now that it failed, not at its deadline.
        if (requestId != null) {
            GuardResult failed = GuardResult.failed(requestId, guard.type(),
                    new ErrorInfo(reason, cause.getClass().getSimpleName() + ": " + cause.getMessage()),
                    request != null ? timing(request, started, nanos) : new Timing(0, 0, 0), workerId, clock.instant());
            out.add(resultRecord(record, request, failed));
        }
        return new Processed(out, WorkerMetrics.Outcome.DEAD_LETTERED, nanos);
    }

    private ProducerRecord<String, byte[]> resultRecord(ConsumerRecord<String, byte[]> request, GuardRequest parsed,
                                                        GuardResult result) {
        Headers headers = new RecordHeaders();
        KafkaHeaders.put(headers, HeaderNames.CE_SPECVERSION, HeaderNames.CE_SPECVERSION_VALUE);
        KafkaHeaders.put(headers, HeaderNames.CE_ID, result.requestId());
        KafkaHeaders.put(headers, HeaderNames.CE_TYPE, HeaderNames.CE_TYPE_RESULT);
        KafkaHeaders.put(headers, HeaderNames.CE_SOURCE, "/aiguardian/workers/" + workerId);
        KafkaHeaders.put(headers, HeaderNames.CE_SUBJECT, guard.type().wireName());
        KafkaHeaders.put(headers, HeaderNames.CE_TIME, result.completedAt().toString());
        KafkaHeaders.put(headers, HeaderNames.CONTENT_TYPE, HeaderNames.JSON);
        KafkaHeaders.put(headers, HeaderNames.CORRELATION_ID, result.requestId());
        KafkaHeaders.put(headers, HeaderNames.SERVICE_TYPE, guard.type().wireName());
        KafkaHeaders.put(headers, HeaderNames.SCHEMA_VERSION, HeaderNames.SCHEMA_VERSION_VALUE);
        KafkaHeaders.put(headers, HeaderNames.VERDICT, result.verdict() == null ? null : result.verdict().wireName());
        KafkaHeaders.last(request.headers(), HeaderNames.TRACEPARENT)
                .ifPresent(t -> KafkaHeaders.put(headers, HeaderNames.TRACEPARENT, t));
        KafkaHeaders.last(request.headers(), HeaderNames.CLIENT_REQUEST_ID)
                .ifPresent(t -> KafkaHeaders.put(headers, HeaderNames.CLIENT_REQUEST_ID, t));
        if (parsed != null) {
            // Downstream accounting (usage totals) needs who asked, which the result body does not carry.
            KafkaHeaders.put(headers, HeaderNames.USER_ID, parsed.userId());
            KafkaHeaders.put(headers, HeaderNames.SESSION_ID, parsed.sessionId());
        }
        Optional<String> replyPartition = KafkaHeaders.last(request.headers(), HeaderNames.REPLY_PARTITION);
        KafkaHeaders.put(headers, HeaderNames.REPLY_PARTITION, replyPartition.orElse(null));
        return new ProducerRecord<>(Topics.RESULTS, replyPartition(replyPartition), result.requestId(),
                Json.toBytes(result), headers);
    }

    // The partition the waiting gateway reads; without a usable one the key picks it (async requests).
    private Integer replyPartition(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(header.get());
            return p >= 0 && p < resultPartitions.getAsInt() ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Timing timing(GuardRequest request, Instant started, long guardNanos) {
        Instant now = clock.instant();
        Instant submitted = request.submittedAt();
        return new Timing(millis(Duration.between(submitted, now)), millis(Duration.between(submitted, started)),
                guardNanos / 1_000_000.0);
    }

    private static double millis(Duration d) {
        // Clocks of different hosts may disagree by a little: never report negative time.
        return Math.max(0.0, d.toNanos() / 1_000_000.0);
    }

    private static Map<String, Object> options(JsonNode payload) {
        Map<String, Object> options = Json.mapper().convertValue(payload, OPTIONS);
        options.remove("text");
        return options;
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(1000L, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }

    /** The record is not a request we can read: dead-letter it. */
    static final class InvalidRequestException extends RuntimeException {
        InvalidRequestException(String message) {
            super(message);
        }
    }
}
