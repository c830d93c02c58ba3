package dev.aiguardian.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.aiguardian.config.Env;
import dev.aiguardian.gateway.GatewayConfig;

class EdgeConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreSafeAndNeedNothing() {
        Env env = Env.of(Map.of());
        EdgeConfig edge = GatewayConfig.fromEnv(env).edge();
        assertThat(env.problems()).isEmpty();
        assertThat(edge.headerTimeout().toSeconds()).isEqualTo(10);
        assertThat(edge.idleTimeout().toSeconds()).isEqualTo(60);
        assertThat(edge.maxHeaderBytes()).isEqualTo(8192);
        assertThat(edge.maxHeaders()).isEqualTo(100);
        assertThat(edge.maxConnectionsPerIp()).isEqualTo(1024);
        assertThat(edge.tls()).isFalse();
        assertThat(edge.readOnly()).isFalse();
    }

    @Test
    void everyBadValueIsOneLineNamingItsVariable() {
        Env env = Env.of(Map.of("HTTP_HEADER_TIMEOUT_MS", "soon", "HTTP_IDLE_TIMEOUT_MS", "5", "HTTP_MAX_HEADER_BYTES",
                "100", "HTTP_MAX_HEADERS", "lots", "HTTP_MAX_CONNECTIONS_PER_IP", "-1", "READ_ONLY", "perhaps"));
        EdgeConfig.fromEnv(env);
        assertThat(env.problems()).hasSize(6);
        assertThat(String.join("\n", env.problems())).contains("HTTP_HEADER_TIMEOUT_MS", "HTTP_IDLE_TIMEOUT_MS",
                "HTTP_MAX_HEADER_BYTES", "HTTP_MAX_HEADERS", "HTTP_MAX_CONNECTIONS_PER_IP", "READ_ONLY");
    }

    @Test
    void tlsNeedsBothFilesReadableAndPem() throws Exception {
        Path notPem = Files.writeString(dir.resolve("cert.pem"), "hello");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path badCert = Files.writeString(dir.resolve("bad.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

        Env onlyKey = Env.of(Map.of("TLS_KEY_FILE", key.toString()));
        EdgeConfig.fromEnv(onlyKey);
        assertThat(onlyKey.problems()).singleElement().asString().startsWith("TLS_CERT_FILE").contains("set both");

        Env missing = Env.of(Map.of("TLS_CERT_FILE", dir.resolve("nope.pem").toString(), "TLS_KEY_FILE", key.toString()));
        EdgeConfig.fromEnv(missing);
        assertThat(missing.problems()).singleElement().asString().startsWith("TLS_CERT_FILE=").contains("not a readable file");

        Env garbage = Env.of(Map.of("TLS_CERT_FILE", notPem.toString(), "TLS_KEY_FILE", key.toString()));
        EdgeConfig.fromEnv(garbage);
        assertThat(garbage.problems()).singleElement().asString().contains("no PEM CERTIFICATE block");

        Env broken = Env.of(Map.of("TLS_CERT_FILE", badCert.toString(), "TLS_KEY_FILE", key.toString()));
        EdgeConfig.fromEnv(broken);
        assertThat(broken.problems()).singleElement().asString().contains("not a valid PEM certificate");

        Env swapped = Env.of(Map.of("TLS_CERT_FILE", key.toString(), "TLS_KEY_FILE", badCert.toString()));
        EdgeConfig.fromEnv(swapped);
        assertThat(String.join("\n", swapped.problems())).contains("TLS_CERT_FILE").contains("TLS_KEY_FILE")
                .doesNotContain("AAAA");
    }

    @Test
    void connectionLimitCountsPerAddressAndFreesOnClose() {
        ConnectionLimit limit = new ConnectionLimit(2);
        assertThat(limit.tryOpen("10.0.0.1")).isTrue();
        assertThat(limit.tryOpen("10.0.0.1")).isTrue();
        assertThat(limit.tryOpen("10.0.0.1")).as("third from one address").isFalse();
        assertThat(limit.tryOpen("10.0.0.2")).as("another address").isTrue();
        limit.closed("10.0.0.1");
        assertThat(limit.open("10.0.0.1")).isEqualTo(1);
        assertThat(limit.tryOpen("10.0.0.1")).isTrue();
        limit.closed("10.0.0.2");
        assertThat(limit.open("10.0.0.2")).isZero();
        ConnectionLimit off = new ConnectionLimit(0);
        for (int i = 0; i < 10; i++) {
            assertThat(off.tryOpen("10.0.0.1")).isTrue();
        }
    }
}
