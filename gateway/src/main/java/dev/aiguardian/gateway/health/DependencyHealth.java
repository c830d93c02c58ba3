package dev.aiguardian.gateway.health;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Pings a dependency (Postgres, Redis) every few seconds and remembers whether it answered. */
public final class DependencyHealth {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyHealth.class);
    private static final long EVERY_MS = 5000;

    private final String name;
    private final Supplier<Future<Void>> ping;
    private volatile boolean up;

    public DependencyHealth(Vertx vertx, String name, Supplier<Future<Void>> ping) {
        this.name = name;
        this.ping = ping;
        check();
        vertx.setPeriodic(EVERY_MS, t -> check());
    }

    private void check() {
        ping.get().onComplete(ar -> {
            if (ar.succeeded() != up) {
                if (ar.succeeded()) {
                    LOG.info("The {} answers", name);
                } else {
                    LOG.warn("The {} does not answer: {}", name, ar.cause().toString());
                }
            }
            up = ar.succeeded();
        });
    }

    public boolean isUp() {
        return up;
    }
}
