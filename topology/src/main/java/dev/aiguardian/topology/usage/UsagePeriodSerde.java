package dev.aiguardian.topology.usage;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.topology.common.JsonSerde;

/**
 * The window stores' value format: 68 fixed bytes instead of JSON. Every call of a user updates four window
 * aggregates, and a cached store keeps bytes, so each update reads and writes the value once more; as JSON
 * (with its instants) that was the usage application's largest cost after reading the results. Values
 * stored as JSON by earlier versions (changelogs restored after an upgrade) are still read.
 */
final class UsagePeriodSerde implements Serde<UsagePeriod> {
    private static final byte VERSION = 1;
    private static final int SIZE = 1 + 1 + 2 * 13 + 4 * 8 + 8;
    private static final JsonSerde<UsagePeriod> JSON = JsonSerde.of(UsagePeriod.class);

    @Override
    public Serializer<UsagePeriod> serializer() {
        return (topic, p) -> {
            if (p == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(SIZE).put(VERSION).put(window(p.window()));
            instant(b, p.start());
            instant(b, p.end());
            return b.putLong(p.requests()).putLong(p.inputTokens()).putLong(p.outputTokens()).putLong(p.tokens())
                    .putDouble(p.costUsd()).array();
        };
    }

    @Override
    public Deserializer<UsagePeriod> deserializer() {
        Deserializer<UsagePeriod> json = JSON.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("unreadable usage period: " + bytes.length + " bytes, format "
                        + (bytes.length == 0 ? "none" : bytes[0]));
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            String window = window(b.get());
            Instant start = instant(b);
            Instant end = instant(b);
            return new UsagePeriod(window, start, end, b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getDouble());
        };
    }

    private static byte window(String name) {
        if (name == null) {
            return 0;
        }
        return switch (name) {
            case UsagePeriod.DAY -> 1;
            case UsagePeriod.MONTH -> 2;
            default -> throw new SerializationException("no stored form for usage window " + name);
        };
    }

    private static String window(byte code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> UsagePeriod.DAY;
            case 2 -> UsagePeriod.MONTH;
            default -> throw new SerializationException("unknown usage window code " + code);
        };
    }

    private static void instant(ByteBuffer b, Instant i) {
        b.put((byte) (i == null ? 0 : 1)).putLong(i == null ? 0 : i.getEpochSecond()).putInt(i == null ? 0 : i.getNano());
    }

    private static Instant instant(ByteBuffer b) {
        boolean present = b.get() != 0;
        long seconds = b.getLong();
        int nanos = b.getInt();
        return present ? Instant.ofEpochSecond(seconds, nanos) : null;
    }
}
