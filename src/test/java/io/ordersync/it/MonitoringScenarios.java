package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules read what the runtime exports: every metric they name is on /observe/metrics of
 * a running runtime, with every label they select or group by. Run after the other scenario groups of the shared
 * runtime ({@code PipelineScenariosH2IT}): their orders, dead letters, quotes, partner documents and reconciliation
 * runs are what makes each series appear (a database-read gauge has a series once it has a row to count).
 */
abstract class MonitoringScenarios extends PipelineTestSupport {

    @Test
    void every_metric_and_label_the_dashboard_and_the_alert_rules_name_is_exported_by_the_runtime() {
        List<String> expressions = MonitoringFiles.allExpressions();
        Set<String> named = new TreeSet<>();
        expressions.forEach(expression -> named.addAll(MonitoringFiles.metrics(expression)));
        named.removeAll(MonitoringFiles.PROMETHEUS_OWN);
        // the names the files rest on, so that a change of the extraction cannot make this check vacuous
        assertThat(named).contains("ordersync_orders", "ordersync_orders_stuck", "ordersync_dead_letters_open",
                "ordersync_system_calls_seconds_bucket", "ordersync_sla_orders", "camel_exchanges_total",
                "jvm_memory_used_bytes");

        // the SLA gauge is refreshed on a schedule (ordersync.sla-tracking.refresh-ms)
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Set<String>> exported = MonitoringFiles.exported(metrics());
            assertThat(exported.keySet()).as("metrics on /observe/metrics").containsAll(named);
            List<String> missingLabels = new ArrayList<>();
            for (String expression : expressions) {
                MonitoringFiles.selectedLabels(expression).forEach((metric, labels) -> {
                    if (!MonitoringFiles.PROMETHEUS_OWN.contains(metric)) {
                        labels.stream().filter(label -> !MonitoringFiles.ADDED_LABELS.contains(label))
                                .filter(label -> !exported.getOrDefault(metric, Set.of()).contains(label))
                                .forEach(label -> missingLabels.add(metric + "{" + label + "} in " + expression));
                    }
                });
                Set<String> labelsOfItsMetrics = new TreeSet<>(MonitoringFiles.ADDED_LABELS);
                MonitoringFiles.metrics(expression)
                        .forEach(metric -> labelsOfItsMetrics.addAll(exported.getOrDefault(metric, Set.of())));
                MonitoringFiles.groupingLabels(expression).stream().filter(label -> !labelsOfItsMetrics.contains(label))
                        .forEach(label -> missingLabels.add("by (" + label + ") in " + expression));
            }
            assertThat(missingLabels).as("labels no exported series has").isEmpty();
        });
    }

    private static String metrics() {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/metrics"))).GET().build()).body();
    }
}
