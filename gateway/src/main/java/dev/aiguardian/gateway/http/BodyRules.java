package dev.aiguardian.gateway.http;

import java.util.Locale;
import java.util.Map;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * What a request body must be before it is read: JSON (RFC 8259: UTF-8), not compressed. Anything
 * else gets 415 saying what to send instead; without this check Vert.x would parse forms, or decode
 * the body with whatever charset the caller named.
 */
final class BodyRules implements Handler<RoutingContext> {
    static final String ACCEPTED = "application/json";
    private static final int MAX_ECHO = 100;

    @Override
    public void handle(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Content-Encoding");
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            refuse(ctx, "unsupported-content-encoding", "Unsupported Content-Encoding",
                    "Content-Encoding '" + echo(encoding) + "' is not supported; send the body uncompressed.");
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        // No Content-Type at all: read the body as JSON, as the original gateway did.
        if (contentType != null) {
            String[] parts = contentType.split(";", -1);
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!media.equals(ACCEPTED) && !(media.startsWith("application/") && media.endsWith("+json"))) {
                refuse(ctx, "unsupported-media-type", "Unsupported media type", "Content-Type '" + echo(contentType)
                        + "' is not supported; send the body as " + ACCEPTED + ".");
                return;
            }
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                String name = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).trim();
                if (eq > 0 && name.equalsIgnoreCase("charset")) {
                    String charset = parts[i].substring(eq + 1).trim().replace("\"", "");
                    if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                        refuse(ctx, "unsupported-charset", "Unsupported charset", "charset '" + echo(charset)
                                + "' is not supported: JSON bodies are UTF-8 (RFC 8259); send charset=utf-8 or none.");
                        return;
                    }
                }
            }
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, String slug, String title, String detail) {
        // RFC 9110 §15.5.16: say what would have been accepted.
        ctx.response().putHeader("Accept-Post", ACCEPTED);
        Problem.send(ctx, 415, slug, title, detail, Map.of("accepted", ACCEPTED));
    }

    private static String echo(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > MAX_ECHO ? printable.substring(0, MAX_ECHO) + "…" : printable;
    }
}
