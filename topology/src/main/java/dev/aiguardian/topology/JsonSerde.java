package dev.aiguardian.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.aiguardian.schemas.Json;

/** A serde for any of our records, through the one JSON codec of {@code schemas}. */
public final class JsonSerde<T> implements Serde<T> {
    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
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
            } catch (java.io.IOException e) {
                throw new SerializationException("unreadable " + type.getSimpleName() + " on " + topic, e);
            }
        };
    }
}
