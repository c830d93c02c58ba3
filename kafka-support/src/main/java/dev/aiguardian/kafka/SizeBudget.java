package dev.aiguardian.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.ErrorInfo;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * The one size setting every limit of the system is derived from: {@code MAX_BODY_BYTES}, the largest
 * HTTP body the gateway accepts. From it follow the largest request record, the largest result record
 * (a result carries the text again: redacted, optimised, rewritten, as evidence), the largest record of
 * all (a pipeline's combined result holds one result per guard), and from those the producers'
 * {@code max.request.size}, the topics' {@code max.message.bytes} and the consumers' fetch sizes. Every
 * role reads the same variable, so the gateway never accepts a body that Kafka, a worker or the
 * fan-in would then refuse; see docs/size-budget.md.
 *
 * @param maxBodyBytes {@code MAX_BODY_BYTES}
 */
public record SizeBudget(int maxBodyBytes) {
    public static final String VARIABLE = "MAX_BODY_BYTES";
    public static final int DEFAULT_BODY_BYTES = 1024 * 1024;
    public static final int MIN_BODY_BYTES = 1024;
    /** Kafka is no blob store: past this the largest record would crowd the brokers' 100 MiB request limit. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /**
     * Room around the text in one record: ids, timestamps, options, finding metadata, Kafka headers
     * and record-batch framing.
     */
    public static final int ENVELOPE_BYTES = 64 * 1024;
    /** How many times one guard's result may hold the request's text: a rewritten copy, evidence, a window. */
    public static final int RESULT_COPIES = 3;
    /** The most results one record holds: a pipeline's combined result has one per guard. */
    public static final int RESULTS_PER_RECORD = ServiceType.values().length;
    /** Kafka's own defaults, kept when they are already larger than what the budget needs. */
    static final int KAFKA_DEFAULT_BUFFER_MEMORY = 32 * 1024 * 1024;
    static final int KAFKA_DEFAULT_FETCH_MAX_BYTES = 50 * 1024 * 1024;

    public SizeBudget {
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(VARIABLE + " must be between " + MIN_BODY_BYTES + " and "
                    + MAX_BODY_BYTES);
        }
    }

    /** Reads {@code MAX_BODY_BYTES}; a bad value is reported on {@code env} and the default used meanwhile. */
    public static SizeBudget fromEnv(Env env) {
        return new SizeBudget(env.integer(VARIABLE, DEFAULT_BODY_BYTES, MIN_BODY_BYTES, MAX_BODY_BYTES));
    }

    public static SizeBudget defaults() {
        return new SizeBudget(DEFAULT_BODY_BYTES);
    }

    /** The largest request record: the body re-encoded, plus the envelope. */
    public int requestRecordBytes() {
        return maxBodyBytes + ENVELOPE_BYTES;
    }

    /** The largest value of one guard's result; larger results are replaced by a failure that says so. */
    public int resultValueBytes() {
        return RESULT_COPIES * maxBodyBytes + ENVELOPE_BYTES / 2;
    }

    /** The largest record of one guard's result: its value plus headers. */
    public int resultRecordBytes() {
        return RESULT_COPIES * maxBodyBytes + ENVELOPE_BYTES;
    }

    /** The largest record anywhere: a pipeline's combined result or its fan-in state. */
    public int maxRecordBytes() {
        return RESULTS_PER_RECORD * resultRecordBytes() + ENVELOPE_BYTES;
    }

    /** {@code max.message.bytes} of a topic the system creates. */
    public int topicMaxMessageBytes(String topic) {
        // Requests and announcements carry one body; results (and what is derived from them) up to a pipeline's.
        boolean requestSized = topic.startsWith(Topics.REQUESTS_PREFIX) || topic.equals(Topics.PIPELINES);
        return requestSized ? requestRecordBytes() : maxRecordBytes();
    }

    /** What every producer is given: it may write the largest record, and has the memory to hold it. */
    public Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes(),
                ProducerConfig.BUFFER_MEMORY_CONFIG, (long) Math.max(KAFKA_DEFAULT_BUFFER_MEMORY, maxRecordBytes()));
    }

    /** What a consumer is given by default: one fetch can hold the largest record. */
    public Map<String, Object> consumerSettings() {
        return fetchSettings(maxRecordBytes());
    }

    /** Fetch sizes for a consumer whose largest record is {@code largestRecord} (request readers need less). */
    public Map<String, Object> fetchSettings(int largestRecord) {
        return Map.of(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, largestRecord,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(KAFKA_DEFAULT_FETCH_MAX_BYTES, largestRecord));
    }

    /** The topic settings of the internal topics Kafka Streams creates (changelogs, repartition topics). */
    public Map<String, Object> internalTopicSettings() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxRecordBytes()));
    }

    /** A result and its JSON, ready to publish. */
    public record Fitted(GuardResult result, byte[] value) {
    }

    /**
     * {@code result} when its JSON fits in a result record; otherwise a failed result of type
     * {@code result_too_large} that says by how much, so that the caller gets an answer instead of a
     * record that Kafka refuses (and that would stop the partition behind it).
     */
    public Fitted fit(GuardResult result) {
        byte[] value = Json.toBytes(result);
        if (value.length <= resultValueBytes()) {
            return new Fitted(result, value);
        }
        GuardResult tooLarge = GuardResult.failed(result.requestId(), result.serviceType(),
                new ErrorInfo("result_too_large", "The result is " + value.length + " bytes, more than the "
                        + resultValueBytes() + " bytes a result may have with " + VARIABLE + "=" + maxBodyBytes
                        + "; send a shorter text."),
                result.timing(), result.worker(), result.completedAt());
        return new Fitted(tooLarge, Json.toBytes(tooLarge));
    }

    @Override
    public String toString() {
        return "SizeBudget[" + VARIABLE + "=" + maxBodyBytes + ", request record " + requestRecordBytes()
                + " B, result record " + resultRecordBytes() + " B, largest record " + maxRecordBytes() + " B]";
    }
}
