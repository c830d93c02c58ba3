package dev.aiguardian.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.config.Env;
import dev.aiguardian.config.RotatingSecrets;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.openapi.ApiDocs;
import dev.aiguardian.schemas.Json;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/** openapi.json against the router's real routes: every route documented, nothing documented that is not served. */
class OpenApiRoutesTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void everyRouteIsDocumentedAndNothingElse() throws Exception {
        Router router = router();
        TreeSet<String> served = new TreeSet<>();
        TreeSet<String> headless = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || route.methods() == null || route.methods().isEmpty() || path.equals("/api/")) {
                continue; // handlers on every request or on every /api/ POST: not routes of their own
            }
            String template = path.replaceAll(":([a-z_]+)", "{$1}");
            if (template.endsWith("/") && !route.isExactPath()) {
                template = template + "{file}"; // a folder of static files
            }
            for (HttpMethod m : route.methods()) {
                if (m != HttpMethod.HEAD) {
                    served.add(m.name().toLowerCase(java.util.Locale.ROOT) + " " + template);
                }
            }
            if (route.methods().contains(HttpMethod.GET) && !route.methods().contains(HttpMethod.HEAD)) {
                headless.add(template);
            }
        }
        TreeSet<String> documented = new TreeSet<>();
        document().path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m + " " + p.getKey())));

        assertThat(served).as("routes of the router").contains("post /api/v1/guards/batch", "get /api/v1/events",
                "get /openapi.json", "post /api/v1/guards/trustguard/validate");
        assertThat(documented).isEqualTo(served);
        // The document says every GET answers HEAD too; the router must keep that promise.
        assertThat(headless).isEmpty();
    }

    @Test
    void everyOperationIsComplete() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        TreeSet<String> ids = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + p.getKey();
            assertThat(op.getValue().path("operationId").asText()).as(where).isNotBlank();
            assertThat(ids.add(op.getValue().path("operationId").asText())).as("unique operationId " + where).isTrue();
            assertThat(op.getValue().path("responses").size()).as(where).isPositive();
            // /api/ needs the key; nothing else does.
            boolean open = op.getValue().path("security").isArray() && op.getValue().path("security").isEmpty();
            assertThat(open).as(where).isEqualTo(!p.getKey().startsWith("/api/"));
        }));
        // Every problem type a POST route documents goes to the one problem schema.
        assertThat(doc.at("/paths/~1api~1v1~1guards~1batch/post/responses/400/content/application~1problem+json"
                + "/schema/$ref").asText()).isEqualTo("schemas/http.schema.json#/$defs/problem");
    }

    private Router router() {
        GatewayConfig config = GatewayConfig.fromEnv(Env.of(Map.of()));
        GatewayServices services = new GatewayServices(config, null, null, null, null, null, null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), null, null,
                RotatingSecrets.fixed(Map.of()), null, null, null);
        HttpVerticle verticle = new HttpVerticle(services);
        verticle.init(vertx, vertx.getOrCreateContext());
        return verticle.router();
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(ApiDocs.DOCUMENT)) {
            assertThat(in).as(ApiDocs.DOCUMENT).isNotNull();
            return Json.mapper().readTree(in);
        }
    }
}
