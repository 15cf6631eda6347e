package io.ordersync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ordersync.support.ExchangeProperties;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.junit.jupiter.api.Test;

/**
 * The routes and the beans agree on exchange property and header names: every name a route sets or reads is
 * declared in {@link ExchangeProperties} (headers: in {@link ExchangeProperties.Headers}, or one of Camel's own
 * headers, or a parameter of the OpenAPI contract), and every declared name is used by a route or by Java code.
 */
class ExchangeNamesTest {

    /** Where a route names a property: setProperty/removeProperty name, ${exchangeProperty.x}, exchangeProperty: x. */
    private static final List<Pattern> PROPERTY_USES = List.of(
            Pattern.compile("-\\s+(?:setProperty|removeProperty):\\s*\\n\\s+name:\\s*\"?([\\w.-]+)"),
            Pattern.compile("\\$\\{exchangeProperty\\.([\\w-]+)"),
            Pattern.compile("\\$\\{exchangeProperty\\[([\\w-]+)\\]"),
            Pattern.compile("\\n\\s+exchangeProperty:\\s*\"?([\\w.-]+)"));
    /** Where a route names a header: setHeader/removeHeader name, ${header.x}, header: x. */
    private static final List<Pattern> HEADER_USES = List.of(
            Pattern.compile("-\\s+(?:setHeader|removeHeader):\\s*\\n\\s+name:\\s*\"?([\\w.-]+)"),
            Pattern.compile("\\$\\{(?:header|headers|in\\.header)\\.([\\w.-]+)\\}"),
            Pattern.compile("\\$\\{(?:header|headers|in\\.header)\\.([\\w-]+)[^\\w.-]"),
            Pattern.compile("\\n\\s+header:\\s*\"?([\\w.-]+)"));

    @Test
    void every_property_and_header_a_route_uses_is_declared_and_every_declared_one_is_used() throws Exception {
        Map<String, String> properties = constants(ExchangeProperties.class);
        Set<String> headers = new HashSet<>(constants(ExchangeProperties.Headers.class).values());
        Set<String> camelHeaders = new HashSet<>(constants(Exchange.class).values());
        camelHeaders.addAll(constants(KafkaConstants.class).values());
        Set<String> apiParameters = apiParameters();

        Map<String, Set<String>> undeclared = new TreeMap<>();
        Set<String> usedInRoutes = new HashSet<>();
        for (Path file : routeFiles()) {
            String text = Files.readString(file);
            for (String name : names(text, PROPERTY_USES)) {
                usedInRoutes.add(name);
                if (!properties.containsValue(name)) {
                    undeclared.computeIfAbsent("property " + name, k -> new TreeSet<>()).add(file.getFileName().toString());
                }
            }
            for (String name : names(text, HEADER_USES)) {
                usedInRoutes.add(name);
                if (!headers.contains(name) && !camelHeaders.contains(name) && !apiParameters.contains(name)) {
                    undeclared.computeIfAbsent("header " + name, k -> new TreeSet<>()).add(file.getFileName().toString());
                }
            }
        }
        assertThat(undeclared).as("names used in routes but not declared in ExchangeProperties (name: files)")
                .isEmpty();

        String java = javaSources();
        List<String> unused = new ArrayList<>();
        Map<String, String> declared = new HashMap<>(properties);
        constants(ExchangeProperties.Headers.class).forEach((field, value) -> declared.put("Headers." + field, value));
        declared.forEach((field, value) -> {
            if (!usedInRoutes.contains(value) && !java.contains("ExchangeProperties." + field)) {
                unused.add(field + " = " + value);
            }
        });
        assertThat(unused).as("constants in ExchangeProperties that no route and no Java code uses").isEmpty();
    }

    @Test
    void the_scan_finds_every_kind_of_use() {
        String route = """
                - setProperty:
                    name: aProperty
                - setHeader:
                    name: a.Header
                - log: "${exchangeProperty.readProperty.field} ${header.readHeader} ${header.kafka.TOPIC}"
                - idempotentConsumer:
                    exchangeProperty: keyProperty
                - setBody:
                    header: bodyHeader
                """;
        assertThat(names(route, PROPERTY_USES)).containsExactlyInAnyOrder("aProperty", "readProperty", "keyProperty");
        assertThat(names(route, HEADER_USES)).containsExactlyInAnyOrder("a.Header", "readHeader", "kafka.TOPIC",
                "bodyHeader");
    }

    private static Set<String> names(String text, List<Pattern> patterns) {
        Set<String> names = new TreeSet<>();
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The public String constants of a class: field name to value. */
    private static Map<String, String> constants(Class<?> type) throws IllegalAccessException {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                constants.put(field.getName(), (String) field.get(null));
            }
        }
        return constants;
    }

    /** Path, query and header parameter names of the API contract: the REST routes read them as headers. */
    private static Set<String> apiParameters() throws IOException {
        Set<String> names = new HashSet<>();
        collectParameters(new YAMLMapper().readTree(Path.of("src/main/resources/openapi/ordersync-api.yaml").toFile()),
                names);
        return names;
    }

    private static void collectParameters(JsonNode node, Set<String> names) {
        if (node.isObject() && node.has("name") && node.has("in")) {
            names.add(node.path("name").asText());
        }
        node.forEach(child -> collectParameters(child, names));
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    /** The Java sources, but for the declarations themselves. */
    private static String javaSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")
                    && !f.getFileName().toString().equals("ExchangeProperties.java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
