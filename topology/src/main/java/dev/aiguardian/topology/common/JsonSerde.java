package dev.aiguardian.topology.common;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.aiguardian.schemas.Json;

/** A serde for any record the project's JSON codec can write and read (snake_case, ISO instants). */
public final class JsonSerde<T> implements Serde<T> {
    private final Class<T> type;

    private JsonSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : Json.toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return Json.fromBytes(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }
}
