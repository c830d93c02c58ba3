package dev.aiguardian.gateway.http;

import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

/**
 * Open connections per client address ({@code HTTP_MAX_CONNECTIONS_PER_IP}), counted when a connection
 * opens and when it closes, across all the event loops of one gateway: one caller cannot take every
 * connection (and file descriptor) the instance has.
 */
final class ConnectionLimit implements Shareable {
    private static final String SHARED = "aiguardian.http.connection-limit";

    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** The one limit of this Vert.x instance, shared by every HTTP verticle it runs. */
    static ConnectionLimit shared(Vertx vertx, int max) {
        return vertx.sharedData().<String, ConnectionLimit>getLocalMap(SHARED)
                .computeIfAbsent("limit", k -> new ConnectionLimit(max));
    }

    int max() {
        return max;
    }

    /** Counts a new connection from {@code address}; false (and not counted) when it already has {@link #max}. */
    boolean tryOpen(String address) {
        if (max <= 0) {
            return true;
        }
        boolean[] admitted = {false};
        // compute() holds the entry: counting up and down for one address never interleave.
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0];
    }

    /** Counts a connection from {@code address} gone; forgets the address at zero. */
    void closed(String address) {
        if (max <= 0) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int open(String address) {
        return open.getOrDefault(address, 0);
    }
}
