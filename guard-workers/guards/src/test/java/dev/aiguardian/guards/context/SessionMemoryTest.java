package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.Json;

class SessionMemoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static Turn turn(String text, String role, int tokens, int minute, boolean pinned) {
        return new Turn(text, role, tokens, T0.plusSeconds(60L * minute), pinned);
    }

    private static Turn user(String text, int tokens, int minute) {
        return turn(text, Turn.USER, tokens, minute, false);
    }

    @Test
    void boundedByTurnsEvictingOldestFirst() {
        MemoryLimits limits = new MemoryLimits(3, 1000, Duration.ofHours(1));
        SessionMemory m = SessionMemory.empty();
        for (int i = 0; i < 5; i++) {
            m = m.append(user("t" + i, 1, i), limits);
        }
        assertThat(m.turns()).extracting(Turn::text).containsExactly("t2", "t3", "t4");
        assertThat(m.lastActive()).isEqualTo(T0.plusSeconds(240));
    }

    @Test
    void boundedByTokens() {
        MemoryLimits limits = new MemoryLimits(100, 10, Duration.ofHours(1));
        SessionMemory m = SessionMemory.empty()
                .append(user("a", 4, 0), limits)
                .append(user("b", 4, 1), limits)
                .append(user("c", 4, 2), limits);
        assertThat(m.turns()).extracting(Turn::text).containsExactly("b", "c");
        assertThat(m.tokenTotal()).isEqualTo(8);
    }

    @Test
    void pinnedAndSystemTurnsSurviveEviction() {
        MemoryLimits limits = new MemoryLimits(3, 1000, Duration.ofHours(1));
        SessionMemory m = SessionMemory.empty()
                .append(turn("rules", Turn.SYSTEM, 5, 0, false), limits)
                .append(turn("my name is Ada", Turn.USER, 5, 1, true), limits);
        for (int i = 2; i < 8; i++) {
            m = m.append(user("chat" + i, 1, i), limits);
        }
        assertThat(m.turns()).extracting(Turn::text).containsExactly("rules", "my name is Ada", "chat7");
    }

    @Test
    void pinnedTurnsGoOnlyWhenUnavoidableAndTheNewestStays() {
        MemoryLimits limits = new MemoryLimits(2, 1000, Duration.ofHours(1));
        SessionMemory m = SessionMemory.empty()
                .append(turn("p1", Turn.USER, 1, 0, true), limits)
                .append(turn("p2", Turn.USER, 1, 1, true), limits)
                .append(turn("p3", Turn.USER, 1, 2, true), limits);
        assertThat(m.turns()).extracting(Turn::text).containsExactly("p2", "p3");

        // One turn bigger than the whole token budget is kept alone rather than lost.
        SessionMemory big = SessionMemory.empty().append(user("small", 2, 0), new MemoryLimits(5, 10, Duration.ofHours(1)))
                .append(user("huge", 50, 1), new MemoryLimits(5, 10, Duration.ofHours(1)));
        assertThat(big.turns()).extracting(Turn::text).containsExactly("huge");
    }

    @Test
    void expiresAfterIdleTtlAndResetForgetsEverything() {
        MemoryLimits limits = MemoryLimits.DEFAULT;
        SessionMemory m = SessionMemory.empty().append(user("hello", 1, 0), limits).withTopic(Map.of(1, 0.5), 1);
        assertThat(SessionMemory.empty().expired(T0.plus(Duration.ofDays(9)), Duration.ofHours(1))).isFalse();
        assertThat(m.expired(T0.plus(Duration.ofMinutes(59)), Duration.ofHours(1))).isFalse();
        assertThat(m.expired(T0.plus(Duration.ofMinutes(61)), Duration.ofHours(1))).isTrue();
        SessionMemory r = m.reset();
        assertThat(r.turns()).isEmpty();
        assertThat(r.centroid()).isEmpty();
        assertThat(r.topicTurns()).isZero();
        assertThat(r.lastActive()).isNull();
    }

    @Test
    void roundTripsThroughTheProjectJsonMapper() throws Exception {
        SessionMemory m = SessionMemory.empty()
                .append(turn("be brief", Turn.SYSTEM, 2, 0, false), MemoryLimits.DEFAULT)
                .append(user("how do I bake bread?", 6, 1), MemoryLimits.DEFAULT)
                .withTopic(Map.of(12345, 0.25, 7, 1.5), 1);
        byte[] json = Json.toBytes(m);
        assertThat(new String(json)).contains("\"topic_turns\":1").contains("\"last_active\":\"2026-03-01T12:01:00Z\"");
        SessionMemory back = Json.fromBytes(json, SessionMemory.class);
        assertThat(back).isEqualTo(m);
    }
}
