package dev.aiguardian.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The API's description: {@code GET /openapi.json} (OpenAPI 3.1, a resource of this jar) and
 * {@code GET /schemas/{file}}, the JSON Schemas of the {@code schemas} module that the document refers
 * to by relative {@code $ref} — served from the same files the gateway and the workers validate with,
 * so the document cannot drift from them. Neither needs a key: they describe, they hold no data.
 */
public final class ApiDocs {
    /** Where the document is, in this jar. */
    public static final String DOCUMENT = "openapi/openapi.json";
    private static final String SCHEMA_FOLDER = "jsonschema/";
    private static final Pattern SCHEMA_FILE = Pattern.compile("^[a-z0-9-]{1,64}\\.schema\\.json$");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private ApiDocs() {
    }

    public static void openapi(RoutingContext ctx) {
        send(ctx, "application/json", read(DOCUMENT));
    }

    /** A schema file by name; an unknown name falls through to the 404 problem. */
    public static void schema(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        byte[] bytes = file != null && SCHEMA_FILE.matcher(file).matches() ? read(SCHEMA_FOLDER + file) : null;
        if (bytes == null) {
            ctx.next();
            return;
        }
        send(ctx, "application/schema+json", bytes);
    }

    private static void send(RoutingContext ctx, String contentType, byte[] bytes) {
        ctx.response().putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("Cache-Control", "no-cache")
                .end(Buffer.buffer(bytes));
    }

    /** A resource's bytes, read once; null when there is none. */
    static byte[] read(String resource) {
        byte[] cached = CACHE.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            CACHE.put(resource, bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + " from the jar", e);
        }
    }
}
