package dev.aiguardian.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Prometheus side of deploy/monitoring: promtool accepts the scrape config and the rules, the rules' unit tests
 * pass, every alert is tested firing and not firing, is complete, and links a runbook section that exists.
 */
class MonitoringRulesTest {
    /** What the deployment must alert on (issue 12), by alert name. */
    private static final List<String> REQUIRED = List.of("GuardNoLiveWorker", "GuardConsumerLagGrowing",
            "GuardDeadLetters", "Gateway5xxRate", "SyncLatencyP99High", "CallbackFailures", "BudgetBlocksHigh",
            "GatewayNotReady", "JobWriterStalled");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    void promtoolAcceptsTheScrapeConfigAndItsRuleFiles() throws Exception {
        Promtool.Run r = Promtool.run(MonitoringFiles.PROMETHEUS, "check", "config", "prometheus.yml");
        System.out.println(r.output());
        assertThat(r.exit()).as(r.output()).isZero();
        // The config names its rules with a glob: it must find the files, not nothing.
        assertThat(r.output()).as(r.output()).contains(MonitoringFiles.ruleFiles().size() + " rule files found");
    }

    @Test
    void promtoolAcceptsEveryRuleFile() throws Exception {
        assertThat(MonitoringFiles.ruleFiles()).isNotEmpty();
        for (Path file : MonitoringFiles.ruleFiles()) {
            Promtool.Run r = Promtool.run(MonitoringFiles.PROMETHEUS, "check", "rules",
                    MonitoringFiles.PROMETHEUS.relativize(file).toString());
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("SUCCESS");
        }
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        MonitoringFiles.ruleTestFiles().forEach(f -> args.add(MonitoringFiles.PROMETHEUS.relativize(f).toString()));
        assertThat(args).hasSizeGreaterThan(2);
        Promtool.Run r = Promtool.run(MonitoringFiles.PROMETHEUS, args.toArray(String[]::new));
        System.out.println(r.output());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        Set<String> firing = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (Path file : MonitoringFiles.ruleTestFiles()) {
            for (JsonNode test : MonitoringFiles.yaml(file).path("tests")) {
                for (JsonNode t : test.path("alert_rule_test")) {
                    (t.path("exp_alerts").isEmpty() ? silent : firing).add(t.path("alertname").asText());
                }
            }
        }
        for (MonitoringFiles.Alert a : MonitoringFiles.alerts()) {
            assertThat(firing).as("a promtool test in which " + a.name() + " fires").contains(a.name());
            assertThat(silent).as("a promtool test in which " + a.name() + " does not fire").contains(a.name());
        }
    }

    @Test
    void everyAlertHasForSeveritySummaryDescriptionAndRunbook() {
        List<MonitoringFiles.Alert> alerts = MonitoringFiles.alerts();
        assertThat(alerts).extracting(MonitoringFiles.Alert::name).containsAll(REQUIRED).doesNotHaveDuplicates();
        for (MonitoringFiles.Alert a : alerts) {
            assertThat(a.forDuration()).as(a.name() + " for:").isNotBlank();
            assertThat(a.labels().get("severity")).as(a.name() + " severity").isIn(SEVERITIES);
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                assertThat(a.annotations().get(annotation)).as(a.name() + " " + annotation).isNotBlank();
            }
        }
    }

    @Test
    void everyRunbookLinkPointsAtASectionThatExists() {
        for (MonitoringFiles.Alert a : MonitoringFiles.alerts()) {
            String url = a.annotations().get("runbook_url");
            int hash = url.indexOf('#');
            assertThat(hash).as(a.name() + ": " + url + " names a section").isPositive();
            Path doc = MonitoringFiles.ROOT.resolve(url.substring(0, hash));
            assertThat(doc).as(a.name() + ": " + url).isRegularFile();
            assertThat(Markdown.anchors(MonitoringFiles.read(doc))).as(a.name() + ": sections of " + doc)
                    .contains(url.substring(hash + 1));
        }
    }

    @Test
    void theComposeFileMountsTheseFiles() throws Exception {
        String compose = Files.readString(MonitoringFiles.ROOT.resolve("docker-compose.yml"));
        for (String mount : List.of("./deploy/monitoring/prometheus/prometheus.yml:",
                "./deploy/monitoring/prometheus/rules:", "./deploy/monitoring/grafana/provisioning:",
                "./deploy/monitoring/grafana/dashboards:")) {
            assertThat(compose).as("docker-compose.yml mounts " + mount).contains(mount);
            Path local = MonitoringFiles.ROOT.resolve(mount.substring(2, mount.length() - 1));
            assertThat(Files.exists(local)).as(local + " exists").isTrue();
        }
    }
}
