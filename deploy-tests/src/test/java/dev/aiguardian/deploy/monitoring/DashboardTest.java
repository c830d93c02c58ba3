package dev.aiguardian.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Grafana side of deploy/monitoring: the dashboards parse, use the data source the provisioning creates, every
 * panel has a query that Prometheus' parser accepts, they cover what operators need, and compose provisions them.
 */
class DashboardTest {

    @Test
    void everyDashboardParsesAndEveryPanelHasAQueryOnTheProvisionedDataSource() {
        Set<String> provisioned = provisionedDataSourceUids();
        assertThat(provisioned).isNotEmpty();
        assertThat(MonitoringFiles.dashboards()).isNotEmpty();
        Set<String> uids = new HashSet<>();
        for (Path file : MonitoringFiles.dashboards()) {
            JsonNode d = MonitoringFiles.json(file);
            assertThat(d.path("uid").asText()).as(file + " uid").isNotBlank();
            assertThat(uids.add(d.path("uid").asText())).as("dashboard uids are unique").isTrue();
            assertThat(d.path("title").asText()).as(file + " title").isNotBlank();
            List<JsonNode> panels = MonitoringFiles.panels(d);
            assertThat(panels).as(file + " panels").isNotEmpty();
            for (JsonNode p : panels) {
                String title = file.getFileName() + " / " + p.path("title").asText();
                assertThat(p.path("datasource").path("uid").asText()).as(title + " data source").isIn(provisioned);
                assertThat(p.path("targets").size()).as(title + " queries").isPositive();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("expr").asText()).as(title + " " + t.path("refId")).isNotBlank();
                }
            }
        }
        for (MonitoringFiles.PanelQuery q : MonitoringFiles.panelQueries()) {
            assertThat(q.datasourceUid()).as(q.panel() + " " + q.refId() + " data source").isIn(provisioned);
        }
    }

    @Test
    void everyPanelQueryParsesAsPromQl() throws Exception {
        // promtool has no offline query parser, but it parses rule expressions: one recording rule per query.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        for (MonitoringFiles.PanelQuery q : MonitoringFiles.panelQueries()) {
            rules.append("      - record: dashboard:query_").append(++n).append('\n')
                    .append("        expr: '").append(q.expr().replace("'", "''")).append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries-", ".yml");
        try {
            Files.writeString(file, rules);
            Promtool.Run r = Promtool.run(file.getParent(), "check", "rules", file.toString());
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("SUCCESS: " + n + " rules found");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theOverviewShowsWhatOperatorsNeed() {
        Set<String> metrics = new TreeSet<>();
        StringBuilder all = new StringBuilder();
        for (MonitoringFiles.PanelQuery q : MonitoringFiles.panelQueries()) {
            metrics.addAll(PromQl.metricNames(q.expr()));
            all.append(q.expr()).append('\n');
        }
        assertThat(metrics).contains(
                "aiguardian_guard_verdicts_total",                    // requests by guard and verdict
                "aiguardian_gateway_guard_requests_seconds_count",     // calls by guard and outcome
                "aiguardian_gateway_guard_requests_seconds_bucket",    // p50 / p99
                "aiguardian_guard_lag_records",                        // lag per guard
                "aiguardian_worker_records_total",                     // dead letters
                "aiguardian_job_writer_dead_letters_total",
                "aiguardian_callbacks_total",
                "aiguardian_guard_live_instances",                     // live workers
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum");  // JVM
        assertThat(all.toString()).contains("histogram_quantile(0.5,").contains("histogram_quantile(0.99,");
    }

    @Test
    void composeProvisionsTheDashboardsWhereTheProviderLooks() {
        JsonNode grafana = MonitoringFiles.yaml(MonitoringFiles.ROOT.resolve("docker-compose.yml"))
                .path("services").path("grafana");
        Set<String> volumes = new HashSet<>();
        grafana.path("volumes").forEach(v -> volumes.add(v.asText()));
        Path providers = MonitoringFiles.GRAFANA.resolve("provisioning/dashboards");
        try (var files = Files.list(providers)) {
            for (Path f : files.toList()) {
                for (JsonNode p : MonitoringFiles.yaml(f).path("providers")) {
                    String path = p.path("options").path("path").asText();
                    assertThat(volumes).as("a volume of grafana puts the dashboards at " + path)
                            .contains("./deploy/monitoring/grafana/dashboards:" + path + ":ro");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(volumes).contains("./deploy/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    private static Set<String> provisionedDataSourceUids() {
        Set<String> uids = new HashSet<>();
        try (var files = Files.list(MonitoringFiles.DATASOURCES)) {
            for (Path f : files.toList()) {
                MonitoringFiles.yaml(f).path("datasources").forEach(ds -> uids.add(ds.path("uid").asText()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return uids;
    }
}
