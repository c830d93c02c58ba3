package dev.aiguardian.topology.pipeline;

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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.topology.common.Outbound;
import dev.aiguardian.schemas.Json;

/**
 * Gathers each pipeline's guard results in a state store and emits one combined result as soon as
 * every guard has answered, or at the pipeline's deadline with the missing guards named.
 */
final class PipelineJoiner implements Processor<String, PipelineEvent, String, Outbound> {
    // Results whose announcement never came (it was lost or expired) are dropped after this long.
    private static final Duration ORPHAN_TTL = Duration.ofMinutes(10);

    private final String storeName;
    private final Duration scanEvery;
    private final String worker;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, PipelineState> store;

    PipelineJoiner(String storeName, Duration scanEvery, String worker) {
        this.storeName = storeName;
        this.scanEvery = scanEvery;
        this.worker = worker;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Wall-clock time: a deadline must pass even when no new records arrive.
        context.schedule(scanEvery, PunctuationType.WALL_CLOCK_TIME, t -> expire(Instant.ofEpochMilli(t)));
    }

    @Override
    public void process(Record<String, PipelineEvent> record) {
        String id = record.key();
        PipelineEvent event = record.value();
        if (id == null || event == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        PipelineState state = store.get(id);
        if (state == null) {
            state = PipelineState.empty(id, now);
        }
        if (event.kind() == PipelineEvent.Kind.START) {
            state = state.withStart(event.body(), event.replyPartition(), event.traceparent());
        } else {
            String guard = event.body().path("service_type").asText();
            state = state.withResult(guard, event.body());
        }
        if (state.complete() || state.expired(now)) {
            emit(state, now);
        } else {
            store.put(id, state);
        }
    }

    private void expire(Instant now) {
        List<KeyValue<String, PipelineState>> due = new ArrayList<>();
        try (KeyValueIterator<String, PipelineState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, PipelineState> kv = it.next();
                PipelineState s = kv.value;
                if (s.expired(now) || (!s.announced() && s.firstSeenAt().plus(ORPHAN_TTL).isBefore(now))) {
                    due.add(kv);
                }
            }
        }
        for (KeyValue<String, PipelineState> kv : due) {
            if (kv.value.announced()) {
                emit(kv.value, now);
            } else {
                store.delete(kv.key);
            }
        }
    }

    private void emit(PipelineState state, Instant now) {
        ObjectNode combined = CombinedResult.of(state, now, worker);
        Headers headers = GuardRecords.resultHeaders(state.pipelineId(), HeaderNames.CE_TYPE_PIPELINE_RESULT,
                CombinedResult.SERVICE_TYPE, "/aiguardian/topology/pipeline", now,
                combined.path("verdict").asText(null), new GuardRecords.Routing(state.traceparent(), null,
                        state.replyPartition() == null ? null : state.replyPartition().toString(), null, null));
        context.forward(new Record<>(state.pipelineId(), new Outbound(Json.toBytes(combined), state.replyPartition()),
                now.toEpochMilli(), headers));
        store.delete(state.pipelineId());
    }

}
