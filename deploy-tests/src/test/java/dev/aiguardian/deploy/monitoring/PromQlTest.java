package dev.aiguardian.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name extraction that MonitoringMetricsIT relies on, and the anchors of the runbook links. */
class PromQlTest {

    @Test
    void findsMetricsNotFunctionsLabelsKeywordsOrDurations() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, guard) "
                + "(rate(aiguardian_gateway_guard_requests_seconds_bucket{outcome=~\"completed|failed\"}[5m]))) > 1"))
                .containsExactly("aiguardian_gateway_guard_requests_seconds_bucket");
        assertThat(PromQl.metricNames("max by (guard) (aiguardian_guard_lag_records) > 100 and max by (guard) "
                + "(deriv(aiguardian_guard_lag_records[5m])) > 0"))
                .containsExactly("aiguardian_guard_lag_records");
        assertThat(PromQl.metricNames("sum(rate(a_total{verdict=\"block\"}[15m])) / sum(rate(b_total[15m])) > 0.05"))
                .containsExactly("a_total", "b_total");
        assertThat(PromQl.metricNames("up{job=~\"aiguardian-.+\"} == 0")).containsExactly("up");
        assertThat(PromQl.metricNames("x offset 5m / on (instance) group_left (version) y_info * 1e3"))
                .containsExactly("x", "y_info");
        assertThat(PromQl.metricNames("sum without (instance) (rate(c[1m:10s])) unless bool d"))
                .containsExactly("c", "d");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(Markdown.anchors("# Operations: start-up, stop\n```\n# not a heading\n```\n### Alert: `GuardNoLiveWorker`\n"
                + "## Same\n## Same\n<a id=\"explicit\"></a>\n"))
                .containsExactly("operations-start-up-stop", "alert-guardnoliveworker", "same", "same-1", "explicit");
    }
}
