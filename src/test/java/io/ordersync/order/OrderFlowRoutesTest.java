package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ordersync.edi.EdiIntake;
import io.ordersync.intake.FileOrderIntake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The intake flow as the routes of {@code routes/} declare it (docs/order-flow.md): every channel reaches the one
 * hand-off route ({@code direct:accept-order}, route order-accept) through a route step, only that route publishes
 * what a channel brought, and no intake bean sends anywhere itself - every edge of the flow is a route step, visible
 * in the route diagrams.
 */
class OrderFlowRoutesTest {

    private static final String HAND_OFF = "direct:accept-order";
    private static final String PUBLISH_ORDER = "direct:publish-order";

    /** Every route of routes/ by id: the endpoints its steps send to (to, toD, enrich, wireTap), nested steps too. */
    private static final Map<String, List<String>> SENDS = new LinkedHashMap<>();

    @BeforeAll
    static void readRoutes() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode element : yaml.readTree(file.toFile())) {
                    JsonNode route = element.path("route");
                    if (!route.isMissingNode()) {
                        List<String> sends = new ArrayList<>();
                        collect(route.path("from").path("steps"), sends);
                        SENDS.put(route.path("id").asText(), sends);
                    }
                }
            }
        }
    }

    private static void collect(JsonNode node, List<String> sends) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (List.of("to", "toD", "enrich", "wireTap").contains(field.getKey())) {
                    JsonNode target = field.getValue();
                    sends.add(target.isTextual() ? target.asText() : target.path("uri").asText());
                }
                collect(field.getValue(), sends);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, sends));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-intake-rest", "soap-submit-order", "ecommerce-order-intake", "order-file-inbox",
            "edi-receive"})
    void every_channel_hands_its_orders_to_the_one_hand_off_route(String channelRoute) {
        assertThat(SENDS).containsKey(channelRoute);
        assertThat(SENDS.get(channelRoute)).as(channelRoute).contains(HAND_OFF).doesNotContain(PUBLISH_ORDER);
    }

    @Test
    void the_hand_off_route_is_the_only_intake_route_that_publishes_orders() {
        assertThat(SENDS.get("order-accept")).containsExactly(PUBLISH_ORDER, "direct:publish-event");
        List<String> publishing = SENDS.entrySet().stream().filter(e -> e.getValue().contains(PUBLISH_ORDER))
                .map(Map.Entry::getKey).toList();
        // the outbox relay re-publishes what is stored but not confirmed on Kafka; reconciliation's heal re-publishes
        // an order stuck without an ERP answer (both send what is stored, neither takes orders in)
        assertThat(publishing).containsExactlyInAnyOrder("order-accept", "outbox-relay",
                "reconciliation-check-stuck-orders");
    }

    @Test
    void no_intake_bean_sends_by_itself() {
        for (Class<?> bean : List.of(OrderIntake.class, FileOrderIntake.class, EdiIntake.class)) {
            assertThat(Arrays.stream(bean.getDeclaredFields()).map(f -> f.getType()).toList()).as(bean.getName())
                    .noneMatch(ProducerTemplate.class::isAssignableFrom);
        }
    }
}
