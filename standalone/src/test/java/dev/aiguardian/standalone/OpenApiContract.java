package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks a real response against the gateway's own openapi.json: its status is documented for the
 * operation, its content type is one the response declares, and a JSON body is valid against the
 * declared schema (draft 2020-12, format assertions on). The document's relative {@code $ref}s point
 * at the gateway's {@code /schemas/}, which serves the schemas module's files; they are read here from
 * the same files on the class path.
 */
final class OpenApiContract {
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final String base;

    OpenApiContract(JsonNode document, int port) {
        this.document = document;
        this.base = "http://127.0.0.1:" + port + "/";
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaIdResolvers(r -> r.mapPrefix(base + "schemas/", "classpath:jsonschema/")
                        .mapPrefix("https://aiguardian.dev/schemas/", "classpath:jsonschema/"))
                .schemaRegistryConfig(new SchemaRegistryConfig.Builder().formatAssertionsEnabled(true).build()));
    }

    /** Asserts that {@code reply} to {@code method template} is what the document promises. */
    void check(String method, String template, Http.Reply reply) {
        String where = method + " " + template + " → " + reply.status();
        JsonNode op = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(op.isObject()).as("documented: " + method + " " + template).isTrue();
        JsonNode response = op.path("responses").path(Integer.toString(reply.status()));
        assertThat(response.isObject()).as(where + " is a documented status; body " + reply.body()).isTrue();
        String type = reply.contentType().split(";")[0].trim();
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            assertThat(reply.body()).as(where + " has no body").isEmpty();
            return;
        }
        assertThat(content.has(type)).as(where + ": content type " + type + " is declared among " + content).isTrue();
        if (type.equals("application/json") || type.endsWith("+json")) {
            List<String> violations = violations(content.path(type).path("schema"), reply.json());
            assertThat(violations).as(where + ": " + reply.body()).isEmpty();
        }
    }

    /** The violations of {@code schema} (a schema object of the document) by {@code value}. */
    List<String> violations(JsonNode schema, JsonNode value) {
        Schema s = registry.getSchema(SchemaLocation.of(base + "openapi.json"), schema);
        return s.validate(value).stream().map(Error::toString).toList();
    }

    /** The schema of one of the HTTP bodies (http.schema.json's $defs), for what is not a whole response. */
    List<String> violationsOfDef(String def, JsonNode value) {
        return violations(dev.aiguardian.schemas.Json.mapper().createObjectNode()
                .put("$ref", "schemas/http.schema.json#/$defs/" + def), value);
    }
}
