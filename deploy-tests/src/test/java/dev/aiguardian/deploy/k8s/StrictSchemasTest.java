package dev.aiguardian.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The validator itself: a misspelt or unknown field anywhere in an object is rejected, so a passing
 * {@link K8sManifestsTest} means something. Needs no kubectl.
 */
class StrictSchemasTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec:
                  containers:
                  - name: x
                    image: aiguardian:1
                    ports: [{name: http, containerPort: 8000}]
                    readinessProbe: {httpGet: {path: /health/ready, port: http}}
                    securityContext: {readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
                    resources: {limits: {cpu: "1", memory: 1Gi}}
            """;

    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: x}
            spec:
              scaleTargetRef: {name: x}
              maxReplicaCount: 6
              triggers:
              - type: kafka
                metadata: {bootstrapServers: "k:9092", consumerGroup: g, topic: t, lagThreshold: "50"}
            """;

    private static final String EXTERNAL_SECRET = """
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: x}
            spec:
              refreshInterval: 1h
              secretStoreRef: {kind: SecretStore, name: aws}
              target: {name: x, creationPolicy: Owner}
              data:
              - secretKey: SECRET_KEY
                remoteRef: {key: codeguardians-gateway/production, property: SECRET_KEY}
            """;

    private static List<String> violations(String yaml) {
        List<K8sObject> objects = K8sObject.parseAll(yaml, "test");
        assertThat(objects).hasSize(1);
        return StrictSchemas.violations(objects.get(0));
    }

    @Test
    void wellFormedObjectsPass() {
        assertThat(violations(DEPLOYMENT)).isEmpty();
        assertThat(violations(SCALED_OBJECT)).isEmpty();
        assertThat(violations(EXTERNAL_SECRET)).isEmpty();
    }

    @Test
    void aMisspeltFieldDeepInABuiltInKindIsRejected() {
        assertThat(violations(DEPLOYMENT.replace("readOnlyRootFilesystem", "readOnlyRootFileSystem")))
                .singleElement().asString().contains("readOnlyRootFileSystem");
        assertThat(violations(DEPLOYMENT.replace("readinessProbe", "readynessProbe")))
                .singleElement().asString().contains("readynessProbe");
        assertThat(violations(DEPLOYMENT.replace("containerPort", "containerport")))
                .singleElement().asString().contains("containerport");
        assertThat(violations(DEPLOYMENT.replace("metadata: {name: x}", "metadata: {name: x, label: {a: b}}")))
                .singleElement().asString().contains("label");
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        assertThat(violations(DEPLOYMENT.replace("  selector: {matchLabels: {app: x}}\n", ""))).isNotEmpty();
    }

    @Test
    void aMisspeltFieldOfACustomResourceIsRejected() {
        assertThat(violations(SCALED_OBJECT.replace("lagThreshold", "lagTreshold"))).isNotEmpty();
        assertThat(violations(SCALED_OBJECT.replace("maxReplicaCount", "maxReplicas"))).isNotEmpty();
        assertThat(violations(SCALED_OBJECT.replace("metadata: {name: x}", "metadata: {name: x, nmespace: y}")))
                .isNotEmpty();
        // KEDA's trigger metadata is a map of strings: an unquoted number is refused by the API server too.
        assertThat(violations(SCALED_OBJECT.replace("lagThreshold: \"50\"", "lagThreshold: 50"))).isNotEmpty();
        assertThat(violations(EXTERNAL_SECRET.replace("secretKey", "secretkey"))).isNotEmpty();
        assertThat(violations(EXTERNAL_SECRET.replace("creationPolicy: Owner", "creationPolicy: Owned")))
                .isNotEmpty();
    }

    @Test
    void aKindWithoutAModelIsRejectedRatherThanWavedThrough() {
        assertThat(violations("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\n"))
                .singleElement().asString().contains("no strict model");
    }
}
