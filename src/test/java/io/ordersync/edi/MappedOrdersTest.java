package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every partner document for orders as the intake maps them from partners' own files (an ACME 850 and an EDIFACT
 * ORDERS sample, through the mapping files): accepted, shipped complete in one package and invoiced, each validates
 * and reads back with the independent parsers.
 */
class MappedOrdersTest {

    private final EdiSpecs specs = new EdiSpecs(Path.of("edi-specs"));
    private final InMemoryAckNumbers numbers = new InMemoryAckNumbers();

    @TempDir
    Path out;

    @Test
    void an_x12_partners_850_gets_its_855_856_and_810() throws Exception {
        CanonicalOrder order = mapped("src/test/resources/edi/samples/acme-850-clean.x12");
        PartnerProfiles.Profile acme = OutboundFixtures.acme();
        List<PartnerDocument> documents = List.of(new PurchaseOrderAcknowledgement(specs),
                new AdvanceShipNotice(specs), new X12Invoice(specs));

        for (int i = 0; i < documents.size(); i++) {
            String edi = documents.get(i).write(order, events(order).get(i), acme, numbers, CLOCK);
            JsonNode parsed = IndependentEdiParser.parse(edi, out, documents.get(i).name() + ".x12");
            assertThat(parsed.path("strict").asText()).as(edi).isEqualTo("ok");
            assertThat(parsed.path("interchanges").get(0).path("groups").get(0).path("transactions").get(0)
                    .path("type").asText()).isEqualTo(documents.get(i).name());
        }
    }

    @Test
    void an_edifact_partners_orders_gets_its_ordrsp_desadv_and_invoic() throws Exception {
        CanonicalOrder order = mapped("src/test/resources/edi/schema/edifact-d96a-ORDERS.edi");
        PartnerProfiles.Profile rheinland = OutboundFixtures.rheinland();
        List<PartnerDocument> documents = List.of(new EdifactOrderResponse(specs), new DespatchAdvice(specs),
                new EdifactInvoice(specs));

        for (int i = 0; i < documents.size(); i++) {
            String edi = documents.get(i).write(order, events(order).get(i), rheinland, numbers, CLOCK);
            JsonNode message = ParsedEdifact.onlyMessage(IndependentEdiParser.parse(edi, out,
                    documents.get(i).name() + ".edi", StandardCharsets.ISO_8859_1), documents.get(i).name(),
                    String.valueOf(i + 1));
            assertThat(ParsedEdifact.all(message, "LIN")).hasSize(order.lines().size());
        }
    }

    /** The canonical order the mapping file makes of the sample's first transaction. */
    private CanonicalOrder mapped(String sample) throws Exception {
        EdiReport report = new EdiInspector(specs, new EdiOrderMapping(Path.of("mappings")))
                .inspect(sample, Files.readAllBytes(Path.of(sample)));
        EdiReport.Interchange interchange = report.interchanges().get(0);
        EdiReport.Transaction transaction = interchange.groups() == null || interchange.groups().isEmpty()
                ? interchange.transactions().get(0) : interchange.groups().get(0).transactions().get(0);
        assertThat(transaction.canonicalOrder()).as("mapped order of " + sample).isNotNull();
        return Json.mapper().treeToValue(transaction.canonicalOrder(), CanonicalOrder.class)
                .completed("o-1", "c-1", CLOCK.instant(), "US01");
    }

    /** Accepted as ordered, shipped complete in one package, invoiced at the order's prices. */
    private static List<OrderEvent> events(CanonicalOrder order) {
        List<String> outcomes = new ArrayList<>();
        List<String> items = new ArrayList<>();
        List<String> invoiceLines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        for (CanonicalOrder.Line line : order.lines()) {
            outcomes.add("ACCEPTED");
            items.add("{\"lineNumber\":" + line.lineNumber() + ",\"quantity\":" + line.quantity() + "}");
            invoiceLines.add("{\"lineNumber\":" + line.lineNumber() + ",\"quantity\":" + line.quantity()
                    + ",\"unitPrice\":" + line.unitPrice() + ",\"amount\":" + line.amount() + "}");
            net = net.add(line.amount());
        }
        return List.of(
                OutboundFixtures.accepted("ACCEPTED", outcomes.toArray(String[]::new)),
                OutboundFixtures.event("""
                        {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:w","type":"OrderShipped","orderId":"o-1",
                         "occurredAt":"2026-11-26T14:07:00Z","status":"SHIPPED",
                         "shipment":{"shipmentId":"SHP-1","packages":[{"packageId":"340123450000000011",
                           "items":[%s]}]}}
                        """.formatted(String.join(",", items))),
                OutboundFixtures.event("""
                        {"schemaVersion":"1.1","eventId":"o-1:OrderInvoiced:a","type":"OrderInvoiced","orderId":"o-1",
                         "occurredAt":"2026-11-27T09:00:00Z","status":"INVOICED",
                         "invoice":{"invoiceNumber":"INV-1","invoiceDate":"2026-11-27","lines":[%s],
                           "netAmount":%s,"totalAmount":%s}}
                        """.formatted(String.join(",", invoiceLines), net.toPlainString(), net.toPlainString())));
    }
}
