package dev.aiguardian.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;

import dev.aiguardian.config.Env;

/**
 * What the HTTP edge accepts before a request reaches a route: how long a caller may take to send its
 * headers ({@code HTTP_HEADER_TIMEOUT_MS}), how long a connection may sit idle
 * ({@code HTTP_IDLE_TIMEOUT_MS}), how large and how many headers ({@code HTTP_MAX_HEADER_BYTES},
 * {@code HTTP_MAX_HEADERS}), how many connections one client address may hold
 * ({@code HTTP_MAX_CONNECTIONS_PER_IP}, 0 = no limit), TLS ({@code TLS_CERT_FILE}, {@code TLS_KEY_FILE})
 * and whether state-changing routes other than guard calls are refused ({@code READ_ONLY}).
 */
public record EdgeConfig(Duration headerTimeout, Duration idleTimeout, int maxHeaderBytes, int maxHeaders,
                         int maxConnectionsPerIp, Optional<Path> tlsCert, Optional<Path> tlsKey, boolean readOnly) {

    public static EdgeConfig fromEnv(Env env) {
        Duration header = env.duration("HTTP_HEADER_TIMEOUT_MS", Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        Duration idle = env.duration("HTTP_IDLE_TIMEOUT_MS", Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofHours(1));
        int headerBytes = env.integer("HTTP_MAX_HEADER_BYTES", 8192, 1024, 65536);
        int headers = env.integer("HTTP_MAX_HEADERS", 100, 10, 1000);
        int perIp = env.integer("HTTP_MAX_CONNECTIONS_PER_IP", 1024, 0, 1_000_000);
        Optional<Path> cert = pemFile(env, "TLS_CERT_FILE", "CERTIFICATE");
        Optional<Path> key = pemFile(env, "TLS_KEY_FILE", "PRIVATE KEY");
        if (cert.isPresent() != key.isPresent() && env.problems().stream().noneMatch(p -> p.startsWith("TLS_"))) {
            env.problem(cert.isPresent() ? "TLS_KEY_FILE" : "TLS_CERT_FILE", "is required with "
                    + (cert.isPresent() ? "TLS_CERT_FILE" : "TLS_KEY_FILE") + ": set both (PEM files) to serve HTTPS,"
                    + " or neither for plain HTTP");
        }
        cert.ifPresent(path -> certificates(env, path));
        boolean readOnly = env.bool("READ_ONLY", false);
        return new EdgeConfig(header, idle, headerBytes, headers, perIp, cert, key, readOnly);
    }

    public static EdgeConfig defaults() {
        return fromEnv(Env.of(java.util.Map.of()));
    }

    public boolean tls() {
        return tlsCert.isPresent() && tlsKey.isPresent();
    }

    /** A readable PEM file holding a block of {@code kind}; a problem (one line, no content) otherwise. */
    private static Optional<Path> pemFile(Env env, String name, String kind) {
        Optional<String> value = env.raw(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value.get());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            env.problem(name, value.get(), "is not a readable file; give the path of a PEM file");
            return Optional.empty();
        }
        try {
            String text = Files.readString(path, java.nio.charset.StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN ") || !text.contains(kind + "-----")) {
                env.problem(name, value.get(), "holds no PEM " + kind + " block (-----BEGIN …" + kind + "-----)");
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            env.problem(name, value.get(), "cannot be read as a PEM file");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** The certificate chain must parse; the key is checked against it when the server starts. */
    private static void certificates(Env env, Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                env.problem("TLS_CERT_FILE", path.toString(), "holds no certificate");
            }
        } catch (IOException | CertificateException e) {
            env.problem("TLS_CERT_FILE", path.toString(), "is not a valid PEM certificate");
        }
    }

    @Override
    public String toString() {
        return "EdgeConfig[headerTimeout=" + headerTimeout + ", idleTimeout=" + idleTimeout + ", maxHeaderBytes="
                + maxHeaderBytes + ", maxHeaders=" + maxHeaders + ", maxConnectionsPerIp=" + maxConnectionsPerIp
                + ", tls=" + tls() + ", readOnly=" + readOnly + "]";
    }
}
