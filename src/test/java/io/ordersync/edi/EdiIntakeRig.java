package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.app.Database;
import io.ordersync.deadletter.DeadLetterStore;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.LegalEntities;
import io.ordersync.order.LegalEntityResolver;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The EDI intake as the runtime wires it ({@code EdiConfiguration}), without a runtime: the real
 * {@link EdiInspector}, partner profiles and mappings of {@code mappings/}, {@link OrderIntake} and {@link OrderStore}
 * on a database of its own (migrated by Flyway), dead letters, duplicate store and acknowledgements into a temporary
 * outbox. A Camel context runs the runtime's own routes {@code edi-receive} and {@code order-accept} (the hand-off
 * route, read from {@code routes/}) and stands in for the order pipeline: its {@code direct:publish-order} hands each
 * published order to a consumer.
 */
final class EdiIntakeRig implements AutoCloseable {

    private static final String RECEIVE = "direct:edi-receive";

    final HikariDataSource dataSource;
    final Path outbox;
    private final DefaultCamelContext camel;
    private final ProducerTemplate template;

    private EdiIntakeRig(HikariDataSource dataSource, Path outbox, DefaultCamelContext camel) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    /** On the database at {@code url} (migrated here); every published order goes to {@code published}. */
    static EdiIntakeRig start(String url, Consumer<String> published) throws Exception {
        return start(url, published, EdiLimits.DEFAULTS);
    }

    /** The same, reading within these limits. */
    static EdiIntakeRig start(String url, Consumer<String> published, EdiLimits limits) throws Exception {
        return start(url, published, limits, Path.of("mappings/partners"));
    }

    /** The same, with the partner profiles of {@code partnerProfiles}. */
    static EdiIntakeRig start(String url, Consumer<String> published, EdiLimits limits, Path partnerProfiles)
            throws Exception {
        HikariDataSource dataSource = Database.pool(url, "sa", "", 4);
        Database.migrate(dataSource, url);
        Clock clock = Clock.systemUTC();
        PartnerProfiles partners = PartnerProfiles.load(partnerProfiles);
        EdiSpecs specs = new EdiSpecs(Path.of("edi-specs"));
        OrderStore store = new OrderStore(dataSource);
        JdbcMessageIdRepository keys = new JdbcMessageIdRepository(dataSource, store.transactions(), "order-intake");
        keys.setCreateTableIfNotExists(false);
        OrderIntake orders = new OrderIntake(store, keys, new LegalEntityResolver(LegalEntities.load(
                Path.of("mappings/legal-entities.yaml"), UnaryOperator.identity())), clock);
        Path outbox = Files.createTempDirectory("ordersync-edi-rig-outbox");
        EdiIntake intake = new EdiIntake(new EdiInspector(specs, new EdiOrderMapping(Path.of("mappings"), partners), limits),
                partners, new EdiInterchangeStore(dataSource), orders, new DeadLetters(new DeadLetterStore(dataSource)),
                specs, new InMemoryAckNumbers(1), outbox, clock,
                new ReceivedAcknowledgements(dataSource, new SentDocuments(dataSource, clock)));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("ediIntake", intake);
        camel.getRegistry().bind("orderIntake", orders);
        // the runtime's own routes: edi-receive (from routes/edi-inbound.camel.yaml) and the hand-off route
        // order-accept (routes/order-accept.camel.yaml), under the error handling they are declared with
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration("adapter").errorHandler(noErrorHandler());
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.fromString("edi-receive.camel.yaml", route("routes/edi-inbound.camel.yaml",
                        "edi-receive")),
                ResourceHelper.fromString("order-accept.camel.yaml", route("routes/order-accept.camel.yaml",
                        "order-accept")));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the order pipeline stands in here: each order the hand-off route publishes goes to the consumer
                from("direct:publish-order").process(e -> published.accept(e.getMessage().getBody(String.class)));
                from("direct:publish-event").log("rejection event ${body}");
            }
        });
        camel.start();
        return new EdiIntakeRig(dataSource, outbox, camel);
    }

    /** The file through {@link EdiIntake#receive}: the summary the API answers with. */
    @SuppressWarnings("unchecked")
    Map<String, Object> receive(String fileName, byte[] bytes) {
        return receive(fileName, bytes, null);
    }

    /** The same, for a body whose length its sender states (an inbox file's length header), when not null. */
    Map<String, Object> receive(String fileName, Object body, Long statedLength) {
        return receive(fileName, body, Exchange.FILE_LENGTH, statedLength);
    }

    /** The same, the length stated in this header ({@link Exchange#CONTENT_LENGTH}: an HTTP request's). */
    @SuppressWarnings("unchecked")
    Map<String, Object> receive(String fileName, Object body, String lengthHeader, Long statedLength) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
        if (statedLength != null) {
            exchange.getMessage().setHeader(lengthHeader, statedLength);
        }
        exchange.getMessage().setBody(body);
        template.send(RECEIVE, exchange);
        Throwable failed = exchange.getException();
        // the route's split stops at the first failure and wraps it
        while (failed instanceof org.apache.camel.CamelExchangeException && failed.getCause() != null) {
            failed = failed.getCause();
        }
        if (failed instanceof RuntimeException refused) {
            throw refused;
        }
        if (failed != null) {
            throw new AssertionError("the route failed", failed);
        }
        return exchange.getMessage().getBody(Map.class);
    }

    /** The route of this id in a routes file, alone, as YAML. */
    private static String route(String file, String id) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        for (JsonNode element : yaml.readTree(Path.of(file).toFile())) {
            if (id.equals(element.path("route").path("id").asText())) {
                return yaml.writeValueAsString(yaml.createArrayNode().add(element));
            }
        }
        throw new IllegalStateException("no route " + id + " in " + file);
    }

    /** The dead letters' status, payload and reason, newest first. */
    java.util.List<Map<String, Object>> deadLetters() {
        return new JdbcTemplate(dataSource).queryForList("SELECT status, payload, exception_message FROM dead_letters"
                + " ORDER BY dead_letter_id DESC");
    }

    long storedOrders() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM orders", Long.class);
    }

    /** The outbox files of a partner whose name starts with the prefix, as text. */
    java.util.List<String> outboxFiles(String partner, String prefix) throws IOException {
        Path folder = outbox.resolve(partner);
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Override
    public void close() {
        camel.stop();
        dataSource.close();
    }
}
