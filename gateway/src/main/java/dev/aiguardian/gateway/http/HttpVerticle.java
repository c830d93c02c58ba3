package dev.aiguardian.gateway.http;

import dev.aiguardian.config.ProcessRunner;
import dev.aiguardian.config.StartupException;
import dev.aiguardian.gateway.auth.Scope;
import dev.aiguardian.gateway.console.ConsolePage;
import dev.aiguardian.gateway.console.EventsHandler;
import dev.aiguardian.gateway.openapi.ApiDocs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;

/** The gateway's HTTP API; several instances share the port, one per event loop. */
public final class HttpVerticle extends VerticleBase {
    private final GatewayServices services;
    private HttpServer server;

    public HttpVerticle(GatewayServices services) {
        this.services = services;
    }

    @Override
    public Future<?> start() {
        EdgeConfig edge = services.config().edge();
        // Idle and header deadlines are EdgeConnection's (Vert.x's idle timeout would also cut a long sync call).
        // No h2c: only HTTP/1.x is served, and with h2c on Vert.x makes the connection (and calls the front
        // door) only once a first request is complete, which would leave a slowloris connection unwatched.
        HttpServerOptions options = new HttpServerOptions()
                .setPort(services.config().port())
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(true)
                .setTcpNoDelay(true)
                .setMaxHeaderSize(edge.maxHeaderBytes());
        if (edge.tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(edge.tlsCert().get().toString()).setKeyPath(edge.tlsKey().get().toString()));
        }
        server = vertx.createHttpServer(options);
        FrontDoor.install(server, options, edge, ConnectionLimit.shared(vertx, edge.maxConnectionsPerIp()), router());
        return server.listen().recover(e -> Future.failedFuture(edge.tls() && !portProblem(e) ? tlsProblem(edge, e) : e));
    }

    /** Vert.x reads the PEM files when it listens: a key that does not fit shows only then. */
    private static StartupException tlsProblem(EdgeConfig edge, Throwable e) {
        return new StartupException("TLS_CERT_FILE='" + edge.tlsCert().get() + "', TLS_KEY_FILE='" + edge.tlsKey().get()
                + "': cannot serve HTTPS with them (" + ProcessRunner.describe(e) + "); give a PEM certificate chain"
                + " and its matching private key");
    }

    private static boolean portProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
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
                    .exposedHeader("X-Request-ID").exposedHeader("Location").exposedHeader("Retry-After")
                    .exposedHeader("RateLimit").exposedHeader("RateLimit-Policy"));
        }
        readable(router, "/health/live").handler(ops::live);
        readable(router, "/health/ready").handler(ops::ready);
        readable(router, "/metrics").handler(ops::metrics);

        int limit = services.config().maxBodyBytes();
        router.route("/api/*").handler(new AuthGate(services.authenticator(), services.limiter(),
                services.config().rateLimits(), services.registry()));
        if (services.config().edge().readOnly()) {
            router.route().handler(new ReadOnly());
        }
        router.post("/api/*").handler(new BodyRules());
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(limit));
        router.post("/api/v1/guards/process").handler(AuthGate.requires(Scope.GUARDS_PROCESS))
                .handler(SubmitHandler.process(services));
        router.post("/api/v1/guards/pipeline").handler(AuthGate.requires(Scope.GUARDS_PROCESS))
                .handler(SubmitHandler.pipeline(services));
        readable(router, "/api/v1/guards/services").handler(AuthGate.requires(Scope.ADMIN)).handler(ops::services);
        readable(router, "/api/v1/guards/jobs/:id").handler(AuthGate.requires(Scope.JOBS_READ))
                .handler(new JobsHandler(services));
        readable(router, "/api/v1/usage/:user_id").handler(AuthGate.usageAccess()).handler(new UsageHandler(services));
        router.post(BatchHandler.PATH).handler(AuthGate.requires(Scope.GUARDS_PROCESS))
                .handler(new BatchHandler(services));
        Aliases.PATHS.forEach((path, guard) -> router.post(path).handler(AuthGate.requires(Scope.GUARDS_PROCESS))
                .handler(SubmitHandler.alias(services, guard)));
        // Every tenant's results: an operator's view.
        readable(router, "/api/v1/events").handler(AuthGate.requires(Scope.ADMIN))
                .handler(new EventsHandler(services.events()));
        readable(router, "/openapi.json").handler(ApiDocs::openapi);
        readable(router, "/schemas/:file").handler(ApiDocs::schema);
        readable(router, "/console").handler(ctx -> redirect(ctx, "/console/index.html"));
        readable(router, "/docs").handler(ctx -> redirect(ctx, "/console/reference.html"));
        readable(router, "/console/*").handler(ConsolePage.policy()).handler(StaticHandler.create("console")
                .setMaxAgeSeconds(300));

        // Every status the router may fail with, so that none is answered bare or as an HTML page.
        new FailureProblems(limit).register(router);
        return router;
    }

    /** A GET route that answers HEAD too: the same status and headers, no body (RFC 9110 §9.3.2). */
    private static io.vertx.ext.web.Route readable(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(302).putHeader("Location", to).putHeader("Content-Length", "0").end();
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
