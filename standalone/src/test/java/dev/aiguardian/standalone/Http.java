package dev.aiguardian.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;

/** A small HTTP client for tests against a gateway on 127.0.0.1. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A response with its body read as JSON when it is JSON. */
    record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers, HttpRequest request) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final int port;

    Http(int port) {
        this.port = port;
    }

    CompletableFuture<Reply> postAsync(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return CLIENT.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Http::reply);
    }

    Reply post(String path, String body, String... headers) {
        return postAsync(path, body, headers).join();
    }

    Reply get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Http::reply).join();
    }

    private static Reply reply(HttpResponse<String> r) {
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers(),
                r.request());
    }

    static String guardCall(String service, String text) {
        return "{\"service_type\":\"" + service + "\",\"payload\":{\"text\":" + Json.toString(text)
                + "},\"user_id\":\"test\",\"session_id\":\"test\"}";
    }
}
