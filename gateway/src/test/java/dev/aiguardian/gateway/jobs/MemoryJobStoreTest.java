package dev.aiguardian.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;

class MemoryJobStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private static ObjectNode result(String id, int textLength) {
        ObjectNode r = Json.mapper().createObjectNode().put("request_id", id).put("service_type", "tokenguard")
                .put("status", "success");
        r.putObject("result").put("text", "x".repeat(textLength)).put("score", 0.25);
        return r;
    }

    @Test
    void aStoredResultReadsBackAsTheSameJson() {
        MemoryJobStore store = new MemoryJobStore(100, 1 << 20, Duration.ofHours(1), CLOCK);
        store.createPending(Job.pending("a", "tokenguard", Optional.of("https://example.com/cb"), CLOCK.instant()));
        ObjectNode written = result("a", 10);
        store.recordResults(List.of(written));

        Job job = store.find("a").result().orElseThrow();
        assertThat(job.status()).isEqualTo(Job.Status.COMPLETED);
        assertThat(job.result()).contains(written);
        assertThat(job.callbackUrl()).contains("https://example.com/cb");
    }

    @Test
    void theByteBoundEvictsTheLeastRecentlyTouchedFirst() {
        // Each entry counts about 10 KB of result: four fit in 48 KB, a fifth pushes out the eldest.
        MemoryJobStore store = new MemoryJobStore(100, 48 * 1024, Duration.ofHours(1), CLOCK);
        for (String id : List.of("a", "b", "c", "d")) {
            store.recordResults(List.of(result(id, 10_000)));
        }
        store.find("a"); // touched: b is now the eldest
        store.recordResults(List.of(result("e", 10_000)));

        assertThat(store.find("b").result()).isEmpty();
        assertThat(store.find("a").result()).isPresent();
        assertThat(store.find("e").result()).isPresent();
        assertThat(store.usage()[1]).isLessThanOrEqualTo(48 * 1024);
    }

    @Test
    void theCountBoundStillHolds() {
        MemoryJobStore store = new MemoryJobStore(100, 1 << 30, Duration.ofHours(1), CLOCK);
        for (int i = 0; i < 250; i++) {
            store.recordResults(List.of(result("j" + i, 5)));
        }
        assertThat(store.usage()[0]).isEqualTo(100);
        assertThat(store.find("j149").result()).isEmpty();
        assertThat(store.find("j150").result()).isPresent();
    }

    @Test
    void aCallbackUpdateKeepsTheResultAndItsBytes() {
        MemoryJobStore store = new MemoryJobStore(100, 1 << 20, Duration.ofHours(1), CLOCK);
        store.recordResults(List.of(result("a", 1000)));
        long before = store.usage()[1];
        store.recordCallback("a", new Job.CallbackState(Job.CallbackState.DELIVERED, 1, null, CLOCK.instant()));

        Job job = store.find("a").result().orElseThrow();
        assertThat(job.callback().status()).isEqualTo(Job.CallbackState.DELIVERED);
        assertThat(job.result()).isPresent();
        assertThat(store.usage()[1]).isEqualTo(before);
    }

    @Test
    void expiredJobsAreNotFoundAndStopCounting() {
        Instant[] now = {CLOCK.instant()};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        MemoryJobStore store = new MemoryJobStore(100, 1 << 20, Duration.ofMinutes(1), moving);
        store.recordResults(List.of(result("a", 1000)));
        assertThat(store.find("a").result()).isPresent();

        now[0] = now[0].plus(Duration.ofMinutes(2));
        assertThat(store.find("a").result()).isEmpty();
        assertThat(store.usage()).containsExactly(0, 0);
    }
}
