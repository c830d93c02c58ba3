package dev.aiguardian.deploy.monitoring;

import dev.aiguardian.deploy.Tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The monitoring files under {@code deploy/monitoring}, read the way the tests need them. */
final class MonitoringFiles {
    static final Path ROOT = Tools.ROOT;
    static final Path PROMETHEUS = ROOT.resolve("deploy/monitoring/prometheus");
    static final Path CONFIG = PROMETHEUS.resolve("prometheus.yml");
    static final Path RULES = PROMETHEUS.resolve("rules");
    static final Path RULE_TESTS = PROMETHEUS.resolve("tests");
    static final Path GRAFANA = ROOT.resolve("deploy/monitoring/grafana");
    static final Path DASHBOARDS = GRAFANA.resolve("dashboards");
    static final Path DATASOURCES = GRAFANA.resolve("provisioning/datasources");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alerting rule as written in a rule file. */
    record Alert(Path file, String name, String expr, String forDuration, Map<String, String> labels,
                 Map<String, String> annotations) {
    }

    /** One query of one dashboard panel. */
    record PanelQuery(Path dashboard, String panel, String refId, String datasourceUid, String expr) {
    }

    private MonitoringFiles() {
    }

    static List<Path> ruleFiles() {
        return list(RULES, ".yml");
    }

    static List<Path> ruleTestFiles() {
        return list(RULE_TESTS, ".yml");
    }

    static List<Path> dashboards() {
        return list(DASHBOARDS, ".json");
    }

    static List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        out.add(new Alert(file, rule.get("alert").asText(), rule.path("expr").asText(),
                                rule.path("for").asText(null), strings(rule.path("labels")),
                                strings(rule.path("annotations"))));
                    }
                }
            }
        }
        return out;
    }

    /** Every expression of every rule (alerts and recordings). */
    static List<String> ruleExpressions() {
        List<String> out = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : yaml(file).path("groups")) {
                group.path("rules").forEach(r -> out.add(r.path("expr").asText()));
            }
        }
        return out;
    }

    /** Every target of every panel, rows' nested panels included; a panel without targets yields none. */
    static List<PanelQuery> panelQueries() {
        List<PanelQuery> out = new ArrayList<>();
        for (Path file : dashboards()) {
            for (JsonNode panel : panels(json(file))) {
                String panelDs = panel.path("datasource").path("uid").asText(null);
                for (JsonNode t : panel.path("targets")) {
                    out.add(new PanelQuery(file, panel.path("title").asText(), t.path("refId").asText(),
                            t.path("datasource").path("uid").asText(panelDs), t.path("expr").asText("")));
                }
            }
        }
        return out;
    }

    /** The panels of a dashboard that show data (not rows), rows' nested panels included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if ("row".equals(p.path("type").asText())) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    // Maven runs the tests in the module folder (basedir); the repository is its parent.
}
