package dev.aiguardian.gateway.console;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.ConsumerThread;
import dev.aiguardian.kafka.KafkaHeaders;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import io.vertx.core.Vertx;

/**
 * The console's live view of guard.results: every partition assigned by hand (no consumer group, so it
 * takes nothing from the gateways' reply group), read from the newest offsets, each result turned into
 * an event and published on the event bus for the connected streams. Started by the first stream, so a
 * gateway nobody watches does not read the topic twice.
 */
public final class ResultFeed extends ConsumerThread {
    /** The local event-bus address the events go to. */
    public static final String ADDRESS = "aiguardian.console.results";

    private final GatewayConfig config;
    private final Vertx vertx;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();

    public ResultFeed(GatewayConfig config, Vertx vertx) {
        super("aiguardian-console-feed");
        this.config = config;
        this.vertx = vertx;
    }

    /** Starts reading unless it already does. */
    public void ensureStarted() {
        if (started.compareAndSet(false, true)) {
            start();
        }
    }

    @Override
    protected Properties consumerProps() {
        // Small fetches, no waiting: a live view wants each result soon, not many at once.
        return config.kafka().consumer(config.clientId() + "-console", Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200"));
    }

    @Override
    protected void onStart(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> parts = partitionsOf(c, Topics.RESULTS);
        c.assign(parts);
        c.seekToEnd(parts);
        // seekToEnd is lazy: resolve the positions now, so that "connected" means every later result is seen.
        parts.forEach(c::position);
        positioned.complete(null);
    }

    @Override
    protected void onExit() {
        // A feed that could not start opens the streams anyway: they stay empty rather than hang.
        positioned.complete(null);
    }

    /** Completes once the feed reads from the newest offsets: every result from then on reaches the streams. */
    public CompletableFuture<Void> positioned() {
        return positioned;
    }

    @Override
    protected void onRecords(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            ObjectNode event = event(r, config.api().consoleShowText());
            if (event != null) {
                vertx.eventBus().publish(ADDRESS, Json.toString(event));
            }
        }
    }

    /**
     * A result as an event: who, which guard, verdict, score, timings and how many findings; its
     * {@code result} (which quotes the text: evidence, redacted and rewritten texts) only when
     * {@code showText}. Null for a record that is not a result.
     */
    static ObjectNode event(ConsumerRecord<String, byte[]> r, boolean showText) {
        JsonNode result;
        try {
            result = Json.mapper().readTree(r.value());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        if (result == null || !result.isObject() || !result.hasNonNull("request_id")) {
            return null;
        }
        ObjectNode e = Json.mapper().createObjectNode();
        for (String field : List.of("request_id", "service_type", "status", "verdict", "score", "worker",
                "completed_at")) {
            if (result.has(field)) {
                e.set(field, result.get(field));
            }
        }
        if (result.has("timing")) {
            e.set("timing", result.get("timing"));
        }
        KafkaHeaders.last(r.headers(), HeaderNames.PIPELINE_ID).ifPresent(p -> e.put("pipeline_id", p));
        JsonNode inner = result.path("result");
        JsonNode findings = inner.has("findings") ? inner.get("findings") : inner.get("issues");
        if (findings != null && findings.isArray()) {
            e.put("findings", findings.size());
        }
        if (inner.path("guards").isObject()) {
            ObjectNode guards = e.putObject("guards");
            inner.get("guards").fields().forEachRemaining(g -> guards.put(g.getKey(),
                    g.getValue().path("verdict").asText(g.getValue().path("status").asText())));
        }
        if (result.path("error").has("type")) {
            e.put("error_type", result.path("error").path("type").asText());
        }
        if (showText && inner.isObject()) {
            e.set("result", inner);
        }
        e.put("at", r.timestamp());
        return e;
    }
}
