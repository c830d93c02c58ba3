package dev.aiguardian.deploy.ecs;

import dev.aiguardian.deploy.Tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.aiguardian.schemas.ServiceType;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * deploy/ecs: the committed files are exactly what services.json generates (run with {@code -Decs.write=true} to
 * rewrite them), every one fits the AWS SDK's model of its request, and the task definitions keep the rules of
 * docs/deploy-aws.md (Fargate, read-only root, non-root user, secrets by reference, logs, health, stop time).
 */
class EcsDefinitionsTest {
    static final Path ROOT = Tools.ROOT;
    static final Path ECS = ROOT.resolve("deploy/ecs");
    static final JsonNode SOURCE = EcsDefinitions.read(ECS.resolve(EcsDefinitions.SOURCE));
    /** Keys that must reach a container only through `secrets` (by reference), never as a plain value. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "SECRET_KEY|DATABASE_URL|REDIS_URL|UNIFIED_API_KEY|WEBHOOK_SECRET|API_KEYS|.*PASSWORD.*|.*JAAS.*");
    /** Fargate's task sizes: cpu units to the memory (MiB) allowed with them. */
    static final Map<String, int[]> FARGATE_MEMORY = Map.of(
            "256", new int[] {512, 1024, 2048},
            "512", range(1024, 4096), "1024", range(2048, 8192), "2048", range(4096, 16384), "4096", range(8192, 30720));

