package dev.aiguardian.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.aiguardian.schemas.Json;

/**
 * A FAKE of AWS Secrets Manager for tests, which cannot reach AWS: a local HTTP server speaking the service's JSON
 * 1.1 protocol for {@code GetSecretValue} only ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue},
 * {@code application/x-amz-json-1.1}; errors as {@code {"__type": …, "message": …}}), so that the real SDK client
 * talks to it through {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. It does not check signatures; it records that one
 * was sent.
 */
public final class FakeSecretsManager implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    public static final String TARGET = "secretsmanager.GetSecretValue";

    /** One request as it arrived. */
    public record Request(String target, String contentType, String authorization, String secretId) {
    }

    private record Secret(String text, boolean binary, String version) {
    }

    private final HttpServer server;
    private final String region;
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger versions = new AtomicInteger();
    private volatile String deniedPrincipal;

    private FakeSecretsManager(String region) throws IOException {
        this.region = region;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-secrets-manager");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static FakeSecretsManager start(String region) throws IOException {
        return new FakeSecretsManager(region);
    }

    /** What {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} must say to reach this fake. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stores (or replaces: a new version, as a rotation does) the secret's text. */
    public FakeSecretsManager put(String name, String secretString) {
        secrets.put(name, new Secret(secretString, false, "v" + versions.incrementAndGet() + "-" + UUID.randomUUID()));
        return this;
    }

    /** Stores the settings as a JSON object of strings. */
    public FakeSecretsManager putJson(String name, Map<String, String> values) {
        return put(name, Json.toString(values));
    }

    /** Stores a binary secret (SecretBinary, no SecretString). */
    public FakeSecretsManager putBinary(String name) {
        secrets.put(name, new Secret("AAEC", true, "v" + versions.incrementAndGet()));
        return this;
    }

    public FakeSecretsManager remove(String name) {
        secrets.remove(name);
        return this;
    }

    /** From now on every call is refused with AccessDeniedException for {@code principalArn}; null allows again. */
    public FakeSecretsManager deny(String principalArn) {
        this.deniedPrincipal = principalArn;
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            JsonNode request = body.length == 0 ? null : Json.mapper().readTree(body);
            String secretId = request == null || !request.hasNonNull("SecretId") ? null : request.get("SecretId").asText();
            requests.add(new Request(target, contentType, ex.getRequestHeaders().getFirst("Authorization"), secretId));
            if (!"POST".equals(ex.getRequestMethod()) || contentType == null
                    || !contentType.startsWith("application/x-amz-json-1.1")) {
                error(ex, 400, "SerializationException", "Expected a POST of application/x-amz-json-1.1");
                return;
            }
            if (!TARGET.equals(target)) {
                error(ex, 400, "UnknownOperationException", "Only GetSecretValue is faked");
                return;
            }
            String denied = deniedPrincipal;
            if (denied != null) {
                error(ex, 400, "AccessDeniedException", "User: " + denied + " is not authorized to perform:"
                        + " secretsmanager:GetSecretValue on resource: " + secretId + " because no identity-based"
                        + " policy allows the secretsmanager:GetSecretValue action");
                return;
            }
            Secret secret = secretId == null ? null : secrets.get(secretId);
            if (secret == null) {
                error(ex, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                return;
            }
            ObjectNode answer = Json.mapper().createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + secretId + "-AbCdEf")
                    .put("Name", secretId)
                    .put("VersionId", secret.version())
                    .put("CreatedDate", System.currentTimeMillis() / 1000.0);
            answer.putArray("VersionStages").add("AWSCURRENT");
            if (secret.binary()) {
                answer.put("SecretBinary", secret.text());
            } else {
                answer.put("SecretString", secret.text());
            }
            send(ex, 200, Json.toString(answer));
        }
    }

    private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
        ex.getResponseHeaders().add("x-amzn-ErrorType", type);
        send(ex, status, Json.toString(Map.of("__type", type, "message", message)));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
