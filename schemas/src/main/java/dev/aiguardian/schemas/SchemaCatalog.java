package dev.aiguardian.schemas;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/** The JSON Schemas of every message, loaded from this module's {@code jsonschema/} folder. */
public final class SchemaCatalog {
    private static final String ID_PREFIX = "https://aiguardian.dev/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    // $ids resolve to the files shipped in this jar: nothing is fetched over the network.
                    .schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:jsonschema/"))
                    .schemaRegistryConfig(new SchemaRegistryConfig.Builder().formatAssertionsEnabled(true).build()));

    public static final SchemaCatalog GUARD_REQUEST = new SchemaCatalog("guard-request.schema.json");
    public static final SchemaCatalog GUARD_RESULT = new SchemaCatalog("guard-result.schema.json");
    public static final SchemaCatalog HEARTBEAT = new SchemaCatalog("heartbeat.schema.json");
    public static final SchemaCatalog PIPELINE_REQUEST = new SchemaCatalog("pipeline-request.schema.json");
    public static final SchemaCatalog USAGE_EVENT = new SchemaCatalog("usage-event.schema.json");
    public static final SchemaCatalog USAGE_TOTALS = new SchemaCatalog("usage-totals.schema.json");

    private final String file;
    private final Schema schema;

    private SchemaCatalog(String file) {
        this.file = file;
        this.schema = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + file));
    }

    /** The violations of this schema by {@code document}, one readable line each; empty when valid. */
    public List<String> violations(JsonNode document) {
        List<Error> errors = schema.validate(document);
        return errors.stream().map(Error::toString).collect(Collectors.toUnmodifiableList());
    }

    public String file() {
        return file;
    }
}
