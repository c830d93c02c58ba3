package dev.aiguardian.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.aiguardian.schemas.ServiceType;

/**
 * The original gateway's per-guard shortcut routes, each a {@code /process} call to its guard (see
 * {@link CallParser#alias}). HealthGuard had none.
 */
final class Aliases {
    static final Map<String, ServiceType> PATHS;

    static {
        Map<String, ServiceType> paths = new LinkedHashMap<>();
        paths.put("/api/v1/guards/tokenguard/optimize", ServiceType.TOKENGUARD);
        paths.put("/api/v1/guards/trustguard/validate", ServiceType.TRUSTGUARD);
        paths.put("/api/v1/guards/contextguard/analyze", ServiceType.CONTEXTGUARD);
        paths.put("/api/v1/guards/biasguard/detect", ServiceType.BIASGUARD);
        PATHS = java.util.Collections.unmodifiableMap(paths);
    }

    private Aliases() {
    }
}
