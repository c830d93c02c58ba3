package dev.aiguardian.topology.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.schemas.ErrorInfo;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Timing;
import dev.aiguardian.topology.common.Outbound;
import dev.aiguardian.topology.common.ServiceCounters;
import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.guards.context.ContextStep;
import dev.aiguardian.guards.context.SessionMemory;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * Applies each ContextGuard request to its session's memory in the store and emits the result (to
 * the partition the waiting gateway reads) or, for an unreadable request or a guard failure, a dead
 * letter plus a failed result. Requests arrive keyed by session id, so one task owns a session and
 * sees its turns in order. A wall-clock punctuator drops sessions idle past their TTL.
 */
final class ContextProcessor implements Processor<String, byte[], String, Outbound> {
    private static final Logger LOG = LoggerFactory.getLogger(ContextProcessor.class);

    private final ContextGuard guard;
    private final String instance;
    private final Duration sweepEvery;
    private final ServiceCounters counters;
    private final Clock clock;
    private final SizeBudget sizes;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, SessionMemory> sessions;

    ContextProcessor(ContextGuard guard, String instance, Duration sweepEvery, ServiceCounters counters, Clock clock,
                     SizeBudget sizes) {
        this.sizes = sizes;
        this.guard = guard;
        this.instance = instance;
        this.sweepEvery = sweepEvery;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.sessions = context.getStateStore(ContextTopology.SESSION_STORE);
        context.schedule(sweepEvery, PunctuationType.WALL_CLOCK_TIME, this::expireIdle);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Instant started = clock.instant();
        GuardRequest request;
        try {
            request = GuardRecords.parse(record.value(), ServiceType.CONTEXTGUARD);
        } catch (GuardRecords.InvalidRequestException e) {
            LOG.warn("Dead-lettering unreadable contextguard record: {}", e.getMessage());
            deadLetter(record, null, started, 0, e, "invalid_request", 0);
            return;
        }
        // Without a session id there is no conversation to remember: answer from an empty memory.
        String session = request.sessionId() == null || request.sessionId().isEmpty() ? null : request.sessionId();
        long t0 = System.nanoTime();
        try {
            SessionMemory before = session == null ? null : sessions.get(session);
            GuardInput input = new GuardInput(request.text(), GuardRecords.options(request.payload()),
                    request.userId(), session);
            // Event time: a replay after a crash gives the same answer and the same memory.
            Instant now = request.submittedAt() != null ? request.submittedAt()
                    : Instant.ofEpochMilli(record.timestamp());
            ContextStep step = guard.apply(before, input, now);
            if (session != null) {
                sessions.put(session, step.after());
            }
            long nanos = System.nanoTime() - t0;
            GuardResult result = GuardResult.completed(request.requestId(), ServiceType.CONTEXTGUARD,
                    step.outcome().verdict(), step.outcome().score(), Json.tree(step.outcome().details()),
                    timing(request, started, nanos), instance, clock.instant());
            emitResult(record, request, result);
            counters.completed(step.outcome().verdict());
        } catch (InvalidOptionException e) {
            // The caller's mistake: answer it; the memory is unchanged.
            GuardResult result = GuardResult.failed(request.requestId(), ServiceType.CONTEXTGUARD,
                    new ErrorInfo("invalid_option", e.getMessage()), timing(request, started, System.nanoTime() - t0),
                    instance, clock.instant());
            emitResult(record, request, result);
            counters.failed();
        } catch (RuntimeException e) {
            // The guard is a pure function: trying again would fail again, so give up at once.
            LOG.warn("ContextGuard failed on request {}: {}", request.requestId(), e.toString());
            deadLetter(record, request, started, System.nanoTime() - t0, e, "guard_error", 1);
        }
    }

    private void emitResult(Record<String, byte[]> request, GuardRequest parsed, GuardResult full) {
        // A record Kafka refuses would fail the task over and over: a result too large becomes a failure that says so.
        SizeBudget.Fitted fitted = sizes.fit(full);
        GuardResult result = fitted.result();
        Headers headers = GuardRecords.resultHeaders(request.headers(), parsed, result,
                "/aiguardian/topology/" + instance);
        long at = result.completedAt().toEpochMilli();
        context.forward(new Record<>(result.requestId(),
                new Outbound(fitted.value(), GuardRecords.replyPartition(request.headers(), Integer.MAX_VALUE)),
                at, headers), ContextTopology.RESULTS_SINK);
        // A pipeline member: the same result for the pipeline topology, in the same transaction.
        GuardRecords.pipelineMember(result.requestId(), fitted.value(), headers).ifPresent(member ->
                context.forward(new Record<>(member.key(), new Outbound(member.value(), null), at, member.headers()),
                        ContextTopology.MEMBERS_SINK));
    }

    private void deadLetter(Record<String, byte[]> record, GuardRequest request, Instant started, long nanos,
                            Exception cause, String reason, int attempts) {
        RecordMetadata md = context.recordMetadata().orElse(null);
        Headers headers = GuardRecords.deadLetterHeaders(record.headers(),
                md == null ? ServiceType.CONTEXTGUARD.requestTopic() : md.topic(), md == null ? -1 : md.partition(),
                md == null ? -1 : md.offset(), record.timestamp(), cause, reason, attempts, instance);
        String requestId = request != null ? request.requestId()
                : GuardRecords.correlationId(record.headers());
        context.forward(new Record<>(requestId != null ? requestId : record.key(), new Outbound(record.value(), null),
                record.timestamp(), headers), ContextTopology.DLQ_SINK);
        counters.failed();
        // Whoever waits for this request learns now that it failed, not at its deadline.
        if (requestId != null) {
            GuardResult failed = GuardResult.failed(requestId, ServiceType.CONTEXTGUARD,
                    new ErrorInfo(reason, "the guard failed: " + ErrorInfo.describe(cause)),
                    request != null ? timing(request, started, nanos) : new Timing(0, 0, 0), instance, clock.instant());
            emitResult(record, request, failed);
        }
    }

    private void expireIdle(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        Duration ttl = guard.settings().limits().idleTtl();
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, SessionMemory> it = sessions.all()) {
            while (it.hasNext()) {
                KeyValue<String, SessionMemory> kv = it.next();
                if (kv.value == null || kv.value.expired(now, ttl)) {
                    idle.add(kv.key);
                }
            }
        }
        // Deleting after the scan: the iterator must not see its own store change under it.
        idle.forEach(sessions::delete);
        if (!idle.isEmpty()) {
            LOG.debug("Expired {} idle sessions", idle.size());
        }
    }

    private Timing timing(GuardRequest request, Instant started, long guardNanos) {
        Instant now = clock.instant();
        Instant submitted = request.submittedAt() != null ? request.submittedAt() : started;
        return new Timing(millis(Duration.between(submitted, now)), millis(Duration.between(submitted, started)),
                guardNanos / 1_000_000.0);
    }

    private static double millis(Duration d) {
        // Clocks of different hosts may disagree by a little: never report negative time.
        return Math.max(0.0, d.toNanos() / 1_000_000.0);
    }
}
