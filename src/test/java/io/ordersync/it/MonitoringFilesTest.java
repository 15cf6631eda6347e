package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@link MonitoringFiles} reads PromQL and the Prometheus text format, on which MonitoringScenarios rests. */
class MonitoringFilesTest {

    private static final String EXPRESSION = "histogram_quantile(0.99, sum by (system, le) (rate("
            + "ordersync_system_calls_seconds_bucket{outcome=\"error\", system=~\"ERP.*\"}[5m]))) > 5"
            + " and on (system) max by (legal_entity) (ordersync_orders_stuck) > up{job=\"ordersync\"}";

    @Test
    void an_expression_names_its_metrics_not_its_functions_labels_or_strings() {
        assertThat(MonitoringFiles.metrics(EXPRESSION))
                .containsExactlyInAnyOrder("ordersync_system_calls_seconds_bucket", "ordersync_orders_stuck", "up");
    }

    @Test
    void the_labels_an_expression_selects_and_groups_by() {
        assertThat(MonitoringFiles.selectedLabels(EXPRESSION)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ordersync_system_calls_seconds_bucket", Set.of("outcome", "system"), "up", Set.of("job")));
        assertThat(MonitoringFiles.groupingLabels(EXPRESSION)).containsExactlyInAnyOrder("system", "le", "legal_entity");
    }

    @Test
    void the_exposition_gives_each_metric_the_labels_its_samples_carry() {
        String exposition = """
                # HELP ordersync_orders Orders by intake channel, legal entity and status
                # TYPE ordersync_orders gauge
                ordersync_orders{channel="REST",legal_entity="US01",status="ACCEPTED"} 3.0
                ordersync_orders{channel="EDI",legal_entity="none",status="RECEIVED",odd="a \\"quoted\\", value"} 1.0
                jvm_threads_live_threads 42.0
                """;
        assertThat(MonitoringFiles.exported(exposition)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ordersync_orders", Set.of("channel", "legal_entity", "status", "odd"),
                "jvm_threads_live_threads", Set.of()));
    }
}
