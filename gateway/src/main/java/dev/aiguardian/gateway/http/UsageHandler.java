package dev.aiguardian.gateway.http;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.UsageTotals;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/usage/{user_id}}: a user's token and USD totals for the newest UTC day and
 * month with usage, and what of it counts now, from this instance's view of guard.usage.totals.
 */
final class UsageHandler implements Handler<RoutingContext> {
    private final GatewayServices services;

    UsageHandler(GatewayServices services) {
        this.services = services;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String user = ctx.pathParam("user_id");
        if (services.usage() == null || !services.usage().isCaughtUp()) {
            Problem.send(ctx, 503, "usage-unavailable", "Usage totals are not available yet",
                    "This gateway is still reading guard.usage.totals; try again shortly.");
            return;
        }
        UsageTotals t = services.usage().get(user).orElse(null);
        if (t == null) {
            Problem.send(ctx, 404, "unknown-user", "No usage for this user",
                    "No tokenguard usage has been recorded for user_id '" + user + "'.");
            return;
        }
        Instant now = services.clock().instant();
        ObjectNode body = Json.mapper().createObjectNode().put("user_id", user);
        ObjectNode current = body.putObject("current");
        current.put("day_tokens", t.dayTokens(now)).put("day_cost_usd", t.dayCostUsd(now))
                .put("month_tokens", t.monthTokens(now)).put("month_cost_usd", t.monthCostUsd(now));
        if (t.day() != null) {
            body.set("day", Json.tree(t.day()));
        }
        if (t.month() != null) {
            body.set("month", Json.tree(t.month()));
        }
        if (t.updatedAt() != null) {
            body.put("updated_at", t.updatedAt().toString());
        }
        Responses.end(ctx.response().setStatusCode(200), "application/json", Json.toString(body));
    }
}
