package io.ordersync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard and the Prometheus alert rules of {@code src/deploy} (docs/operations.md "Dashboard and
 * alerts"), read for their PromQL: the expressions, the metrics they name and the labels they select or group by.
 */
final class MonitoringFiles {

    static final Path DASHBOARD = Path.of("src/deploy/grafana/ordersync-dashboard.json");
    static final Path ALERT_RULES = Path.of("src/deploy/prometheus/ordersync-alerts.yaml");
    static final Path ALERT_RULE_TESTS = Path.of("src/deploy/prometheus/ordersync-alerts.test.yaml");
    /** Series Prometheus makes itself, not the runtime: {@code up} of every scrape target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** Labels Prometheus adds to every scraped series ({@code instance}, {@code job}) and a histogram's {@code le}. */
    static final Set<String> ADDED_LABELS = Set.of("instance", "job", "le");

    private static final Pattern METRIC = Pattern.compile("\\b((?:ordersync|camel|jvm)_[a-z0-9_]+|up)\\b(?!\\s*\\()");
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-z][a-z0-9_]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    private MonitoringFiles() {
    }

    /** Every target expression of the dashboard's panels (rows' panels included), by panel title. */
    static Map<String, List<String>> dashboardExpressions() {
        Map<String, List<String>> expressions = new TreeMap<>();
        collectPanels(read(DASHBOARD, new ObjectMapper()).path("panels"), expressions);
        return expressions;
    }

    /** Every alert rule's expression, by alert name. */
    static Map<String, String> alertExpressions() {
        Map<String, String> expressions = new TreeMap<>();
        for (JsonNode group : read(ALERT_RULES, new ObjectMapper(new YAMLFactory())).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.put(rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        return expressions;
    }

    /** Every expression of both files. */
    static List<String> allExpressions() {
        List<String> all = new ArrayList<>(alertExpressions().values());
        dashboardExpressions().values().forEach(all::addAll);
        return all;
    }

    /** The metric names an expression reads. */
    static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(withoutSelectorsAndGroupings(expression));
        while (metric.find()) {
            names.add(metric.group(1));
        }
        return names;
    }

    /** The label names each metric of the expression is selected by, in {@code name{label="..."}}. */
    static Map<String, Set<String>> selectedLabels(String expression) {
        Map<String, Set<String>> labels = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2).replaceAll("\"[^\"]*\"", "\"\""));
            Set<String> names = labels.computeIfAbsent(selector.group(1), name -> new TreeSet<>());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return labels;
    }

    /** The labels the expression groups by ({@code by (...)}, {@code without (...)}). */
    static Set<String> groupingLabels(String expression) {
        Set<String> labels = new TreeSet<>();
        Matcher grouping = GROUPING.matcher(expression);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        return labels;
    }

    /** The series of a Prometheus text exposition: metric name to the label names its samples carry. */
    static Map<String, Set<String>> exported(String exposition) {
        Map<String, Set<String>> metrics = new TreeMap<>();
        Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
        for (String line : exposition.split("\n")) {
            Matcher matcher = sample.matcher(line);
            if (line.startsWith("#") || !matcher.matches()) {
                continue;
            }
            Set<String> names = metrics.computeIfAbsent(matcher.group(1), name -> new TreeSet<>());
            if (matcher.group(2) != null) {
                Matcher labels = label.matcher(matcher.group(2));
                while (labels.find()) {
                    names.add(labels.group(1));
                }
            }
        }
        return metrics;
    }

    private static String withoutSelectorsAndGroupings(String expression) {
        return GROUPING.matcher(expression.replaceAll("\\{[^}]*}", "")).replaceAll("");
    }

    private static void collectPanels(JsonNode panels, Map<String, List<String>> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                expressions.computeIfAbsent(panel.path("title").asText(), title -> new ArrayList<>())
                        .add(target.path("expr").asText());
            }
            collectPanels(panel.path("panels"), expressions);
        }
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
