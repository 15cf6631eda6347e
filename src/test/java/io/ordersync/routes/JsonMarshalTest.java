package io.ordersync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ordersync.support.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The routes write JSON with {@code marshal} (Jackson with the registry's {@code jsonMapper}): its output must be
 * exactly what {@link Json#write} writes - ISO-8601 dates, decimals as plain digits with their scale, nulls kept -
 * and every JSON marshal or unmarshal in the routes must use that mapper, not a default one.
 */
class JsonMarshalTest {

    /** The marshal step as the routes write it. */
    private static final String MARSHAL_ROUTE = """
            - route:
                id: marshal-under-test
                from:
                  uri: direct:marshal
                  steps:
                    - marshal:
                        json:
                          library: Jackson
                          objectMapper: "#jsonMapper"
                          contentTypeHeader: false
            """;

    record Sample(String id, Instant at, LocalDate day, OffsetDateTime local, BigDecimal amount, BigDecimal tiny,
                  BigDecimal large, String missing, List<String> none, Map<String, Object> extra) {}

    @Test
    void marshal_writes_exactly_what_json_write_writes() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nothing", null);
        extra.put("quantity", new BigDecimal("2.000"));
        extra.put("text", "ü \"quoted\" \u2028");
        List<Object> values = new ArrayList<>(List.of(
                new Sample("s-1", Instant.parse("2026-03-01T10:15:30.123456Z"), LocalDate.parse("2026-03-01"),
                        OffsetDateTime.parse("2026-03-01T10:15:30+02:00"), new BigDecimal("10.0"),
                        new BigDecimal("0.0000001"), new BigDecimal("1E+3"), null, null, extra),
                List.of(Map.of("error", "NOT_FOUND")), "a string", new BigDecimal("12.50"), Map.of()));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("jsonMapper", Json.mapper().copy());
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    ResourceHelper.fromString("marshal-under-test.camel.yaml", MARSHAL_ROUTE));
            camel.start();
            for (Object value : values) {
                String marshalled = camel.createProducerTemplate().requestBody("direct:marshal", value, String.class);
                assertThat(marshalled).as("marshal of %s", value).isEqualTo(Json.write(value));
            }
        }
        assertThat(Json.write(values.get(0))).contains("\"amount\":10.0", "\"tiny\":0.0000001", "\"large\":1000",
                "\"at\":\"2026-03-01T10:15:30.123456Z\"", "\"missing\":null");
    }

    @Test
    void every_json_marshal_and_unmarshal_in_the_routes_uses_the_json_mapper() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                List<JsonNode> formats = new ArrayList<>();
                collect(new YAMLMapper().readTree(file.toFile()), formats);
                for (JsonNode json : formats) {
                    checked++;
                    if (!"#jsonMapper".equals(json.path("objectMapper").asText())
                            || !"Jackson".equals(json.path("library").asText("Jackson"))) {
                        wrong.add(file.getFileName() + ": " + json);
                    }
                }
            }
        }
        assertThat(checked).as("JSON marshal steps found").isGreaterThan(10);
        assertThat(wrong).as("JSON data formats without the project's mapper").isEmpty();
    }

    /** The json data format of every marshal and unmarshal step, at any depth. */
    private static void collect(JsonNode node, List<JsonNode> formats) {
        if (node.isObject()) {
            for (String step : List.of("marshal", "unmarshal")) {
                if (node.path(step).has("json")) {
                    formats.add(node.path(step).path("json"));
                }
            }
        }
        node.forEach(child -> collect(child, formats));
    }
}
