package dev.aiguardian.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/guards/batch}: up to {@code BATCH_MAX_ITEMS} texts for one guard or one pipeline.
 * Each item becomes its own call, parsed and checked like a {@code /process} or {@code /pipeline} body,
 * and all are published at once through the same dispatch path. Sync, the caller gets one 200 with
 * every item's result or problem in its place; async, a 202 with the batch's job, whose body becomes
 * the same once every item has finished. The call's own fields (guard, timeout, mode, fail_open…) are
 * the batch's: an error in them refuses the whole batch, an error in an item only that item.
 */
final class BatchHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/guards/batch";
    private static final int MAX_ITEM_ID_LENGTH = 128;

    private final GatewayServices services;
    private final CallParser parser;
    private final SyncOutcomes outcomes;
    private final int maxItems;

    BatchHandler(GatewayServices services) {
        this.services = services;
        this.parser = SubmitHandler.parser(services);
        this.outcomes = new SyncOutcomes(services);
        this.maxItems = services.config().api().batchMaxItems();
    }

    /** An item as the caller named it, and either its call or why it cannot be one. */
    private record Item(int index, String id, Call call, Answer refused) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        io.vertx.core.buffer.Buffer buffer = ctx.body().buffer();
        List<Item> items;
        Call probe;
        try {
            if (ctx.request().getHeader("Idempotency-Key") != null) {
                throw new BadRequest(400, "idempotency-not-supported", "Idempotency-Key not supported on batches",
                        "A batch is not bound to an Idempotency-Key; send the items to /process one by one with keys, "
                                + "or send the batch without the header.");
            }
            ObjectNode root = CallParser.object(buffer == null ? new byte[0] : buffer.getBytes());
            JsonNode list = root.get("items");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw new BadRequest(400, "invalid-request", "Invalid request", "items must be a non-empty list of "
                        + "texts or {\"id\",\"text\",…options} objects.");
            }
            if (list.size() > maxItems) {
                throw new BadRequest(400, "too-many-items", "Too many items", "The batch has " + list.size()
                        + " items; at most " + maxItems + " (BATCH_MAX_ITEMS) are taken in one call.",
                        Map.of("max_items", maxItems));
            }
            // The batch's own fields on an empty text first: an error there is the whole batch's.
            probe = parse(root, Json.mapper().createObjectNode().put("text", ""), SubmitHandler.prefersAsync(ctx),
                    AuthGate.subject(ctx));
            if (probe.callbackUrl().isPresent() && services.config().callbacks().secret().isEmpty()) {
                throw new BadRequest(400, "callbacks-disabled", "Callbacks are not configured",
                        "This gateway has no WEBHOOK_SECRET to sign callbacks with; poll the job instead.");
            }
            items = items(root, list, SubmitHandler.prefersAsync(ctx), AuthGate.subject(ctx));
        } catch (BadRequest e) {
            Answer.of(e).sendProblem(ctx);
            return;
        }
        String batchId = "batch-" + UUID.randomUUID();
        ctx.response().putHeader("X-Guard-Request-ID", batchId);
        long start = System.nanoTime();
        checkCallback(ctx, probe).onComplete(checked -> {
            if (checked.failed()) {
                Answer.of((BadRequest) checked.cause()).sendProblem(ctx);
            } else if (probe.async()) {
                submitAll(ctx, batchId, probe.serviceType(), items);
            } else {
                callAll(ctx, batchId, probe.serviceType(), items, start);
            }
        });
    }

    /** The items as calls: each is the batch's body with the item's text and options in its payload. */
    private List<Item> items(ObjectNode root, JsonNode list, boolean preferAsync, String subject) {
        List<Item> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode given = list.get(i);
            String id = null;
            try {
                ObjectNode fields;
                if (given.isTextual()) {
                    fields = Json.mapper().createObjectNode().put("text", given.textValue());
                } else if (given.isObject()) {
                    fields = ((ObjectNode) given).deepCopy();
                    JsonNode idNode = fields.remove("id");
                    if (idNode != null && !idNode.isNull()) {
                        if (!idNode.isTextual() || idNode.textValue().length() > MAX_ITEM_ID_LENGTH) {
                            throw new BadRequest(400, "invalid-request", "Invalid request", "items[" + i + "].id "
                                    + "must be a string of at most " + MAX_ITEM_ID_LENGTH + " characters");
                        }
                        id = idNode.textValue();
                    }
                } else {
                    throw new BadRequest(400, "invalid-request", "Invalid request", "items[" + i + "] must be a "
                            + "text or an object {\"id\",\"text\",…options}");
                }
                items.add(new Item(i, id, parse(root, fields, preferAsync, subject), null));
            } catch (BadRequest e) {
                items.add(new Item(i, id, null, Answer.of(e)));
            }
        }
        return items;
    }

    /**
     * A process or pipeline body: the batch's fields, its payload, and the item's fields over them;
     * {@code subject} the caller's JWT {@code sub}, which is every item's user.
     */
    private Call parse(ObjectNode root, ObjectNode itemFields, boolean preferAsync, String subject) {
        ObjectNode body = root.deepCopy();
        body.remove("items");
        JsonNode shared = body.get("payload");
        ObjectNode payload = shared != null && shared.isObject() ? (ObjectNode) shared
                : Json.mapper().createObjectNode();
        if (shared != null && !shared.isObject()) {
            throw new BadRequest(400, "invalid-request", "Invalid request",
                    "payload must be an object of options shared by every item");
        }
        payload.setAll(itemFields);
        body.set("payload", payload);
        if (body.has("guards")) {
            if (body.has("service_type")) {
                throw new BadRequest(400, "invalid-request", "Invalid request",
                        "name either service_type (one guard) or guards (a pipeline), not both");
            }
            return parser.pipeline(body, preferAsync, subject);
        }
        return parser.guard(body, preferAsync, subject);
    }

    private Future<Void> checkCallback(RoutingContext ctx, Call probe) {
        if (probe.callbackUrl().isEmpty()) {
            return Future.succeededFuture();
        }
        return ctx.vertx().executeBlocking(() -> services.callbackPolicy().check(probe.callbackUrl().get()), false)
                .compose(v -> v.allowed() ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new BadRequest(400, "callback-refused", "Callback target refused",
                        v.refusal())));
    }

    /** Sync: every item published at once; one answer when each has its result or problem. */
    private void callAll(RoutingContext ctx, String batchId, String serviceType, List<Item> items, long start) {
        String traceparent = Tracing.traceparent(ctx);
        String clientId = RequestIds.clientRequestId(ctx);
        List<Future<ObjectNode>> entries = new ArrayList<>(items.size());
        for (Item item : items) {
            Future<Answer> answer = item.refused() != null ? Future.succeededFuture(item.refused())
                    : SubmitHandler.checkOptions(ctx, item.call())
                    .compose(v -> item.call().callSync(services.dispatcher(), traceparent, clientId)
                            .compose(result -> outcomes.ofResult(item.call(), result),
                                    e -> outcomes.ofFailure(item.call(), e)),
                            e -> Future.succeededFuture(e instanceof BadRequest b ? Answer.of(b)
                                    : outcomes.failure(item.call(), e)));
            entries.add(answer.otherwise(e -> outcomes.failure(item.call(), e))
                    .map(a -> BatchView.entry(item.index(), item.id(), item.call() == null ? null : item.call().id(),
                            a, ctx.request().path())));
        }
        Future.all(entries).onComplete(done -> {
            List<ObjectNode> list = entries.stream().map(Future::result).toList();
            ObjectNode body = BatchView.body(batchId, serviceType, list);
            body.put("processing_time", Math.round((System.nanoTime() - start) / 1e3) / 1e6);
            Responses.end(ctx.response(), "application/json", Json.toString(body));
        });
    }

    /**
     * Async: a pending job per item (each with the callback, which the durable callback machinery delivers
     * per item), every item published, then the batch's own job: its manifest, from which
     * {@code GET /api/v1/guards/jobs/{batch_id}} composes the batch's state out of the items' jobs.
     */
    private void submitAll(RoutingContext ctx, String batchId, String serviceType, List<Item> items) {
        String traceparent = Tracing.traceparent(ctx);
        String clientId = RequestIds.clientRequestId(ctx);
        List<Future<ObjectNode>> entries = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.refused() != null) {
                entries.add(Future.succeededFuture(BatchView.entry(item.index(), item.id(), null, item.refused(),
                        ctx.request().path())));
                continue;
            }
            Call call = item.call();
            Future<ObjectNode> entry = SubmitHandler.checkOptions(ctx, call)
                    .compose(v -> services.jobs().createPending(Job.pending(call.id(), call.serviceType(),
                            call.callbackUrl().map(Object::toString), services.clock().instant())))
                    .compose(v -> call.submit(services.dispatcher(), traceparent, clientId)
                            .recover(e -> services.jobs().recordResults(List.of(SubmitHandler.notAccepted(call, e)))
                                    .transform(ignored -> Future.failedFuture(e))))
                    .map(v -> BatchView.pendingEntry(item.index(), item.id(), call.id()))
                    .otherwise(e -> BatchView.entry(item.index(), item.id(), call.id(), e instanceof BadRequest b
                            ? Answer.of(b) : outcomes.failure(call, e), ctx.request().path()));
            entries.add(entry);
        }
        Future.all(entries).onComplete(done -> {
            List<ObjectNode> list = entries.stream().map(Future::result).toList();
            services.jobs().recordResults(List.of(BatchView.manifest(batchId, serviceType, list,
                            services.clock().instant())))
                    .onSuccess(v -> {
                        ObjectNode body = BatchView.body(batchId, serviceType, list);
                        body.put("job", JobViews.link(batchId));
                        ctx.response().setStatusCode(202).putHeader("Location", JobViews.link(batchId))
                                .putHeader("Preference-Applied", "respond-async");
                        Responses.end(ctx.response(), "application/json", Json.toString(body));
                    })
                    .onFailure(e -> Answer.problem(503, "job-store-unavailable", "The job store is unavailable",
                            "The batch's job could not be stored; its items were accepted and each has its own job.",
                            Map.of("items", list)).retryAfter("2").cause(e).sendProblem(ctx));
        });
    }

    /** The jobs of a batch's items, for its job view. */
    static Future<List<Optional<Job>>> itemJobs(GatewayServices services, ObjectNode manifest) {
        List<Future<Optional<Job>>> finds = new ArrayList<>();
        for (JsonNode item : manifest.path("result").path("items")) {
            String id = item.path("request_id").asText(null);
            finds.add(id == null || item.has("problem") ? Future.succeededFuture(Optional.empty())
                    : services.jobs().find(id));
        }
        return Future.all(finds).map(all -> finds.stream().map(Future::result).toList());
    }
}
