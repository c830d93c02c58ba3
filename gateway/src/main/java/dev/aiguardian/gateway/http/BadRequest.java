package dev.aiguardian.gateway.http;

import java.util.Map;

/** A request the gateway will not accept, with what the caller should change. */
final class BadRequest extends RuntimeException {
    final int status;
    final String slug;
    final String title;
    final Map<String, ?> extensions;

    BadRequest(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    BadRequest(int status, String slug, String title, String detail, Map<String, ?> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions;
    }
}
