package dev.aiguardian.gateway.reply;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.aiguardian.gateway.dispatch.DispatchFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The sync callers of this instance that wait for a reply, by request id. Bounded: past its capacity
 * new callers are refused instead of growing memory without limit. Each waiter is completed on the
 * Vert.x context that registered it, exactly once: by its reply, its deadline, or shutdown.
 */
public final class PendingReplies {
    private final Vertx vertx;
    private final int capacity;
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Waiter {
        final Context context;
        final Promise<Reply> promise;
        volatile long timerId = -1;

        Waiter(Context context) {
            this.context = context;
            this.promise = Promise.promise();
        }
    }

    public PendingReplies(Vertx vertx, int capacity) {
        this.vertx = vertx;
        this.capacity = capacity;
    }

    /**
     * Registers a caller; must run on a Vert.x context. Fails at once with OVERLOADED when full and
     * with SHUTTING_DOWN once closed.
     */
    public Future<Reply> register(String requestId, Duration deadline) {
        if (closed) {
            return Future.failedFuture(new DispatchFailure(DispatchFailure.Kind.SHUTTING_DOWN, "the gateway is stopping"));
        }
        if (waiting.size() >= capacity) {
            return Future.failedFuture(new DispatchFailure(DispatchFailure.Kind.OVERLOADED,
                    capacity + " requests are already waiting on this gateway instance"));
        }
        Waiter w = new Waiter(vertx.getOrCreateContext());
        if (waiting.putIfAbsent(requestId, w) != null) {
            return Future.failedFuture(new IllegalStateException("request id " + requestId + " is already waiting"));
        }
        w.timerId = vertx.setTimer(Math.max(1, deadline.toMillis()), t -> {
            if (waiting.remove(requestId, w)) {
                w.promise.tryFail(new DispatchFailure(DispatchFailure.Kind.TIMEOUT,
                        "no result within " + deadline.toMillis() + " ms"));
            }
        });
        return w.promise.future();
    }

    public boolean isWaiting(String requestId) {
        return waiting.containsKey(requestId);
    }

    /** Hands a reply to its caller; false when nobody here waits for it (late, duplicate or not ours). */
    public boolean complete(String requestId, Reply result) {
        Waiter w = waiting.remove(requestId);
        if (w == null) {
            return false;
        }
        vertx.cancelTimer(w.timerId);
        w.context.runOnContext(v -> w.promise.tryComplete(result));
        return true;
    }

    public void fail(String requestId, DispatchFailure failure) {
        Waiter w = waiting.remove(requestId);
        if (w != null) {
            vertx.cancelTimer(w.timerId);
            w.context.runOnContext(v -> w.promise.tryFail(failure));
        }
    }

    /** Refuses new callers and fails every waiting one: on shutdown nobody is left hanging. */
    public void closeAndFailAll(String reason) {
        closed = true;
        for (String id : waiting.keySet()) {
            fail(id, new DispatchFailure(DispatchFailure.Kind.SHUTTING_DOWN, reason));
        }
    }

    public int size() {
        return waiting.size();
    }

    public int capacity() {
        return capacity;
    }
}
