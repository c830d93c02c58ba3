package dev.aiguardian.gateway.http;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.reply.Reply;
import dev.aiguardian.schemas.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * What a call comes to: a result (200) or a problem (status, type, detail, extensions). A single call
 * sends it as its response; a batch puts it in the item's place.
 *
 * @param retryAfter the {@code Retry-After} seconds a caller should wait, or null
 * @param cause      for the log of a 5xx, never for the caller
 */
record Answer(Reply reply, int status, String slug, String title, String detail, Map<String, ?> extensions,
              String retryAfter, Throwable cause) {

    static Answer ok(Reply result) {
        return new Answer(result, 200, null, null, null, Map.of(), null, null);
    }

    static Answer problem(int status, String slug, String title, String detail, Map<String, ?> extensions) {
        return new Answer(null, status, slug, title, detail, extensions, null, null);
    }

    static Answer of(BadRequest e) {
        return problem(e.status, e.slug, e.title, e.getMessage(), e.extensions);
    }

    Answer retryAfter(String seconds) {
        return new Answer(reply, status, slug, title, detail, extensions, seconds, cause);
    }

    Answer cause(Throwable t) {
        return new Answer(reply, status, slug, title, detail, extensions, retryAfter, t);
    }

    boolean isOk() {
        return reply != null;
    }

    /** An ok answer's result as a tree (a batch item holds it so). */
    ObjectNode result() {
        return reply.tree();
    }

    /** Sends a problem as the response (a result is the caller's to send, with its own additions). */
    void sendProblem(RoutingContext ctx) {
        if (retryAfter != null) {
            ctx.response().putHeader("Retry-After", retryAfter);
        }
        Problem.send(ctx, status, slug, title, detail, extensions, cause);
    }

    /** The problem document, as a batch item carries it; {@code instance} is the request's path. */
    ObjectNode problemDocument(String instance) {
        try {
            return (ObjectNode) Json.mapper().readTree(Problem.body(status, slug, title, detail, instance, extensions));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a problem document is JSON", e);
        }
    }
}
