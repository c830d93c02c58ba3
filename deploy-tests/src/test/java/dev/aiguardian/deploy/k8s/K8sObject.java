package dev.aiguardian.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** One Kubernetes object of a manifest stream, as the JSON tree the API server would receive. */
record K8sObject(String source, JsonNode body) {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every object of a multi-document YAML stream ({@code ---}-separated); empty documents are skipped. */
    static List<K8sObject> parseAll(String yaml, String source) {
        List<K8sObject> all = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    all.add(new K8sObject(source, doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the YAML of " + source, e);
        }
        return all;
    }

    String apiVersion() {
        return body.path("apiVersion").asText();
    }

    String kind() {
        return body.path("kind").asText();
    }

    /** apiVersion/kind, the key of the model or schema that checks this object. */
    String type() {
        return apiVersion() + "/" + kind();
    }

    String name() {
        return body.path("metadata").path("name").asText();
    }

    String namespace() {
        return body.path("metadata").path("namespace").asText(null);
    }

    JsonNode spec() {
        return body.path("spec");
    }

    /** For messages: {@code Deployment/aiguardian-gateway in overlays/prod}. */
    String id() {
        return kind() + "/" + name() + " in " + source;
    }
}
