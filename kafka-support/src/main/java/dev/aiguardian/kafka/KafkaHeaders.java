package dev.aiguardian.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** UTF-8 string access to record headers; a header is set once (put replaces), never repeated. */
public final class KafkaHeaders {
    private KafkaHeaders() {
    }

    public static Optional<String> last(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** Sets {@code name} to {@code value}, replacing any earlier value; a null value leaves the headers alone. */
    public static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
