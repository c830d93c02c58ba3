package dev.aiguardian.deploy.ecs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the ECS request files of {@code deploy/ecs} (task definitions, service create and update requests)
 * from the one source, {@code deploy/ecs/services.json}.
 */
final class EcsDefinitions {
    static final String SOURCE = "services.json";
    /** The image's own health check script: per AIGUARDIAN_ROLE, what each role can answer (deploy/docker). */
    static final List<String> HEALTH_COMMAND = List.of("CMD", "sh", "/opt/aiguardian/healthcheck.sh");
    /** The one writable path: the image declares it a VOLUME owned by uid 10001, so ECS copies that ownership. */
    static final String DATA_PATH = "/data";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsDefinitions() {
    }

    /** Every generated file, by its path relative to {@code deploy/ecs}, in the order they are written. */
    static Map<String, String> generate(Path ecsDir) {
        JsonNode source = read(ecsDir.resolve(SOURCE));
        Map<String, String> files = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> services = source.get("services").fields();
        while (services.hasNext()) {
            Map.Entry<String, JsonNode> s = services.next();
            files.put("task-definitions/" + s.getKey() + ".json", print(taskDefinition(source, s.getKey(), s.getValue())));
            files.put("services/" + s.getKey() + ".create.json", print(createService(source, s.getKey(), s.getValue())));
            files.put("services/" + s.getKey() + ".update.json", print(updateService(source, s.getKey(), s.getValue())));
        }
        return files;
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void write(Path ecsDir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = ecsDir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
    }

    private static ObjectNode taskDefinition(JsonNode src, String name, JsonNode svc) {
        String family = family(src, name);
        ObjectNode td = JSON.createObjectNode();
        td.put("family", family);
        td.put("taskRoleArn", text(svc, "taskRoleArn", src.get("taskRoleArn").asText()));
        td.put("executionRoleArn", src.get("executionRoleArn").asText());
        td.put("networkMode", "awsvpc");
        td.putArray("requiresCompatibilities").add("FARGATE");
        td.put("cpu", svc.get("cpu").asText());
        td.put("memory", svc.get("memory").asText());
        ObjectNode platform = td.putObject("runtimePlatform");
        platform.put("cpuArchitecture", "X86_64");
        platform.put("operatingSystemFamily", "LINUX");
        // A task-scoped bind mount: writable while the root file system is read-only; gone with the task.
        td.putArray("volumes").addObject().put("name", "data");

        ObjectNode c = td.putArray("containerDefinitions").addObject();
        c.put("name", name);
        c.put("image", src.get("image").asText());
        c.put("essential", true);
        c.put("user", src.get("user").asText());
        c.put("readonlyRootFilesystem", true);
        if (svc.has("port")) {
            ObjectNode port = c.putArray("portMappings").addObject();
            port.put("name", svc.get("role").asText().equals("gateway") ? "http" : "metrics");
            port.put("containerPort", svc.get("port").asInt());
            port.put("protocol", "tcp");
        }
        ArrayNode env = c.putArray("environment");
        environment(src, name, svc).forEach((k, v) -> env.addObject().put("name", k).put("value", v));
        if (svc.has("secrets")) {
            ArrayNode secrets = c.putArray("secrets");
            for (JsonNode key : svc.get("secrets")) {
                // ARN:json-key:version-stage:version-id, stage and id empty = AWSCURRENT.
                secrets.addObject().put("name", key.asText())
                        .put("valueFrom", src.get("secretArn").asText() + ":" + key.asText() + "::");
            }
        }
        c.putArray("mountPoints").addObject()
                .put("sourceVolume", "data").put("containerPath", DATA_PATH).put("readOnly", false);
        ObjectNode linux = c.putObject("linuxParameters");
        linux.putObject("capabilities").putArray("drop").add("ALL");
        JsonNode hc = src.get("healthCheck");
        ObjectNode health = c.putObject("healthCheck");
        HEALTH_COMMAND.forEach(health.putArray("command")::add);
        health.put("interval", hc.get("interval").asInt());
        health.put("timeout", hc.get("timeout").asInt());
        health.put("retries", hc.get("retries").asInt());
        health.put("startPeriod", hc.get("startPeriod").asInt());
        c.put("stopTimeout", src.get("stopTimeout").asInt());
        ObjectNode log = c.putObject("logConfiguration");
        log.put("logDriver", "awslogs");
        ObjectNode opts = log.putObject("options");
        opts.put("awslogs-group", logGroup(src, name));
        opts.put("awslogs-region", "${AWS_REGION}");
        opts.put("awslogs-stream-prefix", "ecs");
        tags(td, name);
        return td;
    }

    /** The container's environment: the shared settings, then the service's own (which win), sorted by name. */
    static Map<String, String> environment(JsonNode src, String name, JsonNode svc) {
        Map<String, String> env = new TreeMap<>();
        src.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        svc.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.put("AIGUARDIAN_ROLE", svc.get("role").asText());
        env.put("SERVICE_NAME", name);
        // The image's JAVA_OPTS (its JAVA_BOUNDS apply too: the entrypoint passes both), with the service's heap share
        // and the temporary folder on the writable volume: /tmp is on the read-only root file system in a Fargate
        // task, and RocksDB and Netty unpack native libraries there.
        env.put("JAVA_OPTS", "-XX:MaxRAMPercentage=" + svc.get("javaMaxRamPercentage").asInt()
                + " -XX:InitialRAMPercentage=25 -Djava.io.tmpdir=" + DATA_PATH);
        return env;
    }

    private static ObjectNode createService(JsonNode src, String name, JsonNode svc) {
        ObjectNode s = serviceRequest("serviceName", family(src, name));
        s.put("desiredCount", svc.get("desiredCount").asInt());
        s.put("launchType", "FARGATE");
        s.put("platformVersion", "LATEST");
        serviceSettings(s, src, name, svc);
        tags(s, name);
        return s;
    }

    /** What a deployment changes on an existing service; never desiredCount, so a deployment keeps its scale. */
    private static ObjectNode updateService(JsonNode src, String name, JsonNode svc) {
        ObjectNode s = serviceRequest("service", family(src, name));
        serviceSettings(s, src, name, svc);
        return s;
    }

    /** create-service names the service {@code serviceName}, update-service {@code service}. */
    private static ObjectNode serviceRequest(String nameField, String serviceName) {
        ObjectNode s = JSON.createObjectNode();
        s.put("cluster", "${ECS_CLUSTER}");
        s.put(nameField, serviceName);
        s.put("taskDefinition", "${TASK_DEFINITION}");
        return s;
    }

    private static void serviceSettings(ObjectNode s, JsonNode src, String name, JsonNode svc) {
        ObjectNode vpc = s.putObject("networkConfiguration").putObject("awsvpcConfiguration");
        // deploy.sh turns a comma-separated value into several list items: "a,b" becomes "a","b".
        vpc.putArray("subnets").add("${ECS_SUBNETS}");
        vpc.putArray("securityGroups").add("${ECS_SECURITY_GROUPS}");
        vpc.put("assignPublicIp", "DISABLED");
        JsonNode dep = src.get("deployment");
        ObjectNode dc = s.putObject("deploymentConfiguration");
        dc.putObject("deploymentCircuitBreaker").put("enable", true).put("rollback", true);
        dc.put("maximumPercent", dep.get("maximumPercent").asInt());
        dc.put("minimumHealthyPercent", dep.get("minimumHealthyPercent").asInt());
        JsonNode lb = svc.get("loadBalancer");
        if (lb != null) {
            s.putArray("loadBalancers").addObject()
                    .put("targetGroupArn", lb.get("targetGroupArn").asText())
                    .put("containerName", name)
                    .put("containerPort", svc.get("port").asInt());
            s.put("healthCheckGracePeriodSeconds", lb.get("healthCheckGracePeriodSeconds").asInt());
        }
        s.put("enableExecuteCommand", true);
        s.put("enableECSManagedTags", true);
        s.put("propagateTags", "SERVICE");
    }

    private static void tags(ObjectNode node, String name) {
        ArrayNode tags = node.putArray("tags");
        tags.addObject().put("key", "Project").put("value", "AIGuardian");
        tags.addObject().put("key", "Service").put("value", name);
    }

    static String family(JsonNode src, String name) {
        return src.get("namePrefix").asText() + name;
    }

    static String logGroup(JsonNode src, String name) {
        return "/ecs/" + family(src, name);
    }

    static List<String> serviceNames(JsonNode src) {
        List<String> names = new ArrayList<>();
        src.get("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.has(field) ? node.get(field).asText() : fallback;
    }

    /** Two-space indents, "key": value, one array item per line, a final newline: stable and diff-friendly. */
    static String print(JsonNode node) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return JSON.writer(pp).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
