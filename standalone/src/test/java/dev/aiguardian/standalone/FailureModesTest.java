package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.workers.WorkerRuntime;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.tokens.TokenGuard;

/** What callers see when parts fail: no worker, a worker that dies mid-request, a full gateway, a stopping gateway. */
@ExtendWith(KafkaExtension.class)
class FailureModesTest {

    @Test
    void aGuardWithoutWorkersTimesOutWithItsRequestIdAndTheGatewayStaysHealthy(String bootstrap) throws Exception {
        try (Gateway gateway = Pipeline.gateway(bootstrap);
             WorkerRuntime tokens = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD)) {
            Http http = new Http(gateway.port());
            long start = System.nanoTime();
            Http.Reply r = http.post("/api/v1/guards/process",
                    "{\"service_type\":\"healthguard\",\"payload\":{\"text\":\"anyone there?\"},\"timeout\":1}");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(r.status()).as(r.body()).isEqualTo(504);
            assertThat(r.contentType()).startsWith("application/problem+json");
            String id = r.json().get("request_id").asText();
            assertThat(id).isNotBlank();
            assertThat(r.json().get("job").asText()).isEqualTo("/api/v1/guards/jobs/" + id);
            // Within its deadline (1 s), give or take scheduling on a busy 2-core machine.
            assertThat(seconds).isBetween(0.9, 5.0);
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            Http.Reply ok = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "still serving"));
            assertThat(ok.status()).isEqualTo(200);
        }
    }

    @Test
    void aWorkerThatDiesBetweenConsumingAndPublishingLosesNothing(String bootstrap) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Guard dying = new Guard() {
            @Override
            public ServiceType type() {
                return ServiceType.TOKENGUARD;
            }

            @Override
            public GuardOutcome inspect(GuardInput input) {
                calls.incrementAndGet();
                entered.countDown();
                // Stuck until the runtime is halted: the result is never published, the offset never committed.
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("crashed");
            }
        };
        try (Gateway gateway = Pipeline.gateway(bootstrap)) {
            Http http = new Http(gateway.port());
            WorkerRuntime doomed = Pipeline.workers(bootstrap, List.of(dying));
            String text = "survives a crash of its worker";
            CompletableFuture<Http.Reply> reply = http.postAsync("/api/v1/guards/process",
                    "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"" + text + "\"},\"timeout\":60}");
            assertThat(entered.await(30, TimeUnit.SECONDS)).as("the doomed worker took the request").isTrue();
            doomed.halt();
            try (WorkerRuntime replacement = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD)) {
                Http.Reply r = reply.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().at("/result/token_count").asInt())
                        .isEqualTo(new TokenGuard(new TokenCounter()).inspect(GuardInput.of(text)).details() instanceof
                                TokenGuard.TokenReport t ? t.tokenCount() : -1);
                assertThat(r.json().get("worker").asText()).isNotEqualTo("");
            }
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aFullGatewayRefusesNewCallersWith503(String bootstrap) throws Exception {
        try (Gateway gateway = Pipeline.gateway(bootstrap, Map.of("MAX_PENDING_REQUESTS", "1"))) {
            Http http = new Http(gateway.port());
            CompletableFuture<Http.Reply> first = http.postAsync("/api/v1/guards/process",
                    "{\"service_type\":\"healthguard\",\"payload\":{\"text\":\"waits\"},\"timeout\":3}");
            awaitPending(gateway, 1);
            Http.Reply second = http.post("/api/v1/guards/process",
                    "{\"service_type\":\"healthguard\",\"payload\":{\"text\":\"refused\"},\"timeout\":3}");
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.json().get("type").asText()).endsWith("/gateway-overloaded");
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(504);
        }
    }

    @Test
    void stoppingTheGatewayFailsWaitingCallersWith503InsteadOfDroppingThem(String bootstrap) throws Exception {
        Gateway gateway = Pipeline.gateway(bootstrap);
        Http http = new Http(gateway.port());
        CompletableFuture<Http.Reply> waiting = http.postAsync("/api/v1/guards/process",
                "{\"service_type\":\"healthguard\",\"payload\":{\"text\":\"in flight\"},\"timeout\":60}");
        awaitPending(gateway, 1);
        gateway.close();
        Http.Reply r = waiting.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("type").asText()).endsWith("/gateway-stopping");
    }

    private static void awaitPending(Gateway gateway, int n) {
        Await.until(Duration.ofSeconds(20), () -> {
            var gauge = gateway.registry().find("aiguardian.gateway.pending").gauge();
            return gauge != null && gauge.value() >= n;
        }, n + " caller(s) pending");
    }
}
