package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.ordersync.demo.sim.RecordedRequest;
import io.ordersync.it.OtlpReceiver.ReceivedSpan;
import io.ordersync.order.OrderStore;
import io.ordersync.order.UnpublishedOrders;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing (docs/operations.md "Tracing") against a real OTLP receiver: the runtime's own exporter sends its spans over
 * HTTP to {@link OtlpReceiver}, as it would to a collector. One order is one connected trace from the caller's
 * {@code traceparent} through the REST intake, the Kafka hand-off and the ERP call to the CRM update, and the
 * traceparent the ERP and the CRM receive names the span of their call; an EDI file, its orders and its acknowledgement
 * are one trace; an eCommerce record's {@code traceparent} header continues its producer's trace; a broken trace
 * context from a caller starts a trace of its own and costs the order nothing.
 * <p>
 * The settings (tracing on, the receiver's address, a short export delay) are applied by the class that boots the
 * runtime ({@code PipelineScenariosH2IT}): every other scenario group of that runtime runs traced, those of
 * {@code PipelineScenariosPostgresIT} untraced.
 */
abstract class TracingScenarios extends PipelineTestSupport {

    static final OtlpReceiver RECEIVER = OtlpReceiver.shared();

    static {
        RuntimeProperties.set("ordersync.tracing.enabled", true);
        RuntimeProperties.set("otel.exporter.otlp.endpoint", RECEIVER.endpoint());
        // the batch of spans leaves every 200 ms (5 s by default): the tests wait for it
        RuntimeProperties.set("otel.bsp.schedule.delay", 200);
    }

    @BeanInject
    CamelContext context;

    @BeanInject("orderStore")
    OrderStore orderStore;

    @BeforeEach
    void keepSpans() {
        RECEIVER.keepFromNowOn();
    }

    @Test
    void an_order_is_one_trace_from_the_callers_traceparent_through_kafka_to_the_erp_and_crm_calls() {
        String callerTrace = randomHex(16);
        String callerSpan = randomHex(8);
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("us01-two-lines.json", crmId),
                "traceparent", "00-" + callerTrace + "-" + callerSpan + "-01",
                // W3C baggage is neither read nor passed on: whatever a caller puts there stays with the caller
                "baggage", "customer=secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String orderId = json(response).path("orderId").asText();
        String correlationId = json(response).path("correlationId").asText();
        awaitOrderStatus(orderId, "ACCEPTED");
        RecordedRequest erpCall = await().atMost(Duration.ofSeconds(20)).until(() -> simulators.erpNa()
                .receivedRequests().stream().filter(r -> r.body().contains(orderId)).findFirst(), Optional::isPresent)
                .orElseThrow();
        RecordedRequest crmCall = await().atMost(Duration.ofSeconds(20)).until(() -> simulators.crm()
                .receivedRequests().stream().filter(r -> r.path().endsWith("/" + crmId)).findFirst(),
                Optional::isPresent).orElseThrow();

        // the ERP and the CRM are told the caller's trace, and the span of the call made to each
        String erpSpan = parentSpanOf(erpCall, callerTrace);
        String crmSpan = parentSpanOf(crmCall, callerTrace);
        assertThat(erpCall.header("baggage")).isNull();
        assertThat(crmCall.header("baggage")).isNull();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = RECEIVER.trace(callerTrace);
            assertConnected(trace, callerSpan);
            assertThat(trace).allMatch(span -> "ordersync".equals(span.service()));
            // REST intake: the API call, its parent the caller's span; the order it stored, its entity and channel
            ReceivedSpan intake = only(trace, span -> callerSpan.equals(span.parentSpanId()));
            assertThat(intake.attribute("http.url")).endsWith("/api/v1/orders");
            assertThat(intake.attribute("http.status_code")).isEqualTo("202");
            assertThat(intake.attributes()).containsEntry("ordersync.order.id", orderId)
                    .containsEntry("ordersync.legal_entity", "US01").containsEntry("ordersync.channel", "REST")
                    .containsEntry("ordersync.correlation_id", correlationId);
            assertThat(intake.events()).anySatisfy(event -> {
                assertThat(event.name()).isEqualTo("ordersync.order.stored");
                assertThat(event.attributes()).containsEntry("ordersync.order.id", orderId);
            });
            // the ERP call is the span its traceparent named, made by the consumer of the entity's topic, whose span
            // is a child of the span that published the record (the intake's, or the outbox relay's when the
            // intake's hand-off was not confirmed in time: either continues the order's trace)
            ReceivedSpan erp = span(trace, erpSpan);
            assertThat(erp.attribute("component")).isEqualTo("camel-http");
            assertThat(erp.attribute("http.method")).isEqualTo("POST");
            assertThat(erp.attribute("http.url")).contains("/erp-na/");
            ReceivedSpan consumed = span(trace, erp.parentSpanId());
            assertThat(consumed.attributes()).containsEntry("op", "EVENT_RECEIVED")
                    .containsEntry("messaging.destination.name", "ordersync.orders.US01")
                    .containsEntry("ordersync.order.id", orderId).containsEntry("ordersync.legal_entity", "US01");
            ReceivedSpan published = span(trace, consumed.parentSpanId());
            assertThat(published.attributes()).containsEntry("op", "EVENT_SENT")
                    .containsEntry("messaging.destination.name", "ordersync.orders.US01");
            // so is the CRM update, made by the consumer of the order's events
            ReceivedSpan crm = span(trace, crmSpan);
            assertThat(crm.attribute("http.method")).isEqualTo("PATCH");
            assertThat(crm.attribute("http.status_code")).isEqualTo("204");
            ReceivedSpan events = span(trace, crm.parentSpanId());
            assertThat(events.attributes()).containsEntry("messaging.destination.name", "ordersync.order-events")
                    .containsEntry("ordersync.order.id", orderId);
        });
        assertThat(RECEIVER.refusals()).isEmpty();
    }

    @Test
    void an_edi_file_its_order_its_acknowledgement_and_its_erp_call_are_one_trace() throws IOException {
        int control = ThreadLocalRandom.current().nextInt(800_000_000, 899_999_999);
        String po = "PO-TRACE-" + control;
        Path inbox = Path.of(RuntimeProperties.get("ordersync.edi.inbox"));
        Path part = inbox.resolve(".trace-" + control + ".part");
        Files.writeString(part, acme850(control, po));
        Files.move(part, inbox.resolve("trace-" + control + ".x12"));

        RecordedRequest erpCall = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.erpNa()
                .receivedRequests().stream().filter(r -> r.body().contains(po)).findFirst(), Optional::isPresent)
                .orElseThrow();
        String traceId = erpCall.header("traceparent").split("-")[1];
        String interchange = String.format("%09d", control);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = RECEIVER.trace(traceId);
            // the file's pickup starts the trace: nobody called
            ReceivedSpan root = only(trace, span -> span.parentSpanId().isEmpty());
            assertThat(root.attribute("component")).isEqualTo("camel-file");
            assertConnected(trace, "");
            // the interchange, its partner, and the 997 written for it
            ReceivedSpan read = only(trace, span -> interchange.equals(span.attribute("ordersync.edi.interchange")));
            assertThat(read.attribute("ordersync.partner")).isEqualTo("acme-hardware");
            assertThat(read.events()).anySatisfy(event -> {
                assertThat(event.name()).isEqualTo("ordersync.edi.acknowledgement");
                assertThat(event.attributes()).containsEntry("ordersync.edi.ack.type", "997");
                assertThat(event.attributes().get("ordersync.edi.ack.file"))
                        .startsWith("acme-hardware/997-" + interchange + "-");
            });
            // the order it stored, through Kafka to the ERP call whose traceparent named this trace
            assertThat(root.attribute("ordersync.channel")).isEqualTo("EDI");
            List<String> stored = root.events().stream().filter(event -> event.name().equals("ordersync.order.stored"))
                    .map(event -> event.attributes().get("ordersync.order.id")).toList();
            assertThat(stored).hasSize(1);
            ReceivedSpan erp = span(trace, erpCall.header("traceparent").split("-")[2]);
            assertThat(erp.attribute("http.url")).contains("/erp-na/");
            assertThat(span(trace, erp.parentSpanId()).attribute("ordersync.order.id")).isEqualTo(stored.get(0));
        });
        Path acknowledgement = Path.of(RuntimeProperties.get("ordersync.edi.outbox"), "acme-hardware");
        try (var files = Files.list(acknowledgement)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.startsWith("997-" + interchange));
        }
    }

    /**
     * What a Kafka outage at intake (or a crash between the commit and the send) leaves behind: an order stored in a
     * trace but never handed to Kafka. The outbox relay publishes it in that trace, not in one of its own, and so are
     * its OrderReceived event and, through them, the ERP call and the CRM update.
     */
    @Test
    void an_order_the_outbox_relay_publishes_stays_in_the_trace_it_was_stored_in() {
        Tracer tracer = context.getRegistry().lookupByNameAndType("openTelemetryTracer", Tracer.class);
        String orderId = "ord-" + java.util.UUID.randomUUID();
        String crmId = newCrmId();
        Span intake = tracer.spanBuilder("intake that stored the order").startSpan();
        try (Scope ignored = intake.makeCurrent()) {
            UnpublishedOrders.store(orderStore, orderId, crmId, java.time.Instant.now().minusSeconds(60));
        } finally {
            intake.end();
        }
        String traceId = intake.getSpanContext().getTraceId();

        awaitOrderStatus(orderId, "ACCEPTED");
        RecordedRequest erpCall = await().atMost(Duration.ofSeconds(20)).until(() -> simulators.erpNa()
                .receivedRequests().stream().filter(r -> r.body().contains(orderId)).findFirst(), Optional::isPresent)
                .orElseThrow();
        String erpSpan = parentSpanOf(erpCall, traceId);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = RECEIVER.trace(traceId);
            assertConnected(trace, "");
            // the relay's publications of the order (at least once: a period may send it again before the first
            // send is recorded) are children of the span that stored it; the ERP call's consumer read one of them
            List<ReceivedSpan> relayed = trace.stream()
                    .filter(span -> intake.getSpanContext().getSpanId().equals(span.parentSpanId())
                            && "ordersync.orders.US01".equals(span.attribute("messaging.destination.name")))
                    .toList();
            assertThat(relayed).isNotEmpty().allSatisfy(span -> assertThat(span.attribute("op")).isEqualTo("EVENT_SENT"));
            ReceivedSpan erp = span(trace, erpSpan);
            ReceivedSpan consumed = span(trace, erp.parentSpanId());
            assertThat(relayed).extracting(ReceivedSpan::spanId).contains(consumed.parentSpanId());
            // so is the relay's publication of its OrderReceived event
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.parentSpanId()).isEqualTo(intake.getSpanContext().getSpanId());
                assertThat(span.attributes()).containsEntry("op", "EVENT_SENT")
                        .containsEntry("messaging.destination.name", "ordersync.order-events");
            });
        });
    }

    @Test
    void an_ecommerce_record_with_a_traceparent_header_continues_its_producers_trace_to_the_erp_call()
            throws Exception {
        String producerTrace = randomHex(16);
        String producerSpan = randomHex(8);
        String number = "WEB-T" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String order = Files.readString(Path.of("src/main/resources/demo/files/ecommerce-order.json"))
                .replace("WEB-100045", number);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.resolvePropertyPlaceholders("{{ordersync.kafka.brokers}}"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>("ecommerce-orders", number, order);
            record.headers().add("traceparent", ("00-" + producerTrace + "-" + producerSpan + "-01")
                    .getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }

        // the order reaches its ERP in the producer's trace
        RecordedRequest erpCall = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.erpNa()
                .receivedRequests().stream().filter(r -> String.valueOf(r.header("traceparent"))
                        .contains(producerTrace)).findFirst(), Optional::isPresent).orElseThrow();
        String erpSpan = parentSpanOf(erpCall, producerTrace);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ReceivedSpan> trace = RECEIVER.trace(producerTrace);
            assertConnected(trace, producerSpan);
            ReceivedSpan intake = only(trace, span -> producerSpan.equals(span.parentSpanId()));
            assertThat(intake.attributes()).containsEntry("messaging.destination.name", "ecommerce-orders")
                    .containsEntry("ordersync.channel", "KAFKA");
            assertThat(span(trace, erpSpan).attribute("http.url")).contains("/erp-na/");
        });
    }

    @Test
    void a_broken_trace_context_from_a_caller_starts_a_trace_of_its_own_and_the_order_is_taken() {
        String validTrace = randomHex(16);
        List<String> broken = List.of(
                "not-a-traceparent",
                // all-zero ids are invalid in W3C trace context
                "00-00000000000000000000000000000000-0000000000000000-01",
                // upper case is not W3C
                "00-" + validTrace.toUpperCase() + "-00F067AA0BA902B7-01",
                // version ff is forbidden
                "ff-" + validTrace + "-00f067aa0ba902b7-01",
                "00-" + validTrace + "-00f067aa0ba902b7-01" + "x".repeat(2000));
        for (String traceparent : broken) {
            HttpResponse<String> response = submit(crmOrder("us01-two-lines.json", newCrmId()),
                    "traceparent", traceparent, "tracestate", "=;,".repeat(100));
            assertThat(response.statusCode()).as(traceparent + ": " + response.body()).isEqualTo(202);
            String orderId = json(response).path("orderId").asText();
            awaitOrderStatus(orderId, "ACCEPTED");
            RecordedRequest erpCall = await().atMost(Duration.ofSeconds(20)).until(() -> simulators.erpNa()
                    .receivedRequests().stream().filter(r -> r.body().contains(orderId)).findFirst(),
                    Optional::isPresent).orElseThrow();
            // a fresh, valid trace, never the caller's text
            String sent = erpCall.header("traceparent");
            assertThat(sent).as(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").isNotEqualTo(traceparent);
            assertThat(sent).doesNotContain(validTrace).doesNotContain("00000000000000000000000000000000");
            assertThat(erpCall.header("tracestate")).as(traceparent).isNull();
            String traceId = sent.split("-")[1];
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<ReceivedSpan> trace = RECEIVER.trace(traceId);
                assertConnected(trace, "");
                assertThat(only(trace, span -> span.parentSpanId().isEmpty()).attribute("http.url"))
                        .endsWith("/api/v1/orders");
            });
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The span id a call's W3C traceparent names, after checking that it is of the given trace. */
    private static String parentSpanOf(RecordedRequest call, String traceId) {
        String traceparent = call.header("traceparent");
        assertThat(traceparent).as(call.method() + " " + call.path()).isNotNull()
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        return traceparent.split("-")[2];
    }

    /**
     * Every span's parent is a span of the trace, but for one: the root, whose parent is the caller's span (or none,
     * {@code ""}). A trace split in two (a hand-off that lost the context) fails here.
     */
    private static void assertConnected(List<ReceivedSpan> trace, String rootParent) {
        assertThat(trace).as("spans of the trace").isNotEmpty();
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        List<ReceivedSpan> roots = trace.stream().filter(span -> !ids.contains(span.parentSpanId())).toList();
        assertThat(roots).as("spans whose parent is not in the trace").hasSize(1);
        assertThat(roots.get(0).parentSpanId()).isEqualTo(rootParent);
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, java.util.function.Predicate<ReceivedSpan> which) {
        List<ReceivedSpan> found = trace.stream().filter(which).toList();
        assertThat(found).as("matching spans of " + trace.stream().map(ReceivedSpan::name).toList()).hasSize(1);
        return found.get(0);
    }

    private static ReceivedSpan span(List<ReceivedSpan> trace, String spanId) {
        return only(trace, span -> span.spanId().equals(spanId));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