    /** {@code -Decs.write=true}: rewrite the generated files first (before any test reads them). */
    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("ecs.write")) {
            EcsDefinitions.write(ECS, EcsDefinitions.generate(ECS));
        }
    }

    @Test
    void committedFilesAreWhatTheSourceGenerates() throws IOException {
        Map<String, String> generated = EcsDefinitions.generate(ECS);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> f : generated.entrySet()) {
            Path committed = ECS.resolve(f.getKey());
            if (!Files.exists(committed) || !Files.readString(committed).equals(f.getValue())) {
                stale.add(f.getKey());
            }
        }
        Set<String> extra = new TreeSet<>();
        for (String dir : List.of("task-definitions", "services")) {
            try (Stream<Path> files = Files.list(ECS.resolve(dir))) {
                files.map(p -> dir + "/" + p.getFileName()).filter(p -> !generated.containsKey(p)).forEach(extra::add);
            }
        }
        assertThat(stale).as("deploy/ecs files that differ from what services.json generates; regenerate with "
                + "-Decs.write=true (see services.json)").isEmpty();
        assertThat(extra).as("files in deploy/ecs that services.json no longer generates").isEmpty();
        assertThat(generated).hasSize(3 * EcsDefinitions.serviceNames(SOURCE).size());
    }

    static Stream<String> services() {
        return EcsDefinitions.serviceNames(SOURCE).stream();
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyRequestFitsTheSdkModel(String service) {
        assertThat(SdkModelCheck.check(file("task-definitions/" + service + ".json"),
                RegisterTaskDefinitionRequest::builder)).as("task-definitions/%s.json", service).isEmpty();
        assertThat(SdkModelCheck.check(file("services/" + service + ".create.json"), CreateServiceRequest::builder))
                .as("services/%s.create.json", service).isEmpty();
        assertThat(SdkModelCheck.check(file("services/" + service + ".update.json"), UpdateServiceRequest::builder))
                .as("services/%s.update.json", service).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void taskDefinitionKeepsTheRules(String service) {
        JsonNode td = file("task-definitions/" + service + ".json");
        String family = EcsDefinitions.family(SOURCE, service);
        assertThat(td.get("family").asText()).isEqualTo(family);
        assertThat(td.get("networkMode").asText()).isEqualTo("awsvpc");
        assertThat(td.get("requiresCompatibilities")).extracting(JsonNode::asText).containsExactly("FARGATE");
        int[] allowed = FARGATE_MEMORY.get(td.get("cpu").asText());
        assertThat(allowed).as("cpu %s is a Fargate size", td.get("cpu")).isNotNull();
        assertThat(allowed).as("memory with cpu %s", td.get("cpu")).contains(Integer.parseInt(td.get("memory").asText()));
        assertThat(td.get("executionRoleArn").asText()).startsWith("arn:aws:iam::${AWS_ACCOUNT_ID}:role/");

        assertThat(td.get("containerDefinitions")).hasSize(1);
        JsonNode c = td.get("containerDefinitions").get(0);
        assertThat(c.get("essential").asBoolean()).isTrue();
        assertThat(c.get("readonlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.get("user").asText()).as("the image's non-root uid").isEqualTo("10001:10001");
        assertThat(c.get("linuxParameters").at("/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
        // The process ends a stop itself after 45 s (ProcessRunner); ECS must not SIGKILL it first, and caps at 120.
        assertThat(c.get("stopTimeout").asInt()).isBetween(46, 120);
        assertThat(c.at("/healthCheck/command")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(EcsDefinitions.HEALTH_COMMAND);
        assertThat(c.at("/healthCheck/startPeriod").asInt()).isBetween(0, 300);
        assertThat(c.at("/logConfiguration/logDriver").asText()).isEqualTo("awslogs");
        assertThat(c.at("/logConfiguration/options/awslogs-group").asText()).isEqualTo("/ecs/" + family);

        // Writable paths: only declared volumes, and the JVM's temporary folder on one of them.
        Set<String> volumes = new HashSet<>();
        td.get("volumes").forEach(v -> volumes.add(v.get("name").asText()));
        Set<String> writable = new HashSet<>();
        c.get("mountPoints").forEach(m -> {
            assertThat(volumes).contains(m.get("sourceVolume").asText());
            writable.add(m.get("containerPath").asText());
        });
        Map<String, String> env = env(c);
        assertThat(writable).contains(EcsDefinitions.DATA_PATH);
        assertThat(env.get("JAVA_OPTS")).contains("-Djava.io.tmpdir=" + EcsDefinitions.DATA_PATH);
        if (env.containsKey("STREAMS_STATE_DIR")) {
            assertThat(env.get("STREAMS_STATE_DIR")).startsWith(EcsDefinitions.DATA_PATH + "/");
        }

        // Secrets: by reference to a key of the one secret, never also (or instead) as a plain value.
        Set<String> secretNames = new HashSet<>();
        if (c.has("secrets")) {
            c.get("secrets").forEach(s -> {
                secretNames.add(s.get("name").asText());
                assertThat(s.get("valueFrom").asText()).isEqualTo("${SECRET_ARN}:" + s.get("name").asText() + "::");
            });
        }
        assertThat(env.keySet()).filteredOn(secretNames::contains).as("both a secret and a plain value").isEmpty();
        assertThat(env.keySet()).filteredOn(k -> SECRET_NAME.matcher(k).matches())
                .as("secret values in the plain environment").isEmpty();
        assertThat(env.get("AIGUARDIAN_ROLE")).isIn("gateway", "workers", "topology");
        assertThat(env).containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    /** A misspelt variable is not an SDK problem but still a broken deployment: every name must be documented. */
    @ParameterizedTest
    @MethodSource("services")
    void environmentNamesAreDocumentedSettings(String service) throws IOException {
        Set<String> documented = documentedSettings();
        JsonNode c = file("task-definitions/" + service + ".json").get("containerDefinitions").get(0);
        Set<String> names = new TreeSet<>(env(c).keySet());
        if (c.has("secrets")) {
            c.get("secrets").forEach(s -> names.add(s.get("name").asText()));
        }
        assertThat(names).as("settings not in README.md (or docs/aws-secrets.md)").isSubsetOf(documented);
    }

    @Test
    void everyGuardHasAServiceThatHostsIt() {
        Set<String> hosted = new TreeSet<>();
        for (String service : EcsDefinitions.serviceNames(SOURCE)) {
            Map<String, String> env = env(file("task-definitions/" + service + ".json").get("containerDefinitions").get(0));
            if ("workers".equals(env.get("AIGUARDIAN_ROLE"))) {
                assertThat(env.get("GUARDS")).as("%s: GUARDS", service).isNotBlank();
                hosted.addAll(List.of(env.get("GUARDS").split(",")));
            }
            // contextguard is a Kafka Streams application, run by the topology role (TOPOLOGY_APPS=context).
            if ("topology".equals(env.get("AIGUARDIAN_ROLE")) && List.of(env.get("TOPOLOGY_APPS").split(",")).contains("context")) {
                hosted.add(ServiceType.CONTEXTGUARD.wireName());
            }
        }
        assertThat(hosted).containsExactlyInAnyOrderElementsOf(ServiceType.wireNames());
        assertThat(EcsDefinitions.serviceNames(SOURCE)).contains("gateway");
    }

    @ParameterizedTest
    @MethodSource("services")
    void servicesDeployWithRollbackAndKeepCapacity(String service) {
        for (String kind : List.of("create", "update")) {
            JsonNode s = file("services/" + service + "." + kind + ".json");
            assertThat(s.at("/deploymentConfiguration/deploymentCircuitBreaker/enable").asBoolean()).isTrue();
            assertThat(s.at("/deploymentConfiguration/deploymentCircuitBreaker/rollback").asBoolean()).isTrue();
            assertThat(s.at("/deploymentConfiguration/minimumHealthyPercent").asInt()).isEqualTo(100);
            assertThat(s.at("/deploymentConfiguration/maximumPercent").asInt()).isEqualTo(200);
            assertThat(s.at("/networkConfiguration/awsvpcConfiguration/assignPublicIp").asText()).isEqualTo("DISABLED");
            assertThat(s.get("taskDefinition").asText()).isEqualTo("${TASK_DEFINITION}");
        }
        JsonNode create = file("services/" + service + ".create.json");
        assertThat(create.get("serviceName").asText()).isEqualTo(EcsDefinitions.family(SOURCE, service));
        assertThat(create.get("desiredCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(file("services/" + service + ".update.json").has("desiredCount"))
                .as("a deployment must not reset the scale an operator chose").isFalse();
        if (service.equals("gateway")) {
            assertThat(create.at("/loadBalancers/0/containerPort").asInt()).isEqualTo(8000);
            assertThat(create.at("/loadBalancers/0/containerName").asText()).isEqualTo("gateway");
        }
    }

    @Test
    void iamPoliciesGrantOnlyTheSecretAndTrustOnlyEcsTasks() {
        JsonNode secrets = EcsDefinitions.read(ECS.resolve("iam/secrets-policy.json"));
        assertThat(secrets.at("/Statement")).hasSize(1);
        assertThat(secrets.at("/Statement/0/Action")).extracting(JsonNode::asText)
                .containsExactly("secretsmanager:GetSecretValue");
        assertThat(secrets.at("/Statement/0/Resource").asText())
                .isEqualTo("arn:aws:secretsmanager:${AWS_REGION}:${AWS_ACCOUNT_ID}:secret:${AWS_SECRETS_NAME}-??????");
        JsonNode trust = EcsDefinitions.read(ECS.resolve("iam/ecs-tasks-trust-policy.json"));
        assertThat(trust.at("/Statement/0/Principal/Service").asText()).isEqualTo("ecs-tasks.amazonaws.com");
        assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(trust.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("${AWS_ACCOUNT_ID}");
        JsonNode exec = EcsDefinitions.read(ECS.resolve("iam/ecs-exec-policy.json"));
        exec.at("/Statement/0/Action").forEach(a -> assertThat(a.asText()).startsWith("ssmmessages:"));
        // The roles the task definitions name are the ones deploy.sh setup-iam creates.
        String script = read(ROOT.resolve("scripts/deploy.sh"));
        for (String service : EcsDefinitions.serviceNames(SOURCE)) {
            JsonNode td = file("task-definitions/" + service + ".json");
            for (String field : List.of("executionRoleArn", "taskRoleArn")) {
                String role = td.get(field).asText().replaceFirst(".*:role/", "");
                assertThat(script).as("deploy.sh knows role %s", role).contains(role);
            }
        }
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.get("environment").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        return env;
    }

    /** Every `NAME` in backticks in README.md, and in docs/aws-secrets.md where that exists. */
    static Set<String> documentedSettings() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        Pattern name = Pattern.compile("\\b[A-Z][A-Z0-9_]{2,}\\b");
        for (Path doc : List.of(ROOT.resolve("README.md"), ROOT.resolve("docs/aws-secrets.md"))) {
            if (!Files.exists(doc)) {
                continue;
            }
            for (String line : Files.readAllLines(doc)) {
                if (line.startsWith("```")) {
                    continue; // a fence, not a code span: pairing its backticks would shift every span after it
                }
                Matcher m = code.matcher(line);
                while (m.find()) {
                    Matcher n = name.matcher(m.group(1));
                    while (n.find()) {
                        names.add(n.group());
                    }
                }
            }
        }
        return names;
    }

    static JsonNode file(String relative) {
        return EcsDefinitions.read(ECS.resolve(relative));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from / 1024, to / 1024).map(i -> i * 1024).toArray();
    }
}
