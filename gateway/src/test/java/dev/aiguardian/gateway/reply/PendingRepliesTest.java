package dev.aiguardian.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.aiguardian.gateway.dispatch.DispatchFailure;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class PendingRepliesTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    // Registration must happen on a Vert.x context, as it does in the HTTP handler.
    private Future<Reply> register(PendingReplies p, String id, Duration deadline) throws Exception {
        CompletableFuture<Future<Reply>> f = new CompletableFuture<>();
        vertx.runOnContext(v -> f.complete(p.register(id, deadline)));
        return f.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<Reply> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReplyReachesItsCallerOnceAndLateDuplicatesAreIgnored() throws Exception {
        PendingReplies p = new PendingReplies(vertx, 10);
        Future<Reply> f = register(p, "a", Duration.ofSeconds(10));
        Reply result = Reply.of(Json.mapper().createObjectNode().put("request_id", "a"));
        assertThat(p.complete("a", result)).isTrue();
        assertThat(f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isSameAs(result);
        assertThat(p.complete("a", result)).isFalse();
        assertThat(p.size()).isZero();
    }

    @Test
    void theDeadlineFailsTheCallerWithTimeoutAndFreesItsPlace() throws Exception {
        PendingReplies p = new PendingReplies(vertx, 10);
        Future<Reply> f = register(p, "slow", Duration.ofMillis(50));
        assertThat(failure(f)).isInstanceOfSatisfying(DispatchFailure.class,
                e -> assertThat(e.kind()).isEqualTo(DispatchFailure.Kind.TIMEOUT));
        assertThat(p.size()).isZero();
        assertThat(p.complete("slow", Reply.of(Json.mapper().createObjectNode()))).isFalse();
    }

    @Test
    void pastItsCapacityNewCallersAreRefused() throws Exception {
        PendingReplies p = new PendingReplies(vertx, 2);
        register(p, "1", Duration.ofSeconds(10));
        register(p, "2", Duration.ofSeconds(10));
        assertThat(failure(register(p, "3", Duration.ofSeconds(10)))).isInstanceOfSatisfying(DispatchFailure.class,
                e -> assertThat(e.kind()).isEqualTo(DispatchFailure.Kind.OVERLOADED));
    }

    @Test
    void closingFailsEveryWaiterAndRefusesNewOnes() throws Exception {
        PendingReplies p = new PendingReplies(vertx, 10);
        Future<Reply> a = register(p, "a", Duration.ofSeconds(10));
        Future<Reply> b = register(p, "b", Duration.ofSeconds(10));
        p.closeAndFailAll("stopping");
        for (Future<Reply> f : java.util.List.of(a, b, register(p, "c", Duration.ofSeconds(10)))) {
            assertThat(failure(f)).isInstanceOfSatisfying(DispatchFailure.class,
                    e -> assertThat(e.kind()).isEqualTo(DispatchFailure.Kind.SHUTTING_DOWN));
        }
    }
}
