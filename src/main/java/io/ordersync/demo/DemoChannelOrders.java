package io.ordersync.demo;

import io.ordersync.support.Json;
import static io.ordersync.demo.DemoOrderToCash.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.demo.DemoApi.DemoStepFailed;
import io.ordersync.demo.sim.Carton;
import io.ordersync.demo.sim.FulfilmentOrder;
import io.ordersync.demo.sim.Invoice;
import io.ordersync.demo.sim.LineQuantity;
import io.ordersync.demo.sim.Shipment;
import io.ordersync.demo.sim.StatusEventSources;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's order from every channel other than the CRM, each reaching its ERP: an EDI 850 dropped into the EDI
 * inbox (then shipped and invoiced, so that the partner's outbox gets the 855, 856 and 810), an order file dropped
 * into the file inbox, an eCommerce order on its Kafka topic, and a SOAP SubmitOrder when the SOAP channel exists.
 * Purchase-order numbers and EDI control numbers are new on every run, so a restarted demo is not a repeat.
 */
final class DemoChannelOrders {

    private static final Logger LOG = LoggerFactory.getLogger(DemoChannelOrders.class);
    private static final String EDI_PARTNER = "acme-hardware";
    private static final Duration PARTNER_DOCUMENTS_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SOAP_ORDER_ID = Pattern.compile("<(?:\\w+:)?OrderId>([^<]+)<");

    private final DemoApi api;
    private final StatusEventSources sources;
    private final Instant started;
    private final String run;

    DemoChannelOrders(DemoApi api, StatusEventSources sources, Instant started, String run) {
        this.api = api;
        this.sources = sources;
        this.started = started;
        this.run = run;
    }

    void sendAll() {
        step("EDI 850 from " + EDI_PARTNER, this::ediOrder);
        step("order file drop", this::fileOrder);
        step("eCommerce order on Kafka", this::ecommerceOrder);
        step("SOAP SubmitOrder", this::soapOrder);
    }

    // ------------------------------------------------------------------ EDI

    private String ediOrder() throws IOException {
        String purchaseOrder = "ACME-PO-" + run;
        // ISA13 has nine digits: the run's second keeps it unique across restarts for ~31 years
        long controlNumber = started.getEpochSecond() % 1_000_000_000L;
        String x12 = withControlNumbers(DemoOrders.load("edi/acme-hardware-850.x12"), controlNumber, purchaseOrder);
        String file = "acme-850-" + run + ".x12";
        Path inbox = dropFile(Path.of(api.property("ordersync.edi.inbox")), file, x12);
        LOG.info("EDI: ACME Hardware's 850 (PO {}, interchange {}) dropped into the EDI inbox {}", purchaseOrder,
                controlNumber, inbox.resolve(file));
        String orderId = api.awaitOrderAtErp(purchaseOrder);
        JsonNode view = api.awaitStatus(orderId, "ACCEPTED");
        LOG.info("EDI: PO {} is order {}, ACCEPTED by the ERP of {} as {}", purchaseOrder, orderId,
                view.path("legalEntity").asText(), view.path("erpOrderNumber").asText());

        FulfilmentOrder order = api.fulfilmentOrder(view);
        Shipment shipment = sources.warehouse().ship(order, "SHP-" + run + "-E",
                Carton.of("1ZDEMO" + run + "E", order.allLines().toArray(LineQuantity[]::new))
                        .withWeightKg(new BigDecimal("6.40")));
        api.awaitStatus(orderId, "SHIPPED");
        Invoice invoice = sources.receivables().invoice(order, "INV-" + run + "-E", new BigDecimal("0.00"));
        api.awaitStatus(orderId, "INVOICED");
        LOG.info("EDI: order {} SHIPPED as {} and INVOICED as {} ({} {})", orderId, shipment.shipmentId(),
                invoice.invoiceNumber(), invoice.totalAmount(), invoice.currency());

        // what the partner gets back: one document per milestone, named after what it is about
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("855", purchaseOrder);
        expected.put("856", shipment.shipmentId());
        expected.put("810", invoice.invoiceNumber());
        Path outbox = Path.of(api.property("ordersync.edi.outbox")).resolve(EDI_PARTNER);
        try {
            api.await("855, 856 and 810 in " + outbox, PARTNER_DOCUMENTS_TIMEOUT,
                    () -> partnerDocuments(outbox, expected).size() == expected.size() ? Boolean.TRUE : null);
        } catch (DemoStepFailed e) {
            // logged below, document by document
        }
        Map<String, Path> found = partnerDocuments(outbox, expected);
        List<String> missing = new ArrayList<>();
        expected.forEach((document, about) -> {
            if (found.containsKey(document)) {
                LOG.info("EDI: {} for {} in the partner's outbox: {}", document, about, found.get(document));
            } else {
                missing.add(document + " for " + about);
            }
        });
        if (!missing.isEmpty()) {
            throw new DemoStepFailed("no " + String.join(", no ", missing) + " in " + outbox + " after "
                    + PARTNER_DOCUMENTS_TIMEOUT.toSeconds() + " s");
        }
        return orderId;
    }

    /** Sets ISA13/IEA02, GS06/GE02 and the PO number (BEG03) of an X12 850 with {@code ~} and {@code *}. */
    static String withControlNumbers(String x12, long controlNumber, String purchaseOrder) {
        StringBuilder out = new StringBuilder();
        for (String segment : x12.split("~")) {
            if (segment.isBlank()) {
                out.append(segment);
                continue;
            }
            String[] elements = segment.split("\\*", -1);
            switch (elements[0].strip()) {
                case "ISA" -> elements[13] = String.format("%09d", controlNumber);
                case "IEA" -> elements[2] = String.format("%09d", controlNumber);
                case "GS" -> elements[6] = String.valueOf(controlNumber);
                case "GE" -> elements[2] = String.valueOf(controlNumber);
                case "BEG" -> elements[3] = purchaseOrder;
                default -> { }
            }
            out.append(String.join("*", elements)).append('~');
        }
        return out.toString();
    }

    /** The outbox files that are the given documents ({@code <document>-<reference>-...}), by document. */
    private static Map<String, Path> partnerDocuments(Path outbox, Map<String, String> expected) {
        Map<String, Path> found = new LinkedHashMap<>();
        if (!Files.isDirectory(outbox)) {
            return found;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            files.forEach(file -> expected.forEach((document, about) -> {
                if (file.getFileName().toString().startsWith(document + "-" + about + "-")) {
                    found.put(document, file);
                }
            }));
        } catch (IOException e) {
            throw new DemoStepFailed("cannot list " + outbox + ": " + e.getMessage());
        }
        return found;
    }

    // ------------------------------------------------------------------ file drop

    private String fileOrder() throws IOException {
        String purchaseOrder = "PO-FILE-" + run;
        ObjectNode order = (ObjectNode) DemoApi.json(DemoOrders.load("files/orders-2026-11-24.json")).get(0);
        order.put("poNumber", purchaseOrder);
        String file = "demo-orders-" + run + ".json";
        Path inbox = dropFile(Path.of(api.property("ordersync.files.inbox")), file,
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(order));
        LOG.info("File drop: {} (PO {}) dropped into the order inbox {}", file, purchaseOrder, inbox);
        String orderId = api.awaitOrderAtErp(purchaseOrder);
        JsonNode view = api.awaitStatus(orderId, "ACCEPTED");
        LOG.info("File drop: PO {} is order {}, ACCEPTED by the ERP of {} as {}", purchaseOrder, orderId,
                view.path("legalEntity").asText(), view.path("erpOrderNumber").asText());
        return orderId;
    }

    /** Writes under a hidden name and renames when complete: the inboxes never read a half-written file. */
    private static Path dropFile(Path inbox, String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path partial = inbox.resolve("." + name + ".part");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return inbox;
    }

    // ------------------------------------------------------------------ eCommerce on Kafka

    private String ecommerceOrder() throws Exception {
        ObjectNode order = (ObjectNode) DemoApi.json(DemoOrders.load("files/ecommerce-order.json"));
        String orderNumber = "WEB-" + run;
        String purchaseOrder = "PO-WEB-" + run;
        order.put("orderNumber", orderNumber).put("customerReference", purchaseOrder);
        String topic = api.property("ordersync.kafka.topic.ecommerce-orders");
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, api.property("ordersync.kafka.brokers"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ordersync-demo-webshop");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, orderNumber, Json.write(order))).get(30, TimeUnit.SECONDS);
        }
        LOG.info("eCommerce: order {} of shop {} (PO {}) published on Kafka topic {}", orderNumber,
                order.path("shop").asText(), purchaseOrder, topic);
        String orderId = api.awaitOrderAtErp(purchaseOrder);
        JsonNode view = api.awaitStatus(orderId, "ACCEPTED");
        LOG.info("eCommerce: order {} is order {}, ACCEPTED by the ERP of {} as {}", orderNumber, orderId,
                view.path("legalEntity").asText(), view.path("erpOrderNumber").asText());
        return orderId;
    }

    // ------------------------------------------------------------------ SOAP

    private String soapOrder() throws IOException {
        if (!api.hasRoute("soap-orders")) {
            LOG.info("SOAP: this runtime has no SOAP order service (routes/order-intake-soap*.yaml); skipped");
            return null;
        }
        String externalId = "SOAP-DEMO-" + run;
        String purchaseOrder = "PO-SOAP-" + run;
        String request = DemoOrders.load("soap-submit-order.xml")
                .replaceFirst("<ord:ExternalOrderId>[^<]*<", "<ord:ExternalOrderId>" + externalId + "<")
                .replaceFirst("<ord:PurchaseOrderNumber>[^<]*<", "<ord:PurchaseOrderNumber>" + purchaseOrder + "<");
        HttpResponse<String> answer = api.post("/soap/orders", "text/xml; charset=utf-8", request,
                "SOAPAction", "\"urn:ordersync:orders:v1:SubmitOrder\"");
        Matcher orderId = SOAP_ORDER_ID.matcher(answer.body());
        if (answer.statusCode() != 200 || !orderId.find()) {
            throw new DemoStepFailed("SubmitOrder answered " + answer.statusCode() + " " + answer.body());
        }
        LOG.info("SOAP: SubmitOrder {} (PO {}) answered order {}", externalId, purchaseOrder, orderId.group(1));
        JsonNode view = api.awaitStatus(orderId.group(1), "ACCEPTED");
        LOG.info("SOAP: order {} ACCEPTED by the ERP of {} as {}", orderId.group(1),
                view.path("legalEntity").asText(), view.path("erpOrderNumber").asText());
        return orderId.group(1);
    }
}
