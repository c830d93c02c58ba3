package dev.aiguardian.gateway.http;

import java.nio.charset.StandardCharsets;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Ends a response with its body and an explicit Content-Length. Vert.x leaves Content-Length out of
 * a HEAD answer unless it was set: this way HEAD gets the very headers GET gets, and no body.
 */
final class Responses {
    private Responses() {
    }

    static Future<Void> end(HttpServerResponse response, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .end(Buffer.buffer(bytes));
    }
}
