package dev.aiguardian.workers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.ErrorInfo;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Timing;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * Turns one request record into the records to publish: always a result (completed or failed) when
 * the request can be identified, plus a dead letter when it could not be processed. Never throws
 * for a bad record: a poison record must not stop the partition behind it.
 */
final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);

    /**
     * What to publish for one record, and how it ended: for a completed one also its verdict and, when the
     * result carries a budget check (tokenguard with budgets), the budget's own verdict, for the metrics.
     */
    record Processed(List<ProducerRecord<String, byte[]>> records, WorkerMetrics.Outcome outcome, long guardNanos,
                     Verdict verdict, Verdict budgetVerdict) {
        Processed(List<ProducerRecord<String, byte[]>> records, WorkerMetrics.Outcome outcome, long guardNanos) {
            this(records, outcome, guardNanos, null, null);
        }
    }

    private final Guard guard;
    private final String workerId;
    private final int maxAttempts;
    private final IntSupplier resultPartitions;
    private final Clock clock;
    private final SizeBudget sizes;

    RequestProcessor(Guard guard, String workerId, int maxAttempts, IntSupplier resultPartitions, Clock clock) {
        this(guard, workerId, maxAttempts, resultPartitions, clock, SizeBudget.defaults());
    }

    RequestProcessor(Guard guard, String workerId, int maxAttempts, IntSupplier resultPartitions, Clock clock,
                     SizeBudget sizes) {
        this.sizes = sizes;
        this.guard = guard;
        this.workerId = workerId;
        this.maxAttempts = maxAttempts;
        this.resultPartitions = resultPartitions;
        this.clock = clock;
    }

    Processed process(ConsumerRecord<String, byte[]> record) {
        // Every line logged while this request is processed carries its id (request.id in LOG_FORMAT=json).
        String correlationId = GuardRecords.correlationId(record.headers());
        if (correlationId == null) {
            return processRecord(record);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("request.id", correlationId)) {
            return processRecord(record);
        }
    }

    private Processed processRecord(ConsumerRecord<String, byte[]> record) {
        Instant started = clock.instant();
        GuardRequest request;
        try {
            request = parse(record.value());
        } catch (GuardRecords.InvalidRequestException e) {
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
                GuardOutcome outcome = guard.inspect(new GuardInput(request.text(), GuardRecords.options(request.payload()),
                        request.userId(), request.sessionId()));
                long nanos = System.nanoTime() - guardStart;
                JsonNode details = Json.tree(outcome.details());
                GuardResult result = GuardResult.completed(request.requestId(), guard.type(), outcome.verdict(),
                        outcome.score(), details, timing(request, started, nanos), workerId, clock.instant());
                JsonNode budget = details.path("budget").path("verdict");
                return new Processed(published(resultRecord(record, request, result)), WorkerMetrics.Outcome.COMPLETED,
                        nanos, outcome.verdict(), budget.isTextual() ? Verdict.fromWire(budget.asText()) : null);
            } catch (InvalidOptionException e) {
                // The caller's mistake: answer it, don't retry and don't dead-letter an accepted, readable request.
                long nanos = System.nanoTime() - guardStart;
                GuardResult result = GuardResult.failed(request.requestId(), guard.type(),
                        new ErrorInfo("invalid_option", e.getMessage()), timing(request, started, nanos), workerId,
                        clock.instant());
                return new Processed(published(resultRecord(record, request, result)), WorkerMetrics.Outcome.FAILED,
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
        return GuardRecords.parse(value, guard.type());
    }

    private Processed deadLetter(ConsumerRecord<String, byte[]> record, GuardRequest request, Instant started,
                                 Exception cause, String reason, int attempts, long nanos) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(3);
        String requestId = request != null ? request.requestId() : GuardRecords.correlationId(record.headers());
        out.add(GuardRecords.deadLetter(record, requestId, cause, reason, attempts, workerId));
        // Whoever waits for this request (a caller, a job) learns now that it failed, not at its deadline.
        if (requestId != null) {
            GuardResult failed = GuardResult.failed(requestId, guard.type(),
                    new ErrorInfo(reason, failureMessage(reason, attempts, cause)),
                    request != null ? timing(request, started, nanos) : new Timing(0, 0, 0), workerId, clock.instant());
            out.addAll(published(resultRecord(record, request, failed)));
        }
        return new Processed(out, WorkerMetrics.Outcome.DEAD_LETTERED, nanos);
    }

    // The caller reads this; the exception's class stays in the dead letter's headers and the log.
    private static String failureMessage(String reason, int attempts, Exception cause) {
        String what = "invalid_request".equals(reason) ? "the request record could not be read"
                : "the guard failed" + (attempts > 1 ? " " + attempts + " times" : "");
        return what + ": " + ErrorInfo.describe(cause);
    }

    /** A result and, for a pipeline member, its copy for the pipeline topology: both acknowledged before a commit. */
    private static List<ProducerRecord<String, byte[]>> published(ProducerRecord<String, byte[]> result) {
        return GuardRecords.pipelineMember(result.key(), result.value(), result.headers())
                .map(member -> List.of(result, member))
                .orElseGet(() -> List.of(result));
    }

    private ProducerRecord<String, byte[]> resultRecord(ConsumerRecord<String, byte[]> request, GuardRequest parsed,
                                                        GuardResult result) {
        // Never a record Kafka would refuse: that would stop the partition behind it, and the caller would wait.
        SizeBudget.Fitted fitted = sizes.fit(result);
        if (fitted.result() != result) {
            LOG.warn("Result of request {} is larger than the result budget ({}); publishing result_too_large",
                    result.requestId(), sizes);
        }
        return GuardRecords.result(request, parsed, fitted, "/aiguardian/workers/" + workerId,
                resultPartitions.getAsInt());
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
