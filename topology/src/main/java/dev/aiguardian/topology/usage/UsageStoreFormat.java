package dev.aiguardian.topology.usage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.topology.common.JsonSerde;

/**
 * The usage stores' value format: fixed binary fields instead of JSON. Every call updates four window
 * aggregates and two totals, and a cached store keeps bytes, so each update reads and writes its value
 * once more; as JSON (with its instants) that was most of the usage application's time. Values that
 * earlier versions stored as JSON (changelogs restored after an upgrade) are still read. The totals
 * topics, which others read, stay JSON.
 */
final class UsageStoreFormat {
    private static final byte PERIOD = 1;
    private static final byte TOTALS = 2;
    private static final int PERIOD_BODY = 1 + 2 * 13 + 4 * 8 + 8;
    private static final int INSTANT = 13;
    // Stored as their place in these lists: append, never reorder.
    private static final List<String> WINDOWS = List.of(UsagePeriod.DAY, UsagePeriod.MONTH);
    private static final List<String> SCOPES = List.of(UsageTotals.USER, UsageTotals.SESSION);

    private UsageStoreFormat() {
    }

    static Serde<UsagePeriod> periods() {
        return serde(UsagePeriod.class, PERIOD, p -> {
            ByteBuffer b = ByteBuffer.allocate(1 + PERIOD_BODY).put(PERIOD);
            period(b, p);
            return b.array();
        }, UsageStoreFormat::period);
    }

    static Serde<UsageTotals> totals() {
        return serde(UsageTotals.class, TOTALS, t -> {
            byte[] id = t.id() == null ? null : t.id().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(1 + 1 + 4 + (id == null ? 0 : id.length) + 2 * (1 + PERIOD_BODY) + INSTANT)
                    .put(TOTALS).put(scope(t.scope())).putInt(id == null ? -1 : id.length);
            if (id != null) {
                b.put(id);
            }
            optionalPeriod(b, t.day());
            optionalPeriod(b, t.month());
            instant(b, t.updatedAt());
            return java.util.Arrays.copyOf(b.array(), b.position());
        }, b -> {
            String scope = scope(b.get());
            int n = b.getInt();
            String id = null;
            if (n >= 0) {
                byte[] bytes = new byte[n];
                b.get(bytes);
                id = new String(bytes, StandardCharsets.UTF_8);
            }
            UsagePeriod day = b.get() == 0 ? null : period(b);
            UsagePeriod month = b.get() == 0 ? null : period(b);
            return new UsageTotals(scope, id, day, month, instant(b));
        });
    }

    /** A serde writing {@code write}'s bytes and reading them back, or JSON when the value is JSON. */
    private static <T> Serde<T> serde(Class<T> type, byte format, Function<T, byte[]> write,
                                      Function<ByteBuffer, T> read) {
        Deserializer<T> json = JsonSerde.of(type).deserializer();
        return Serdes.serdeFrom((topic, value) -> value == null ? null : write.apply(value), (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != format) {
                throw new SerializationException("unreadable stored " + type.getSimpleName() + ": " + bytes.length
                        + " bytes, format " + (bytes.length == 0 ? "none" : bytes[0]));
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            try {
                T value = read.apply(b);
                if (b.hasRemaining()) {
                    throw new SerializationException("unreadable stored " + type.getSimpleName() + ": "
                            + b.remaining() + " bytes left over");
                }
                return value;
            } catch (java.nio.BufferUnderflowException e) {
                throw new SerializationException("unreadable stored " + type.getSimpleName() + ": " + bytes.length
                        + " bytes, too short", e);
            }
        });
    }

    private static void period(ByteBuffer b, UsagePeriod p) {
        b.put(window(p.window()));
        instant(b, p.start());
        instant(b, p.end());
        b.putLong(p.requests()).putLong(p.inputTokens()).putLong(p.outputTokens()).putLong(p.tokens())
                .putDouble(p.costUsd());
    }

    private static UsagePeriod period(ByteBuffer b) {
        String window = window(b.get());
        Instant start = instant(b);
        Instant end = instant(b);
        return new UsagePeriod(window, start, end, b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getDouble());
    }

    private static void optionalPeriod(ByteBuffer b, UsagePeriod p) {
        b.put((byte) (p == null ? 0 : 1));
        if (p != null) {
            period(b, p);
        }
    }

    private static byte window(String name) {
        return code("usage window", name, WINDOWS);
    }

    private static String window(byte code) {
        return name("usage window", code, WINDOWS);
    }

    private static byte scope(String scope) {
        return code("usage scope", scope, SCOPES);
    }

    private static String scope(byte code) {
        return name("usage scope", code, SCOPES);
    }

    /** 0 for null, else one plus the value's place in {@code names}. */
    private static byte code(String what, String value, List<String> names) {
        if (value == null) {
            return 0;
        }
        int i = names.indexOf(value);
        if (i < 0) {
            throw new SerializationException("no stored form for " + what + " " + value);
        }
        return (byte) (i + 1);
    }

    private static String name(String what, byte code, List<String> names) {
        if (code == 0) {
            return null;
        }
        if (code < 0 || code > names.size()) {
            throw new SerializationException("unknown " + what + " code " + code);
        }
        return names.get(code - 1);
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
