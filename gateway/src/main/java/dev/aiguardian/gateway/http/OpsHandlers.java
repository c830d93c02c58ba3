package dev.aiguardian.gateway.http;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.discovery.GuardStatus;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import io.vertx.ext.web.RoutingContext;

/** Liveness, readiness, service discovery and metrics: what operators and orchestrators call. */
final class OpsHandlers {
    static final String SERVICE_NAME = "codeguardians-gateway";

    private final GatewayServices services;

    OpsHandlers(GatewayServices services) {
        this.services = services;
    }

    void live(RoutingContext ctx) {
        json(ctx, 200, Json.mapper().createObjectNode().put("status", "alive").put("service", SERVICE_NAME));
    }

    void ready(RoutingContext ctx) {
        Map<String, Boolean> checks = services.readiness().evaluate();
        boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        ObjectNode body = Json.mapper().createObjectNode().put("status", ready ? "ready" : "not_ready")
                .put("service", SERVICE_NAME);
        body.set("checks", Json.tree(checks));
        // Not a condition of readiness: limits fall back to memory while Redis is away, and say so here.
        body.put("rate_limits", services.limiter().describe());
        Map<String, String> problems = services.readiness().problems();
        if (!problems.isEmpty()) {
            body.set("problems", Json.tree(problems));
        }
        json(ctx, ready ? 200 : 503, body);
    }

    void services(RoutingContext ctx) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode all = body.putObject("services");
        Map<ServiceType, GuardStatus> statuses = services.directory().statuses();
        statuses.forEach((g, s) -> all.set(g.wireName(), Json.tree(s)));
        long healthy = statuses.values().stream().filter(GuardStatus::healthy).count();
        body.put("healthy", healthy);
        body.put("total", statuses.size());
        json(ctx, 200, body);
    }

    void metrics(RoutingContext ctx) {
        // Scraping walks every meter: keep it off the event loop.
        ctx.vertx().executeBlocking(() -> services.registry().scrape(), false)
                .onSuccess(text -> Responses.end(ctx.response(), "text/plain; version=0.0.4; charset=utf-8", text))
                .onFailure(ctx::fail);
    }

    private static void json(RoutingContext ctx, int status, ObjectNode body) {
        Responses.end(ctx.response().setStatusCode(status), "application/json", Json.toString(body));
    }
}
