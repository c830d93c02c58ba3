package dev.aiguardian.guards.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;

/**
 * HealthGuard throughput on 1 KB and 64 KB: a prose answer (all text checks) and a JSON answer
 * validated against a schema. MB/s per core = size / time per op. See docs/benchmarks-bias-health.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HealthGuardBenchmark {
    private static final String[] SENTENCES = {
        "Kafka stores records in partitions, and each partition is an ordered, append-only log.",
        "Consumers track their position with offsets, so they can resume after a restart.",
        "Replication keeps copies of every partition on several brokers for durability.",
        "A producer chooses the partition from the record key, which keeps related events in order.",
        "Retention can be bounded by time or by size, and compacted topics keep the latest value per key.",
        "Consumer groups share the partitions of a topic, so adding consumers adds throughput.",
    };

    @Param({"1024", "65536"})
    public int size;

    private HealthGuard guard;
    private GuardInput prose;
    private GuardInput json;

    @Setup
    public void setup() {
        guard = new HealthGuard();
        // Numbered sentences: realistic prose that does not trip the repetition check.
        StringBuilder b = new StringBuilder(size + 200);
        for (int i = 0; b.length() < size; i++) {
            b.append("Point ").append(i).append(": ").append(SENTENCES[i % SENTENCES.length]).append(' ');
        }
        prose = GuardInput.of(b.substring(0, size - 1).strip() + ".",
                Map.of("prompt", "Explain Kafka partitions.", "max_length", 1_000_000));
        StringBuilder j = new StringBuilder("{\"items\":[");
        for (int i = 0; j.length() < size - 40; i++) {
            j.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\"}");
        }
        j.append("]}");
        json = GuardInput.of(j.toString(), Map.of("expected_format", "json", "json_schema", Map.of("type", "object",
                "required", java.util.List.of("items"), "properties", Map.of("items", Map.of("type", "array",
                        "items", Map.of("type", "object", "required", java.util.List.of("id", "name")))))));
    }

    @Benchmark
    public GuardOutcome prose() {
        return guard.inspect(prose);
    }

    @Benchmark
    public GuardOutcome json() {
        return guard.inspect(json);
    }
}
