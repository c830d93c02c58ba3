package dev.aiguardian.topology.usage;

import java.io.IOException;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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
        Fields f;
        try {
            f = Fields.read(record.value());
        } catch (IOException e) {
            LOG.warn("Skipping unreadable result {}: {}", record.key(), e.getMessage());
            return;
        }
        if (!ServiceType.TOKENGUARD.wireName().equals(f.serviceType) || !"completed".equals(f.status)
                || "block".equals(f.verdict)) {
            return;
        }
        Instant at = completedAt(f.completedAt, record.timestamp());
        String session = KafkaHeaders.last(record.headers(), HeaderNames.SESSION_ID).orElse(null);
        UsageEvent event = new UsageEvent(user, session, f.requestId != null ? f.requestId : record.key(), f.model,
                f.inputTokens, f.outputTokens, f.inputTokens + f.outputTokens, f.costUsd, at);
        // The event's time is the result's: the daily and monthly windows follow when the work was done.
        context.forward(new Record<>(user, event, at.toEpochMilli()));
    }

    private static Instant completedAt(String completedAt, long fallbackMs) {
        try {
            return completedAt != null ? Instant.parse(completedAt) : Instant.ofEpochMilli(fallbackMs);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.ofEpochMilli(fallbackMs);
        }
    }

    /**
     * The few fields usage needs, read with the streaming parser: a result's {@code result} object (token
     * report, optimiser suggestions) is most of its bytes, and building it as a tree was the usage app's
     * largest cost.
     */
    private static final class Fields {
        String serviceType;
        String status;
        String verdict;
        String requestId;
        String completedAt;
        String model;
        long inputTokens;
        long outputTokens;
        double costUsd;

        static Fields read(byte[] json) throws IOException {
            Fields f = new Fields();
            try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "service_type" -> f.serviceType = text(p, t);
                        case "status" -> f.status = text(p, t);
                        case "verdict" -> f.verdict = text(p, t);
                        case "request_id" -> f.requestId = text(p, t);
                        case "completed_at" -> f.completedAt = text(p, t);
                        case "result" -> {
                            if (t == JsonToken.START_OBJECT) {
                                f.readResult(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                // Trailing garbage after the object is what a tree read would refuse too.
                if (p.nextToken() != null) {
                    throw new IOException("content after the result object");
                }
            }
            return f;
        }

        private void readResult(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "input_tokens" -> inputTokens = t.isNumeric() ? p.getValueAsLong() : 0;
                    case "output_tokens" -> outputTokens = t.isNumeric() ? p.getValueAsLong() : 0;
                    case "estimated_cost_usd" -> costUsd = t.isNumeric() ? p.getValueAsDouble() : 0.0;
                    case "model" -> model = text(p, t);
                    default -> p.skipChildren();
                }
            }
        }

        private static String text(JsonParser p, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            p.skipChildren();
            return null;
        }
    }
}
