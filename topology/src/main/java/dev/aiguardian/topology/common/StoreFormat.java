package dev.aiguardian.topology.common;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the Streams apps' binary store formats share: a leading format byte, JSON still read where an earlier
 * version stored it (a changelog restored after an upgrade), a clear error for anything else, and the encodings of
 * instants, strings and names from a fixed list. Stores are read and written on every call, and JSON (with its
 * instants and, for sessions, its map of feature weights) was most of their apps' time.
 */
public final class StoreFormat {
    private StoreFormat() {
    }

    /** A serde writing {@code write}'s bytes (which start with {@code format}) and reading them back, or JSON. */
    public static <T> Serde<T> serde(Class<T> type, byte format, Function<T, byte[]> write,
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
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new SerializationException("unreadable stored " + type.getSimpleName() + ": " + bytes.length
                        + " bytes, " + (e instanceof BufferUnderflowException ? "too short" : e.getMessage()), e);
            }
        });
    }

    /** Bytes an instant takes: a presence byte, seconds and nanos. */
    public static final int INSTANT = 13;

    public static void instant(ByteBuffer b, Instant i) {
        b.put((byte) (i == null ? 0 : 1)).putLong(i == null ? 0 : i.getEpochSecond()).putInt(i == null ? 0 : i.getNano());
    }

    public static Instant instant(ByteBuffer b) {
        boolean present = b.get() != 0;
        long seconds = b.getLong();
        int nanos = b.getInt();
        return present ? Instant.ofEpochSecond(seconds, nanos) : null;
    }

    /** Bytes {@link #string} takes for {@code utf8}, the string's UTF-8 bytes (null for none). */
    public static int stringSize(byte[] utf8) {
        return 4 + (utf8 == null ? 0 : utf8.length);
    }

    /** A length (-1 for null) and the UTF-8 bytes. */
    public static void string(ByteBuffer b, byte[] utf8) {
        b.putInt(utf8 == null ? -1 : utf8.length);
        if (utf8 != null) {
            b.put(utf8);
        }
    }

    /** Reads what {@link #string(ByteBuffer, byte[])} wrote; damage is an IllegalArgumentException, for the serde. */
    public static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n < -1 || n > b.remaining()) {
            throw new IllegalArgumentException("a string of length " + n + " with " + b.remaining() + " bytes left");
        }
        if (n < 0) {
            return null;
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    public static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** 0 for null, else one plus the value's place in {@code names}: append to a list, never reorder it. */
    public static byte code(String what, String value, List<String> names) {
        if (value == null) {
            return 0;
        }
        int i = names.indexOf(value);
        if (i < 0) {
            throw new SerializationException("no stored form for " + what + " " + value);
        }
        return (byte) (i + 1);
    }

    public static String name(String what, byte code, List<String> names) {
        if (code == 0) {
            return null;
        }
        if (code < 0 || code > names.size()) {
            throw new IllegalArgumentException("unknown " + what + " code " + code);
        }
        return names.get(code - 1);
    }
}
