package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard of {@code src/deploy} (docs/operations.md "Dashboard and alerts") checked by
 * Prometheus's own tool: {@code promtool check rules}, {@code promtool test rules} (the alerts fire when they should,
 * {@code ordersync-alerts.test.yaml}), and every dashboard expression parsed as PromQL. That the runtime exports what
 * they read is {@link MonitoringScenarios}'. promtool comes from Debian's prometheus package (.ci/run unpacks it);
 * without it this test is skipped, except in CI (CI=true), where it fails.
 */
class AlertRulesAndDashboardIT {

    private static String promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = List.of("promtool", "/usr/bin/promtool", "/usr/local/bin/promtool").stream()
                .filter(AlertRulesAndDashboardIT::runs).findFirst().orElse(null);
        if (promtool == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and promtool is missing: .ci/run unpacks it from Debian's prometheus package");
            }
            assumeTrue(false, "promtool is not installed (Debian's prometheus package): alert rule checks skipped");
        }
    }

    @Test
    void the_alert_rules_are_valid() throws Exception {
        ToolRun check = ToolRun.run(promtool, "check", "rules", MonitoringFiles.ALERT_RULES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + MonitoringFiles.alertExpressions().size() + " rules found");
    }

    @Test
    void the_alerts_fire_when_their_unit_tests_say() throws Exception {
        ToolRun test = ToolRun.run(promtool, "test", "rules", MonitoringFiles.ALERT_RULE_TESTS.toString());
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void promtool_refuses_an_alert_that_does_not_fire_as_its_test_says() throws Exception {
        // the same tests against rules whose stuck-orders alert waits 30 minutes: its test at 10 minutes fails
        Path work = Files.createTempDirectory("ordersync-alerts-");
        try {
            Files.writeString(work.resolve("ordersync-alerts.yaml"), Files.readString(MonitoringFiles.ALERT_RULES)
                    .replaceFirst("(alert: OrdersyncOrdersStuck\n\\s+expr: [^\n]+\n\\s+for: )5m", "$130m"));
            Files.copy(MonitoringFiles.ALERT_RULE_TESTS, work.resolve("ordersync-alerts.test.yaml"));
            ToolRun test = ToolRun.run(promtool, "test", "rules",
                    work.resolve("ordersync-alerts.test.yaml").toString());
            assertThat(test.exitCode()).as(test.output()).isNotZero();
            assertThat(test.output()).contains("alertname: OrdersyncOrdersStuck, time: 10m");
        } finally {
            io.ordersync.TestFiles.deleteRecursively(work);
        }
    }

    @Test
    void every_dashboard_expression_is_promql_and_every_panel_reads_the_chosen_prometheus() throws Exception {
        Map<String, List<String>> byPanel = MonitoringFiles.dashboardExpressions();
        assertThat(byPanel).hasSizeGreaterThanOrEqualTo(15);
        // promtool parses the expressions as recording rules
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> expressions = new ArrayList<>();
        byPanel.values().forEach(expressions::addAll);
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard_panel_").append(i).append("\n        expr: '")
                    .append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.createTempFile("ordersync-dashboard-", ".yaml");
        try {
            Files.writeString(file, rules);
            ToolRun check = ToolRun.run(promtool, "check", "rules", file.toString());
            assertThat(check.exitCode()).as(check.output()).isZero();
        } finally {
            Files.delete(file);
        }

        JsonNode dashboard = new ObjectMapper().readTree(MonitoringFiles.DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("ordersync-overview");
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s unique", panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText())
                    .isLessThanOrEqualTo(24);
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
    }

    private static boolean runs(String command) {
        try {
            return ToolRun.run(command, "--version").exitCode() == 0;
        } catch (IOException notThere) {
            return false;
        }
    }
}
