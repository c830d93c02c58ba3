package dev.aiguardian.topology.usage;

import java.io.IOException;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.UsageEvent;
import dev.aiguardian.kafka.KafkaHeaders;

/**
 * Turns each completed tokenguard result on guard.results into a usage event keyed by user id, at
 * the result's completion time. Results of other guards, failed results, blocked results (the
 * caller was told not to send the prompt, so it consumed nothing) and results without a user
 * ({@code aig_user_id} header) are not usage; unreadable ones are logged and skipped, since
 * guard.results belongs to its producers.
 */
final class UsageEventExtractor implements Processor<String, byte[], String, UsageEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(UsageEventExtractor.class);

    private ProcessorContext<String, UsageEvent> context;

    @Override
    public void init(ProcessorContext<String, UsageEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        String user = KafkaHeaders.last(record.headers(), HeaderNames.USER_ID).orElse("");
        if (user.isEmpty()) {
            return;
        }
        // The headers say most results are not usage (another guard, or blocked): skip those unparsed.
        // Records written without these headers are judged from the body below.
        String guard = KafkaHeaders.last(record.headers(), HeaderNames.SERVICE_TYPE).orElse(null);
        if (guard != null && !ServiceType.TOKENGUARD.wireName().equals(guard)
                || "block".equals(KafkaHeaders.last(record.headers(), HeaderNames.VERDICT).orElse(null))) {
            return;
        }
        JsonNode result;
        try {
            result = Json.mapper().readTree(record.value());
        } catch (IOException e) {
            LOG.warn("Skipping unreadable result {}: {}", record.key(), e.getMessage());
            return;
        }
        if (result == null || !ServiceType.TOKENGUARD.wireName().equals(result.path("service_type").asText())
                || !"completed".equals(result.path("status").asText())
                || "block".equals(result.path("verdict").asText())) {
            return;
        }
        JsonNode r = result.path("result");
        long in = r.path("input_tokens").asLong(0);
        long out = r.path("output_tokens").asLong(0);
        double cost = r.path("estimated_cost_usd").asDouble(0.0);
        String model = r.path("model").isTextual() ? r.path("model").asText() : null;
        Instant at = completedAt(result, record.timestamp());
        String session = KafkaHeaders.last(record.headers(), HeaderNames.SESSION_ID).orElse(null);
        UsageEvent event = new UsageEvent(user, session, result.path("request_id").asText(record.key()), model, in,
                out, in + out, cost, at);
        // The event's time is the result's: the daily and monthly windows follow when the work was done.
        context.forward(new Record<>(user, event, at.toEpochMilli()));
    }

    private static Instant completedAt(JsonNode result, long fallbackMs) {
        try {
            return result.hasNonNull("completed_at") ? Instant.parse(result.get("completed_at").asText())
                    : Instant.ofEpochMilli(fallbackMs);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.ofEpochMilli(fallbackMs);
        }
    }
}
