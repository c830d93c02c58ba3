package dev.aiguardian.deploy.k8s;

import dev.aiguardian.deploy.Tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.guards.guard.GuardCatalog;
import dev.aiguardian.kafka.ConsumerGroups;
import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * Every overlay of deploy/k8s, rendered offline with {@code kubectl kustomize}: each object strictly valid against
 * the Kubernetes API schema (or its custom resource's schema), and the rules of this deployment — probes, resources
 * and a locked-down security context on every container, a ScaledObject on the right consumer group for every guard's
 * workers, every reference resolving — hold in each.
 */
class K8sManifestsTest {
    private static final Path ROOT = Tools.ROOT;
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final Path TEMPLATE = K8S.resolve("secrets/aiguardian-secrets.template.yaml");
    private static final String SECRET_NAME = "aiguardian-secrets";
    /** ProcessRunner ends a stopping process after 45 s: the pod must be allowed that long, plus its preStop pause. */
    private static final int PROCESS_STOP_CAP_SECONDS = 45;
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    private static Path kubectl;
    private static final Map<String, List<K8sObject>> RENDERED = new HashMap<>();

    @BeforeAll
    static void render() {
        // Without kubectl each test fails (CI) or skips with the reason, rather than the class vanishing silently.
        kubectl = Kubectl.find().orElse(null);
        if (kubectl == null) {
            return;
        }
        for (String overlay : overlays().toList()) {
            RENDERED.put(overlay, K8sObject.parseAll(Kubectl.kustomize(kubectl, K8S.resolve(overlay)), overlay));
        }
    }

    static Stream<String> overlays() {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> "overlays/" + d.getFileName()).sorted().toList();
            assertThat(names).as("overlays under deploy/k8s/overlays").contains("overlays/dev", "overlays/prod");
            return names.stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- the API schema

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsStrictlyValid(String overlay) {
        List<String> problems = new ArrayList<>();
        objects(overlay).forEach(o -> problems.addAll(StrictSchemas.violations(o)));
        assertThat(problems).isEmpty();
        assertThat(objects(overlay)).extracting(K8sObject::kind)
                .contains("Deployment", "StatefulSet", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                        "PodDisruptionBudget", "ScaledObject");
    }

    @Test
    void thePlainSecretTemplateIsStrictlyValidAndHoldsWhatTheGatewayReads() throws IOException {
        List<K8sObject> template = K8sObject.parseAll(Files.readString(TEMPLATE), K8S.relativize(TEMPLATE).toString());
        assertThat(template).singleElement().satisfies(s -> {
            assertThat(StrictSchemas.violations(s)).isEmpty();
            assertThat(s.name()).isEqualTo(SECRET_NAME);
            assertThat(fieldNames(s.body().path("stringData"))).isEqualTo(secretKeysRead("overlays/prod"));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void renderingIsDeterministic(String overlay) {
        assertThat(Kubectl.kustomize(kubectl(), K8S.resolve(overlay)))
                .isEqualTo(Kubectl.kustomize(kubectl(), K8S.resolve(overlay)));
    }

    @Test
    void everyFileUnderDeployK8sIsRenderedOrIsTheTemplate() throws IOException {
        Set<Path> referenced = new TreeSet<>();
        referenced.add(TEMPLATE);
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path k : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                referenced.add(k);
                JsonNode kustomization = K8sObject.YAML.readTree(k.toFile());
                for (String field : List.of("resources", "patchesStrategicMerge")) {
                    kustomization.path(field).forEach(r -> referenced.add(k.resolveSibling(r.asText()).normalize()));
                }
                kustomization.path("patchesJson6902")
                        .forEach(p -> referenced.add(k.resolveSibling(p.path("path").asText()).normalize()));
            }
        }
        try (Stream<Path> files = Files.walk(K8S)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::normalize).toList())
                    .as("files under deploy/k8s that no kustomization uses (so nothing validates them)")
                    .allMatch(referenced::contains);
        }
    }

    // ------------------------------------------------------------------------------------------ containers, pods

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasProbesResourcesAndALockedDownSecurityContext(String overlay) {
        int uid = imageUid();
        List<String> problems = new ArrayList<>();
        for (K8sObject w : workloads(overlay)) {
            JsonNode pod = w.spec().path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            require(problems, w, "pod runAsNonRoot", podSecurity.path("runAsNonRoot").asBoolean(false));
            require(problems, w, "pod runAsUser " + uid + " (the image's USER)", podSecurity.path("runAsUser").asInt() == uid);
            require(problems, w, "pod fsGroup " + uid, podSecurity.path("fsGroup").asInt() == uid);
            require(problems, w, "pod seccomp RuntimeDefault",
                    "RuntimeDefault".equals(podSecurity.path("seccompProfile").path("type").asText()));
            require(problems, w, "no service account token", !pod.path("automountServiceAccountToken").asBoolean(true));
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            w.spec().path("volumeClaimTemplates").forEach(v -> volumes.put(v.path("metadata").path("name").asText(), v));
            for (JsonNode c : containers(pod)) {
                String what = "container " + c.path("name").asText() + ": ";
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    require(problems, w, what + probe, c.has(probe));
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        require(problems, w, what + "resources." + bound + "." + resource,
                                c.path("resources").path(bound).has(resource));
                    }
                }
                JsonNode sc = c.path("securityContext");
                require(problems, w, what + "runAsNonRoot", sc.path("runAsNonRoot").asBoolean(false));
                require(problems, w, what + "runAsUser " + uid, sc.path("runAsUser").asInt(uid) == uid);
                require(problems, w, what + "allowPrivilegeEscalation false",
                        sc.has("allowPrivilegeEscalation") && !sc.path("allowPrivilegeEscalation").asBoolean(true));
                require(problems, w, what + "readOnlyRootFilesystem", sc.path("readOnlyRootFilesystem").asBoolean(false));
                require(problems, w, what + "capabilities drop [ALL]",
                        sc.path("capabilities").path("drop").toString().equals("[\"ALL\"]")
                                && !sc.path("capabilities").has("add"));
                require(problems, w, what + "seccomp RuntimeDefault",
                        "RuntimeDefault".equals(sc.path("seccompProfile").path("type").asText("RuntimeDefault")));
                // A read-only root: the JVM, Netty and RocksDB write to /tmp, the processes' work dir is /data.
                for (String writable : List.of("/tmp", "/data")) {
                    Optional<JsonNode> mount = stream(c.path("volumeMounts"))
                            .filter(m -> m.path("mountPath").asText().equals(writable)).findFirst();
                    require(problems, w, what + writable + " mounted from a volume",
                            mount.isPresent() && volumes.containsKey(mount.get().path("name").asText())
                                    && !mount.get().path("readOnly").asBoolean(false));
                }
                String image = c.path("image").asText();
                require(problems, w, what + "image " + image + " with a fixed tag",
                        image.matches(".+:[^:/]+$") && !image.endsWith(":latest"));
            }
            int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
            int preStop = containers(pod).stream().mapToInt(K8sManifestsTest::preStopSleepSeconds).max().orElse(0);
            require(problems, w, "terminationGracePeriodSeconds " + grace + " > preStop " + preStop + " s + the "
                    + PROCESS_STOP_CAP_SECONDS + " s a process may take to stop", grace > preStop + PROCESS_STOP_CAP_SECONDS);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyWorkloadHasADisruptionBudgetAndEveryServiceReachesPorts(String overlay) {
        List<String> problems = new ArrayList<>();
        List<K8sObject> pdbs = ofKind(overlay, "PodDisruptionBudget");
        for (K8sObject w : workloads(overlay)) {
            JsonNode labels = w.spec().path("template").path("metadata").path("labels");
            require(problems, w, "a PodDisruptionBudget selecting its pods", pdbs.stream()
                    .anyMatch(p -> selects(p.spec().path("selector").path("matchLabels"), labels)));
            require(problems, w, "its selector matches its pod labels",
                    selects(w.spec().path("selector").path("matchLabels"), labels));
        }
        for (K8sObject s : ofKind(overlay, "Service")) {
            List<K8sObject> backends = workloads(overlay).stream().filter(w -> selects(s.spec().path("selector"),
                    w.spec().path("template").path("metadata").path("labels"))).toList();
            require(problems, s, "selects exactly one workload", backends.size() == 1);
            for (JsonNode port : s.spec().path("ports")) {
                String target = port.path("targetPort").asText();
                require(problems, s, "targetPort " + target + " is a container port", backends.stream()
                        .flatMap(b -> containers(b.spec().path("template").path("spec")).stream())
                        .flatMap(c -> stream(c.path("ports")))
                        .anyMatch(p -> p.path("name").asText().equals(target)
                                || p.path("containerPort").asText().equals(target)));
            }
        }
        for (K8sObject w : ofKind(overlay, "StatefulSet")) {
            require(problems, w, "its serviceName is a headless Service of this rendering",
                    ofKind(overlay, "Service").stream().anyMatch(s -> s.name().equals(w.spec().path("serviceName").asText())));
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsInTheOverlaysNamespace(String overlay) {
        List<K8sObject> namespaces = ofKind(overlay, "Namespace");
        assertThat(namespaces).as("one Namespace object in " + overlay).hasSize(1);
        String namespace = namespaces.get(0).name();
        assertThat(objects(overlay).stream().filter(o -> !o.kind().equals("Namespace"))
                .filter(o -> !namespace.equals(o.namespace())).map(K8sObject::id))
                .as("objects outside namespace " + namespace).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedConfigMapAndRequiredSecretExists(String overlay) {
        Set<String> configMaps = names(overlay, "ConfigMap");
        Set<String> secrets = names(overlay, "Secret");
        ofKind(overlay, "ExternalSecret").forEach(e -> secrets.add(e.spec().path("target").path("name").asText()));
        List<String> problems = new ArrayList<>();
        for (K8sObject w : workloads(overlay)) {
            for (JsonNode c : containers(w.spec().path("template").path("spec"))) {
                for (JsonNode from : c.path("envFrom")) {
                    check(problems, w, from.path("configMapRef"), configMaps, "ConfigMap");
                    check(problems, w, from.path("secretRef"), secrets, "Secret");
                }
                for (JsonNode env : c.path("env")) {
                    check(problems, w, env.path("valueFrom").path("configMapKeyRef"), configMaps, "ConfigMap");
                    check(problems, w, env.path("valueFrom").path("secretKeyRef"), secrets, "Secret");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theExternalSecretFillsExactlyTheKeysTheGatewayReadsFromTheGuidesSecret() {
        String overlay = "overlays/prod-external-secrets";
        assertThat(ofKind(overlay, "ExternalSecret")).singleElement().satisfies(e -> {
            assertThat(e.spec().path("target").path("name").asText()).isEqualTo(SECRET_NAME);
            Set<String> keys = new TreeSet<>();
            for (JsonNode d : e.spec().path("data")) {
                keys.add(d.path("secretKey").asText());
                assertThat(d.path("remoteRef").path("key").asText()).isEqualTo("codeguardians-gateway/production");
                assertThat(d.path("remoteRef").path("property").asText()).isEqualTo(d.path("secretKey").asText());
            }
            assertThat(keys).isEqualTo(secretKeysRead(overlay));
            assertThat(names(overlay, "SecretStore")).contains(e.spec().path("secretStoreRef").path("name").asText());
        });
    }

    // ------------------------------------------------------------------------------------------------- the roles

    @ParameterizedTest
    @MethodSource("overlays")
    void everyGuardIsServedAndEachWorkerScalesOnItsOwnConsumerGroup(String overlay) {
        Map<String, String> common = configMap(overlay, "aiguardian-common");
        int partitions = Integer.parseInt(common.get("KAFKA_REQUEST_PARTITIONS"));
        Set<ServiceType> hosted = GuardCatalog.standard().available();
        List<K8sObject> workers = workloads(overlay).stream().filter(w -> "workers".equals(env(w, "AIGUARDIAN_ROLE"))).toList();
        List<K8sObject> scaled = ofKind(overlay, "ScaledObject");
        assertThat(workers).extracting(w -> env(w, "GUARDS"))
                .containsExactlyInAnyOrderElementsOf(hosted.stream().map(ServiceType::wireName).toList());
        assertThat(scaled).hasSameSizeAs(workers);
        for (K8sObject w : workers) {
            ServiceType guard = ServiceType.fromWire(env(w, "GUARDS"));
            assertThat(w.spec().has("replicas")).as(w.id() + ": replicas are KEDA's to set").isFalse();
            assertThat(scaled).as("the ScaledObject of " + w.id())
                    .filteredOn(s -> s.spec().path("scaleTargetRef").path("name").asText().equals(w.name()))
                    .singleElement().satisfies(s -> {
                        assertThat(s.spec().path("scaleTargetRef").path("kind").asText("Deployment")).isEqualTo(w.kind());
                        assertThat(s.spec().path("minReplicaCount").asInt(0)).as(s.id() + " minReplicaCount")
                                .isGreaterThanOrEqualTo(1);
                        assertThat(s.spec().path("maxReplicaCount").asInt(100)).as(s.id() + " maxReplicaCount")
                                .isBetween(s.spec().path("minReplicaCount").asInt(), partitions);
                        // One trigger per topic the workers read: the main topic and, where there is one, the
                        // priority lane (whose lag alone must scale them too).
                        List<String> topics = Topics.hasPriorityLane(guard)
                                ? List.of(Topics.requests(guard), Topics.priorityRequests(guard))
                                : List.of(Topics.requests(guard));
                        assertThat(s.spec().path("triggers")).extracting(t -> t.path("metadata").path("topic").asText())
                                .as(s.id() + " trigger topics").containsExactlyElementsOf(topics);
                        assertThat(s.spec().path("triggers")).allSatisfy(t -> {
                            assertThat(t.path("type").asText()).isEqualTo("kafka");
                            JsonNode m = t.path("metadata");
                            // Each topic's lag is read in the group that consumes it: the lane has a group of its own.
                            assertThat(m.path("consumerGroup").asText()).as(s.id() + ": group of " + m.path("topic").asText())
                                    .isEqualTo(m.path("topic").asText().equals(Topics.priorityRequests(guard))
                                            ? ConsumerGroups.workerLane(guard) : ConsumerGroups.worker(guard));
                            assertThat(m.path("bootstrapServers").asText()).as(s.id() + ": KEDA's Kafka address")
                                    .isEqualTo(common.get("KAFKA_BOOTSTRAP_SERVERS"));
                            assertThat(Integer.parseInt(m.path("lagThreshold").asText())).isPositive();
                        });
                    });
        }
        // contextguard has no workers: the context Streams application serves it (ConsumerGroups.serving).
        for (ServiceType guard : ServiceType.values()) {
            if (!hosted.contains(guard)) {
                assertThat(ConsumerGroups.serving(guard)).isEqualTo(StreamsApplication.CONTEXT.applicationId());
                assertThat(workloads(overlay)).as(guard + " is served by a topology running the context application")
                        .anyMatch(w -> "topology".equals(env(w, "AIGUARDIAN_ROLE"))
                                && List.of(env(w, "TOPOLOGY_APPS").split(",")).contains(StreamsApplication.CONTEXT.shortName()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theWorkerDeploymentsDifferOnlyInTheirGuard(String overlay) {
        List<String> shapes = workloads(overlay).stream().filter(w -> "workers".equals(env(w, "AIGUARDIAN_ROLE")))
                .map(w -> w.body().toString().replace(env(w, "GUARDS"), "GUARD")).distinct().toList();
        assertThat(shapes).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGatewayIsProbedOnItsHealthRoutesAndScaledByAnHpa(String overlay) {
        K8sObject gateway = workloads(overlay).stream().filter(w -> "gateway".equals(env(w, "AIGUARDIAN_ROLE")))
                .reduce((a, b) -> { throw new AssertionError("two gateway workloads"); }).orElseThrow();
        JsonNode c = containers(gateway.spec().path("template").path("spec")).get(0);
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(gateway.spec().has("replicas")).as("replicas are the HPA's to set").isFalse();
        assertThat(ofKind(overlay, "HorizontalPodAutoscaler")).singleElement().satisfies(h -> {
            assertThat(h.apiVersion()).isEqualTo("autoscaling/v2");
            assertThat(h.spec().path("scaleTargetRef").path("name").asText()).isEqualTo(gateway.name());
            assertThat(h.spec().path("maxReplicas").asInt()).isGreaterThanOrEqualTo(h.spec().path("minReplicas").asInt(1));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theTopologyIsAStatefulSetWhosePodsAreStaticMembersWithStateOnAVolume(String overlay) {
        assertThat(workloads(overlay)).filteredOn(w -> "topology".equals(env(w, "AIGUARDIAN_ROLE"))).singleElement()
                .satisfies(t -> {
                    assertThat(t.kind()).isEqualTo("StatefulSet");
                    JsonNode c = containers(t.spec().path("template").path("spec")).get(0);
                    assertThat(podNameVariables(c)).as("KAFKA_STATIC_MEMBER_ID is the pod's name")
                            .contains("KAFKA_STATIC_MEMBER_ID");
                    String stateDir = env(t, "STREAMS_STATE_DIR");
                    Set<String> claims = new TreeSet<>();
                    t.spec().path("volumeClaimTemplates").forEach(v -> claims.add(v.path("metadata").path("name").asText()));
                    assertThat(stream(c.path("volumeMounts")))
                            .as("a volume claim mounted over STREAMS_STATE_DIR=" + stateDir)
                            .anyMatch(m -> claims.contains(m.path("name").asText())
                                    && (stateDir + "/").startsWith(m.path("mountPath").asText() + "/"));
                });
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static List<K8sObject> objects(String overlay) {
        kubectl();
        return RENDERED.get(overlay);
    }

    private static Path kubectl() {
        return kubectl != null ? kubectl : Kubectl.require();
    }

    private static List<K8sObject> ofKind(String overlay, String kind) {
        return objects(overlay).stream().filter(o -> o.kind().equals(kind)).toList();
    }

    private static Set<String> names(String overlay, String kind) {
        Set<String> names = new TreeSet<>();
        ofKind(overlay, kind).forEach(o -> names.add(o.name()));
        return names;
    }

    private static List<K8sObject> workloads(String overlay) {
        return objects(overlay).stream().filter(o -> WORKLOADS.contains(o.kind())).toList();
    }

    private static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("initContainers").forEach(all::add);
        podSpec.path("containers").forEach(all::add);
        return all;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** The literal value of {@code name} in the workload's first container, or null. */
    private static String env(K8sObject workload, String name) {
        JsonNode c = containers(workload.spec().path("template").path("spec")).get(0);
        return stream(c.path("env")).filter(e -> e.path("name").asText().equals(name))
                .map(e -> e.path("value").asText(null)).findFirst().orElse(null);
    }

    /** The variables set to the pod's name: directly from the downward API or through $(VAR) of such a variable. */
    private static Set<String> podNameVariables(JsonNode container) {
        Set<String> vars = new TreeSet<>();
        for (JsonNode e : container.path("env")) {
            if ("metadata.name".equals(e.path("valueFrom").path("fieldRef").path("fieldPath").asText())) {
                vars.add(e.path("name").asText());
            }
        }
        for (JsonNode e : container.path("env")) {
            Matcher m = Pattern.compile("^\\$\\((\\w+)\\)$").matcher(e.path("value").asText());
            if (m.matches() && vars.contains(m.group(1))) {
                vars.add(e.path("name").asText());
            }
        }
        return vars;
    }

    private static int preStopSleepSeconds(JsonNode container) {
        JsonNode command = container.path("lifecycle").path("preStop").path("exec").path("command");
        if (command.size() == 2 && command.get(0).asText().equals("sleep")) {
            return Integer.parseInt(command.get(1).asText());
        }
        return 0;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> configMap(String overlay, String prefix) {
        // Generated ConfigMaps carry a content hash after their name.
        List<K8sObject> found = ofKind(overlay, "ConfigMap").stream()
                .filter(c -> c.name().equals(prefix) || c.name().matches(Pattern.quote(prefix) + "-[a-z0-9]{10}")).toList();
        assertThat(found).as("ConfigMap " + prefix + " in " + overlay).hasSize(1);
        Map<String, String> data = new HashMap<>();
        found.get(0).body().path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** The keys of aiguardian-secrets that some container reads (secretKeyRef). */
    private static Set<String> secretKeysRead(String overlay) {
        Set<String> keys = new TreeSet<>();
        for (K8sObject w : workloads(overlay)) {
            for (JsonNode c : containers(w.spec().path("template").path("spec"))) {
                for (JsonNode e : c.path("env")) {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (SECRET_NAME.equals(ref.path("name").asText())) {
                        keys.add(ref.path("key").asText());
                    }
                }
            }
        }
        assertThat(keys).as("keys of " + SECRET_NAME + " read in " + overlay).isNotEmpty();
        return keys;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A ConfigMap or Secret reference that must resolve unless it says {@code optional: true}. */
    private static void check(List<String> problems, K8sObject w, JsonNode ref, Set<String> existing, String kind) {
        if (ref.isMissingNode() || ref.path("optional").asBoolean(false)) {
            return;
        }
        require(problems, w, kind + " " + ref.path("name").asText() + " exists", existing.contains(ref.path("name").asText()));
    }

    private static void require(List<String> problems, K8sObject o, String what, boolean ok) {
        if (!ok) {
            problems.add(o.id() + ": " + what);
        }
    }

    /** The uid the image runs as: the Dockerfile's {@code USER}, the one place it is written. */
    private static int imageUid() {
        try {
            Matcher m = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(Files.readString(ROOT.resolve("Dockerfile")));
            assertThat(m.find()).as("a numeric USER in the Dockerfile").isTrue();
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
