package dev.aiguardian.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;

/** The gateway's HTTP API; several instances share the port, one per event loop. */
public final class HttpVerticle extends VerticleBase {
    private final GatewayServices services;
    private HttpServer server;

    public HttpVerticle(GatewayServices services) {
        this.services = services;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions()
                .setPort(services.config().port())
                .setCompressionSupported(true)
                .setTcpNoDelay(true));
        return server.requestHandler(router()).listen();
    }

    Router router() {
        Router router = Router.router(vertx);
        OpsHandlers ops = new OpsHandlers(services);
        router.route().handler(new RequestIds());
        router.route().handler(AccessControl.hosts(services.config().allowedHosts()));
        if (!services.config().allowedOrigins().isEmpty()) {
            router.route().handler(CorsHandler.create()
                    .addOrigins(services.config().allowedOrigins())
                    .allowedMethod(HttpMethod.GET).allowedMethod(HttpMethod.POST)
                    .allowedHeader("Content-Type").allowedHeader("Authorization").allowedHeader("X-API-Key")
                    .allowedHeader("X-Request-ID").allowedHeader("Idempotency-Key").allowedHeader("Prefer")
                    .exposedHeader("X-Request-ID").exposedHeader("Location"));
        }
        router.get("/health/live").handler(ops::live);
        router.get("/health/ready").handler(ops::ready);
        router.get("/metrics").handler(ops::metrics);

        router.route("/api/*").handler(AccessControl.apiKey(services.config().unifiedApiKey()));
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes()));
        router.post("/api/v1/guards/process").handler(SubmitHandler.process(services));
        router.post("/api/v1/guards/pipeline").handler(SubmitHandler.pipeline(services));
        router.get("/api/v1/guards/services").handler(ops::services);
        router.get("/api/v1/guards/jobs/:id").handler(new JobsHandler(services));
        router.get("/api/v1/usage/:user_id").handler(new UsageHandler(services));

        int limit = services.config().maxBodyBytes();
        router.errorHandler(413, ctx -> Problem.send(ctx, 413, "body-too-large", "Body too large",
                "The body is larger than " + limit + " bytes (MAX_BODY_BYTES)."));
        router.errorHandler(404, ctx -> Problem.send(ctx, 404, "not-found", "Not found",
                "No route for " + ctx.request().method() + " " + ctx.request().path() + "."));
        router.errorHandler(405, ctx -> Problem.send(ctx, 405, "method-not-allowed", "Method not allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path() + "."));
        router.errorHandler(500, ctx -> Problem.send(ctx, 500, "internal-error", "Internal error",
                "The gateway failed unexpectedly."));
        return router;
    }

    /** The port this instance listens on (useful when configured with port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
