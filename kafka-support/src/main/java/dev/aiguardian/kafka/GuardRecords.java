package dev.aiguardian.kafka;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.PipelineRequest;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * The record contract, whoever writes or reads it (gateway, worker runtime, Streams applications):
 * how a request is published and read back, which headers a result carries (CloudEvents binary mode
 * plus routing), and what a dead letter says about its failure.
 */
public final class GuardRecords {
    private static final String GATEWAY_SOURCE = "/aiguardian/gateway";
    /** The original gateway's middle priority: what a request that names none has. */
    public static final int DEFAULT_PRIORITY = 5;
    private static final TypeReference<Map<String, Object>> OPTIONS = new TypeReference<>() {
    };

    private GuardRecords() {
    }

    /** The record is not a request the guard can read: it goes to guard.dlq. */
    public static final class InvalidRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidRequestException(String message) {
            super(message);
        }
    }

    /** What a result's headers say beyond its body: where the caller waits and who asked. */
    public record Routing(String traceparent, String clientRequestId, String replyPartition, String userId,
                          String sessionId) {

        /** The routing a request record carries, and who asked when the request could be read. */
        public static Routing of(Headers request, GuardRequest parsed) {
            return new Routing(KafkaHeaders.last(request, HeaderNames.TRACEPARENT).orElse(null),
                    KafkaHeaders.last(request, HeaderNames.CLIENT_REQUEST_ID).orElse(null),
                    KafkaHeaders.last(request, HeaderNames.REPLY_PARTITION).orElse(null),
                    parsed == null ? null : parsed.userId(), parsed == null ? null : parsed.sessionId());
        }
    }

    // ---- requests (written by the gateway) ----

    /**
     * A guard request on its guard's topic. With a reply partition, the result goes to the gateway
     * instance that reads it (a sync caller waits there); without, the key picks the partition.
     */
    public static ProducerRecord<String, byte[]> request(GuardRequest request, OptionalInt replyPartition,
                                                         String traceparent, String clientRequestId,
                                                         String pipelineId) {
        return request(request, replyPartition, traceparent, clientRequestId, pipelineId, DEFAULT_PRIORITY);
    }

    /**
     * The same, of a {@code priority} from 1 to 10: from {@link Topics#PRIORITY_LANE_MIN} up it goes to the
     * guard's priority lane, which its workers poll first.
     */
    public static ProducerRecord<String, byte[]> request(GuardRequest request, OptionalInt replyPartition,
                                                         String traceparent, String clientRequestId,
                                                         String pipelineId, int priority) {
        Headers h = new RecordHeaders();
        cloudEvent(h, request.requestId(), HeaderNames.CE_TYPE_REQUEST, GATEWAY_SOURCE,
                request.serviceType().wireName(), null);
        KafkaHeaders.put(h, HeaderNames.CORRELATION_ID, request.requestId());
        replyPartition.ifPresent(p -> KafkaHeaders.put(h, HeaderNames.REPLY_PARTITION, Integer.toString(p)));
        KafkaHeaders.put(h, HeaderNames.SCHEMA_VERSION, HeaderNames.SCHEMA_VERSION_VALUE);
        KafkaHeaders.put(h, HeaderNames.TRACEPARENT, traceparent);
        KafkaHeaders.put(h, HeaderNames.CLIENT_REQUEST_ID, clientRequestId);
        KafkaHeaders.put(h, HeaderNames.PIPELINE_ID, pipelineId);
        return new ProducerRecord<>(Topics.requests(request.serviceType(), priority), null, request.partitionKey(),
                Json.toBytes(request), h);
    }

    /** A pipeline's announcement on guard.pipelines, read by the fan-in topology. */
    public static ProducerRecord<String, byte[]> pipeline(PipelineRequest pipeline, OptionalInt replyPartition,
                                                          String traceparent) {
        Headers h = new RecordHeaders();
        cloudEvent(h, pipeline.pipelineId(), HeaderNames.CE_TYPE_PIPELINE, GATEWAY_SOURCE, null, null);
        KafkaHeaders.put(h, HeaderNames.CORRELATION_ID, pipeline.pipelineId());
        replyPartition.ifPresent(p -> KafkaHeaders.put(h, HeaderNames.REPLY_PARTITION, Integer.toString(p)));
        KafkaHeaders.put(h, HeaderNames.TRACEPARENT, traceparent);
        return new ProducerRecord<>(Topics.PIPELINES, null, pipeline.pipelineId(), Json.toBytes(pipeline), h);
    }

    /** Reads and validates a request for {@code guard} against guard-request.schema.json. */
    public static GuardRequest parse(byte[] value, ServiceType guard) {
        if (value == null) {
            throw new InvalidRequestException("empty record value");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("not JSON: " + e.getOriginalMessage());
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

    // ---- results ----

    /**
     * The headers of a result on guard.results. {@code subject} is the guard's name (or "pipeline"),
     * {@code source} names the instance that produced it.
     */
    public static Headers resultHeaders(String id, String type, String subject, String source, Instant time,
                                        String verdict, Routing routing) {
        Headers h = new RecordHeaders();
        cloudEvent(h, id, type, source, subject, time);
        KafkaHeaders.put(h, HeaderNames.CORRELATION_ID, id);
        KafkaHeaders.put(h, HeaderNames.SERVICE_TYPE, subject);
        KafkaHeaders.put(h, HeaderNames.SCHEMA_VERSION, HeaderNames.SCHEMA_VERSION_VALUE);
        KafkaHeaders.put(h, HeaderNames.VERDICT, verdict);
        KafkaHeaders.put(h, HeaderNames.TRACEPARENT, routing.traceparent());
        KafkaHeaders.put(h, HeaderNames.CLIENT_REQUEST_ID, routing.clientRequestId());
        // Downstream accounting (usage totals) needs who asked, which the result body does not carry.
        KafkaHeaders.put(h, HeaderNames.USER_ID, routing.userId());
        KafkaHeaders.put(h, HeaderNames.SESSION_ID, routing.sessionId());
        KafkaHeaders.put(h, HeaderNames.REPLY_PARTITION, routing.replyPartition());
        return h;
    }

    /** The headers of one guard's result to the request whose headers are {@code request}. */
    public static Headers resultHeaders(Headers request, GuardRequest parsed, GuardResult result, String source) {
        return resultHeaders(result.requestId(), HeaderNames.CE_TYPE_RESULT, result.serviceType().wireName(), source,
                result.completedAt(), result.verdict() == null ? null : result.verdict().wireName(),
                Routing.of(request, parsed));
    }

    /**
     * A guard's result to {@code request}, on the reply partition it names when that exists among
     * {@code resultPartitions}, else on the partition its key picks (async requests).
     */
    public static ProducerRecord<String, byte[]> result(ConsumerRecord<String, byte[]> request, GuardRequest parsed,
                                                        GuardResult result, String source, int resultPartitions) {
        return result(request, parsed, new SizeBudget.Fitted(result, Json.toBytes(result)), source, resultPartitions);
    }

    /** The record of a result already serialised and sized ({@link SizeBudget#fit}). */
    public static ProducerRecord<String, byte[]> result(ConsumerRecord<String, byte[]> request, GuardRequest parsed,
                                                        SizeBudget.Fitted result, String source, int resultPartitions) {
        return new ProducerRecord<>(Topics.RESULTS, replyPartition(request.headers(), resultPartitions),
                result.result().requestId(), result.value(),
                resultHeaders(request.headers(), parsed, result.result(), source));
    }

    /**
     * The copy of a pipeline member's result for the pipeline topology ({@link Topics#PIPELINE_MEMBERS}: keyed by the
     * pipeline id, partitioned by it as the announcement on {@link Topics#PIPELINES} is), or empty for any other
     * result. Publishers of results send it next to the result itself.
     */
    public static Optional<ProducerRecord<String, byte[]>> pipelineMember(String requestId, byte[] result,
                                                                          Headers headers) {
        return PipelineRequest.pipelineOf(requestId)
                .map(pipeline -> new ProducerRecord<>(Topics.PIPELINE_MEMBERS, null, pipeline, result,
                        new RecordHeaders(headers.toArray())));
    }

    /**
     * The partition named by {@code aig_reply_partition}: null (key hashing) when absent, not a number,
     * or not below {@code partitions} (pass {@link Integer#MAX_VALUE} when the count is checked later).
     */
    public static Integer replyPartition(Headers request, int partitions) {
        Optional<String> header = KafkaHeaders.last(request, HeaderNames.REPLY_PARTITION);
        if (header.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(header.get().trim());
            return p >= 0 && p < partitions ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- dead letters ----

    /** Dead-letter headers after Kafka Connect's DeadLetterQueueReporter: origin, cause, who gave up. */
    public static Headers deadLetterHeaders(Headers request, String topic, int partition, long offset, long timestamp,
                                            Exception cause, String reason, int attempts, String worker) {
        Headers h = new RecordHeaders(request.toArray());
        KafkaHeaders.put(h, HeaderNames.DLQ_ORIGINAL_TOPIC, topic);
        KafkaHeaders.put(h, HeaderNames.DLQ_ORIGINAL_PARTITION, Integer.toString(partition));
        KafkaHeaders.put(h, HeaderNames.DLQ_ORIGINAL_OFFSET, Long.toString(offset));
        KafkaHeaders.put(h, HeaderNames.DLQ_ORIGINAL_TIMESTAMP, Long.toString(timestamp));
        KafkaHeaders.put(h, HeaderNames.DLQ_EXCEPTION_CLASS, cause.getClass().getName());
        KafkaHeaders.put(h, HeaderNames.DLQ_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        KafkaHeaders.put(h, HeaderNames.DLQ_REASON, reason);
        KafkaHeaders.put(h, HeaderNames.DLQ_ATTEMPTS, Integer.toString(attempts));
        KafkaHeaders.put(h, HeaderNames.DLQ_WORKER, worker);
        return h;
    }

    /** The dead letter of {@code request}, keyed by its request id when one is known. */
    public static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> request, String requestId,
                                                            Exception cause, String reason, int attempts,
                                                            String worker) {
        return new ProducerRecord<>(Topics.DLQ, null, requestId != null ? requestId : request.key(), request.value(),
                deadLetterHeaders(request.headers(), request.topic(), request.partition(), request.offset(),
                        request.timestamp(), cause, reason, attempts, worker));
    }

    /** The request id of a record that could not be read: its correlation header, if any. */
    public static String correlationId(Headers headers) {
        return KafkaHeaders.last(headers, HeaderNames.CORRELATION_ID).orElse(null);
    }

    private static void cloudEvent(Headers h, String id, String type, String source, String subject, Instant time) {
        KafkaHeaders.put(h, HeaderNames.CE_SPECVERSION, HeaderNames.CE_SPECVERSION_VALUE);
        KafkaHeaders.put(h, HeaderNames.CE_ID, id);
        KafkaHeaders.put(h, HeaderNames.CE_TYPE, type);
        KafkaHeaders.put(h, HeaderNames.CE_SOURCE, source);
        KafkaHeaders.put(h, HeaderNames.CE_SUBJECT, subject);
        KafkaHeaders.put(h, HeaderNames.CE_TIME, time == null ? null : time.toString());
        KafkaHeaders.put(h, HeaderNames.CONTENT_TYPE, HeaderNames.JSON);
    }
}
