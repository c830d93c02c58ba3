package dev.aiguardian.deploy.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscalerBehavior;

/**
 * Checks an object against the Kubernetes API schema with no tolerance for unknown or misspelt fields: built-in kinds
 * with the official Java client's models (their Gson validation throws on any field the OpenAPI schema does not
 * have, at every depth), custom resources (KEDA, External Secrets) with JSON Schemas of the subset we use.
 */
final class StrictSchemas {
    /** A model's {@code validateJsonElement}: throws on unknown fields, missing required ones, wrong shapes. */
    private interface TypedModel {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, TypedModel> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", V1Namespace::validateJsonElement),
            Map.entry("v1/ServiceAccount", V1ServiceAccount::validateJsonElement),
            Map.entry("v1/ConfigMap", V1ConfigMap::validateJsonElement),
            Map.entry("v1/Secret", V1Secret::validateJsonElement),
            Map.entry("v1/Service", V1Service::validateJsonElement),
            Map.entry("apps/v1/Deployment", V1Deployment::validateJsonElement),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet::validateJsonElement),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA_PREFIX = "https://aiguardian.dev/deploy/k8s/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(r -> r.mapPrefix(SCHEMA_PREFIX, "classpath:k8s/")));
    private static final Map<String, Schema> CUSTOM = Map.of(
            "keda.sh/v1alpha1/ScaledObject", schema("keda-scaledobject.schema.json"),
            "external-secrets.io/v1/ExternalSecret", schema("external-secret.schema.json"),
            "external-secrets.io/v1/SecretStore", schema("secret-store.schema.json"));

    private StrictSchemas() {
    }

    private static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of(SCHEMA_PREFIX + file));
    }

    /** What is wrong with {@code object}, one line each; empty when the API server would take every field of it. */
    static List<String> violations(K8sObject object) {
        List<String> problems = new ArrayList<>();
        TypedModel model = MODELS.get(object.type());
        Schema schema = CUSTOM.get(object.type());
        try {
            if (model != null) {
                model.validate(gson(object.body()));
            } else if (schema != null) {
                schema.validate(object.body()).forEach(e -> problems.add(object.id() + ": " + e));
                // The parts a custom resource shares with the built-in API: checked by the same typed models.
                V1ObjectMeta.validateJsonElement(gson(object.body().path("metadata")));
                JsonNode behavior = object.spec().path("advanced").path("horizontalPodAutoscalerConfig").path("behavior");
                if (!behavior.isMissingNode()) {
                    V2HorizontalPodAutoscalerBehavior.validateJsonElement(gson(behavior));
                }
            } else {
                problems.add(object.id() + ": no strict model or schema for " + object.type()
                        + "; add one to " + StrictSchemas.class.getSimpleName() + " before using this kind");
            }
        } catch (IOException | RuntimeException e) {
            problems.add(object.id() + ": " + e.getMessage());
        }
        return problems;
    }

    private static JsonElement gson(JsonNode node) {
        try {
            return JsonParser.parseString(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
