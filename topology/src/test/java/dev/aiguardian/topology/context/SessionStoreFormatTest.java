package dev.aiguardian.topology.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.guards.context.ContextSettings;
import dev.aiguardian.guards.context.SessionMemory;
import dev.aiguardian.guards.context.Turn;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.topology.common.JsonSerde;

/** The session store's binary value format, and the JSON that stores written by earlier versions hold. */
class SessionStoreFormatTest {
    private static final Serde<SessionMemory> FORMAT = SessionStoreFormat.sessions();

    private static SessionMemory roundTrip(SessionMemory m) {
        return FORMAT.deserializer().deserialize("t", FORMAT.serializer().serialize("t", m));
    }

    /** A session as the guard leaves it: turns of every role, one pinned, a centroid, the semantic topic. */
    private static SessionMemory conversation() {
        ContextGuard guard = new ContextGuard(new TokenCounter(), ContextSettings.DEFAULT);
        Instant at = Instant.parse("2026-03-01T12:00:00.000000123Z");
        SessionMemory m = SessionMemory.empty();
        m = guard.apply(m, GuardInput.of("You answer questions about sourdough.", Map.of("role", "system")), at).after();
        m = guard.apply(m, GuardInput.of("My starter smells of acetone — is it dead? 🍞", Map.of("pin", true)),
                at.plusSeconds(30)).after();
        m = guard.apply(m, GuardInput.of("No: feed it twice a day with rye flour.", Map.of("role", "assistant")),
                at.plusSeconds(60)).after();
        return m.withSemanticTopic("AAECAwQFBgcICQ==");
    }

    @Test
    void keepsEveryFieldOfASession() {
        SessionMemory m = conversation();
        assertThat(m.turns()).extracting(Turn::role).containsExactly(Turn.SYSTEM, Turn.USER, Turn.ASSISTANT);
        assertThat(m.turns().get(1).pinned()).isTrue();
        assertThat(m.centroid()).hasSizeGreaterThan(20);
        assertThat(roundTrip(m)).isEqualTo(m);
        assertThat(roundTrip(SessionMemory.empty())).isEqualTo(SessionMemory.empty());
        SessionMemory odd = new SessionMemory(List.of(), Map.of(7, 0.1234567890123, 0, -0.0), 0, null, null);
        assertThat(roundTrip(odd)).isEqualTo(odd);
        assertThat(FORMAT.serializer().serialize("t", null)).isNull();
        assertThat(FORMAT.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void jsonWrittenByEarlierVersionsIsStillReadAndTheBinaryFormIsSmaller() {
        SessionMemory m = conversation();
        byte[] json = JsonSerde.of(SessionMemory.class).serializer().serialize("t", m);
        assertThat(FORMAT.deserializer().deserialize("t", json)).isEqualTo(m);
        assertThat(FORMAT.serializer().serialize("t", m)).hasSizeLessThan(json.length * 3 / 4);
    }

    @Test
    void damagedValuesAreRefusedWithTheReason() {
        byte[] good = FORMAT.serializer().serialize("t", conversation());
        assertThatThrownBy(() -> FORMAT.deserializer().deserialize("t", Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("SessionMemory");
        assertThatThrownBy(() -> FORMAT.deserializer().deserialize("t", Arrays.copyOf(good, good.length + 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("left over");
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> FORMAT.deserializer().deserialize("t", otherFormat))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
        byte[] hugeCount = good.clone();
        hugeCount[1] = 0x7f; // the turn count's high byte
        assertThatThrownBy(() -> FORMAT.deserializer().deserialize("t", hugeCount))
                .isInstanceOf(SerializationException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> FORMAT.deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format none");
    }
}
