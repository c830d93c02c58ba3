package dev.aiguardian.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every file under {@code deploy/} is checked by something that runs in {@code .ci/run}: this test knows which, so a
 * file in a folder nobody checks fails here; and it checks the one folder no other test covers (Filebeat's).
 */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DEPLOY = Tools.ROOT.resolve("deploy");

    /** A path prefix under deploy/ and what validates the files there. */
    private static final Map<String, String> CHECKED_BY = new LinkedHashMap<>();

    static {
        CHECKED_BY.put("ecs/", "EcsDefinitionsTest (generated from services.json, checked against the AWS SDK's model)"
                + ", DeployScriptsTest (iam/ and aws-cli.sh through the scripts, with a stub aws)");
        CHECKED_BY.put("k8s/", "K8sManifestsTest, StrictSchemasTest (every overlay rendered and checked strictly)");
        CHECKED_BY.put("monitoring/", "MonitoringRulesTest (promtool), DashboardTest, MonitoringMetricsIT");
        CHECKED_BY.put("docker/", "scripts/compose-smoke.sh (the image's entrypoint and health check, run)");
        CHECKED_BY.put("local/", "scripts/compose-smoke.sh (builds these stand-in images and runs them)");
        CHECKED_BY.put("nginx/", "scripts/compose-smoke.sh (the lb service balancing three gateways)");
        CHECKED_BY.put("logging/", "DeployFilesTest (below)");
        CHECKED_BY.put("prod-secrets.sh", "DeployScriptsTest (shellcheck, and run by deploy.sh setup-secrets)");
    }

    @Test
    void everyFileUnderDeployHasAValidator() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            List<String> unchecked = files.filter(Files::isRegularFile)
                    .map(f -> DEPLOY.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> CHECKED_BY.keySet().stream().noneMatch(f::startsWith))
                    .toList();
            assertThat(unchecked).as("files under deploy/ that no test checks: add a check and list it here")
                    .isEmpty();
        }
    }

    @Test
    void filebeatReadsTheContainersLogsAndLiftsTheirJson() throws IOException {
        JsonNode beat = YAML.readTree(DEPLOY.resolve("logging/filebeat.yml").toFile());
        JsonNode input = beat.path("filebeat.inputs").path(0);
        assertThat(input.path("type").asText()).isEqualTo("filestream");
        assertThat(input.path("id").asText()).isNotBlank(); // filestream inputs need a unique id
        assertThat(input.path("paths").path(0).asText()).isEqualTo("/var/lib/docker/containers/*/*.log");
        assertThat(input.path("parsers").path(0).path("container").path("format").asText()).isEqualTo("docker");
        JsonNode decode = null;
        for (JsonNode processor : beat.path("processors")) {
            if (processor.has("decode_json_fields")) {
                decode = processor.path("decode_json_fields");
            }
        }
        assertThat(decode).as("a decode_json_fields processor lifts our ECS JSON lines").isNotNull();
        assertThat(decode.path("fields").path(0).asText()).isEqualTo("message");
        assertThat(decode.path("target").asText()).isEmpty();
        assertThat(decode.path("expand_keys").asBoolean()).as("log.level etc. become nested fields").isTrue();

        // The compose file runs Filebeat with this file, next to the Elasticsearch and Kibana it ships to.
        JsonNode compose = YAML.readTree(Tools.ROOT.resolve("docker-compose.yml").toFile()).path("services");
        assertThat(compose.path("filebeat").path("volumes").toString())
                .contains("./deploy/logging/filebeat.yml:/usr/share/filebeat/filebeat.yml");
        assertThat(beat.path("output.elasticsearch").path("hosts").path(0).asText())
                .isEqualTo("http://elasticsearch:9200");
        assertThat(compose.has("elasticsearch")).isTrue();
        assertThat(beat.path("setup.kibana.host").asText()).isEqualTo("http://kibana:5601");
        assertThat(compose.has("kibana")).isTrue();
    }
}
