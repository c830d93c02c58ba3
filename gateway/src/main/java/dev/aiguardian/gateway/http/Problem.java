package dev.aiguardian.gateway.http;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;
import io.vertx.ext.web.RoutingContext;

/** Errors as RFC 9457 problem details ({@code application/problem+json}). */
final class Problem {
    static final String TYPE_PREFIX = "https://aiguardian.dev/problems/";
    static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        send(ctx, status, slug, title, detail, Map.of());
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail,
                     Map<String, ?> extensions) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", TYPE_PREFIX + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.request().path());
        extensions.forEach((k, v) -> body.set(k, Json.tree(v)));
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(Json.toString(body));
    }
}
