package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * The hardened edge against a running gateway: slow and idle connections are closed, oversized or
 * too many headers get 431, two Host headers 400, one address cannot hold more than its share of
 * connections, every answer carries the security headers, and READ_ONLY refuses writes but not guard calls.
 * No assertion is about time: each checks what the connection got (an answer, a close).
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeTest {
    private static final String HOST = "127.0.0.1";
    /** A read that waits this long is a safety net against a hang; the deadlines under test are far shorter. */
    private static final int READ_TIMEOUT_MS = 30_000;

    private Gateway tight;
    private Gateway capped;
    private WorkerRuntime workers;
    private Http http;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        tight = Pipeline.gateway(bootstrap, Map.of("HTTP_HEADER_TIMEOUT_MS", "1000", "HTTP_IDLE_TIMEOUT_MS", "1500",
                "HTTP_MAX_HEADERS", "20", "HTTP_MAX_HEADER_BYTES", "4096", "ALLOWED_HOSTS", HOST, "READ_ONLY", "true"));
        capped = Pipeline.gateway(bootstrap, Map.of("HTTP_MAX_CONNECTIONS_PER_IP", "8"));
        workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
        http = new Http(tight.port());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {workers, tight, capped}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void slowlorisConnectionsAreAnswered408AndClosedAtTheHeaderDeadline() throws Exception {
        int connections = 12;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            outcomes.add(pool.submit(() -> {
                try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
                    s.send("GET /health/live HTTP/1.1\r\nHost: " + HOST + "\r\n");
                    // Trickle header bytes well inside the idle timeout, so that only a header deadline can stop it.
                    Thread trickler = new Thread(() -> {
                        byte[] header = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes();
                        for (int b = 0; s.trickle(header[b % header.length]); b++) {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
                    trickler.setDaemon(true);
                    trickler.start();
                    EdgeSocket.Response r = s.read();
                    boolean closed = s.closedByServer();
                    trickler.interrupt();
                    return r.status() + " " + (r.body().contains("request-header-timeout") ? "header-timeout" : r.body())
                            + " " + (closed ? "closed" : "open") + " " + r.header("X-Content-Type-Options");
                }
            }));
        }
        for (Future<String> outcome : outcomes) {
            assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo("408 header-timeout closed nosniff");
        }
        pool.shutdownNow();
    }

    @Test
    void probesAndScrapesPassTheHostCheckTheApiDoesNot() throws Exception {
        for (String path : List.of("/health/live", "/metrics", "/api/v1/guards/services")) {
            try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
                EdgeSocket.Response r = s.send("GET " + path + " HTTP/1.1\r\nHost: 10.1.2.3:8000\r\n\r\n").read();
                if (path.startsWith("/api")) {
                    assertThat(r.status()).as(path).isEqualTo(400);
                    assertThat(r.body()).contains("host-not-allowed");
                } else {
                    assertThat(r.status()).as(path).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedWithoutAWord() throws Exception {
        try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
            EdgeSocket.Response r = s.send("GET /health/live HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isNull(); // kept alive: only the idle deadline ends it
            assertThat(s.closedByServer()).as("closed after the idle timeout").isTrue();
        }
    }

    @Test
    void aCallerWaitingForItsAnswerIsNotIdle() {
        // No biasguard worker runs: the call waits its whole 3 s deadline, twice the idle timeout, and gets its 504.
        Http.Reply r = http.post("/api/v1/guards/process",
                "{\"service_type\":\"biasguard\",\"payload\":{\"text\":\"x\"},\"timeout\":3}");
        assertThat(r.status()).isEqualTo(504);
        assertSecurityHeaders(r);
    }

    @Test
    void tooManyOrTooLargeHeadersAre431Problems() throws Exception {
        StringBuilder many = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: " + HOST + "\r\n");
        for (int i = 0; i < 30; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
            EdgeSocket.Response r = s.send(many.append("\r\n").toString()).read();
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains("too-many-headers", "HTTP_MAX_HEADERS");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        }
        try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
            EdgeSocket.Response r = s.send("GET /health/live HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: "
                    + "b".repeat(5000) + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains("headers-too-large", "4096");
        }
    }

    @Test
    void twoHostHeadersAreRefusedEvenWithTheAllowedOneFirst() throws Exception {
        try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
            EdgeSocket.Response r = s.send("GET /health/live HTTP/1.1\r\nHost: " + HOST + "\r\nHost: evil.example\r\n\r\n")
                    .read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains("duplicate-host");
        }
        try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
            EdgeSocket.Response r = s.send("GET /health/live HTTP/1.1\r\nHost: " + HOST + ", evil.example\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("duplicate-host");
        }
        try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
            assertThat(s.send("GET /health/live HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsConnections() throws Exception {
        List<EdgeSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                EdgeSocket s = EdgeSocket.open(capped.port(), READ_TIMEOUT_MS);
                held.add(s);
                assertThat(s.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            }
            try (EdgeSocket ninth = EdgeSocket.open(capped.port(), READ_TIMEOUT_MS)) {
                // Refused at once, before it sends anything.
                EdgeSocket.Response r = ninth.read();
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.body()).contains("too-many-connections", "HTTP_MAX_CONNECTIONS_PER_IP");
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(ninth.closedByServer()).isTrue();
            }
            held.remove(0).close();
            // The server counts the close when it sees it; until then a new connection may still be refused.
            Await.until(Duration.ofSeconds(30), () -> {
                try (EdgeSocket again = EdgeSocket.open(capped.port(), READ_TIMEOUT_MS)) {
                    return again.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").read().status() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            }, "a connection is admitted again once one of the eight closed");
        } finally {
            held.forEach(EdgeSocket::close);
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Http.Reply ok = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "hello"));
        assertThat(ok.status()).isEqualTo(200);
        assertSecurityHeaders(ok);
        assertSecurityHeaders(http.get("/health/live"));
        Http.Reply notFound = http.get("/nothing-here");
        assertThat(notFound.status()).isEqualTo(404);
        assertSecurityHeaders(notFound);
        Http.Reply bad = http.post("/api/v1/guards/process", "{");
        assertThat(bad.status()).isEqualTo(400);
        assertSecurityHeaders(bad);
        // No HSTS over plain HTTP: browsers ignore it there, and it is the TLS endpoint's to send.
        assertThat(ok.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void readOnlyServesGuardCallsAndRefusesWrites() throws Exception {
        assertThat(http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "hi")).status()).isEqualTo(200);
        Http.Reply async = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "hi"), "Prefer",
                "respond-async");
        assertThat(async.status()).isEqualTo(202);
        for (String request : List.of("DELETE /api/v1/guards/jobs/" + async.json().get("request_id").asText(),
                "PUT /api/v1/guards/process", "PATCH /api/v1/usage/test", "POST /api/v1/admin/keys")) {
            try (EdgeSocket s = EdgeSocket.open(tight.port(), READ_TIMEOUT_MS)) {
                EdgeSocket.Response r = s.send(request + " HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 0\r\n\r\n")
                        .read();
                assertThat(r.status()).as(request).isEqualTo(403);
                assertThat(r.body()).as(request).contains("read-only", "READ_ONLY=true");
            }
        }
        assertThat(http.get("/api/v1/guards/services").status()).isEqualTo(200);
    }

    private static void assertSecurityHeaders(Http.Reply r) {
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as("nosniff on %d", r.status()).contains("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).as("no-store on %d", r.status()).contains("no-store");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("frame-ancestors 'none'"));
    }
}
