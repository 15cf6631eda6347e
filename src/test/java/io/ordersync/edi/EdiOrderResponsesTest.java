package io.ordersync.edi;

import static io.ordersync.edi.OutboundFixtures.CLOCK;
import static io.ordersync.edi.OutboundFixtures.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out of order events to the partner's documents, with the orders in an in-memory database: accepted,
 * shipped and invoiced become 855, 856 and 810 for the X12 partner and ORDRSP, DESADV and INVOIC for the EDIFACT
 * partner, each in the partner's outbox; other events and orders that did not come by EDI send nothing; a document
 * that cannot be written leaves nothing in the outbox.
 */
class EdiOrderResponsesTest {

    private HikariDataSource dataSource;
    private OrderStore orders;
    private EdiOrderResponses responses;
    private DefaultCamelContext camel;

    @TempDir
    Path outbox;

    @BeforeEach
    void ordersFromBothPartners() {
        dataSource = TestDatabases.migratedH2("edi-responses", 4);
        orders = new OrderStore(dataSource);
        store(withId(OutboundFixtures.acmeOrder(), "o-acme"));
        store(withId(OutboundFixtures.rheinlandOrder(), "o-rhein"));
        CanonicalOrder crm = withId(OutboundFixtures.acmeOrder(), "o-crm");
        store(new CanonicalOrder(crm.schemaVersion(), crm.orderId(), crm.correlationId(), crm.receivedAt(),
                new CanonicalOrder.Source("REST", "CRM", null, "crm-77"), crm.legalEntity(), crm.customer(),
                crm.customerPurchaseOrder(), crm.soldTo(), crm.billTo(), crm.shipTo(), crm.currency(),
                crm.orderDate(), null, crm.lines(), null, crm.terms(), null));
        responses = new EdiOrderResponses(orders, PROFILES, new EdiSpecs(Path.of("edi-specs")),
                new InMemoryAckNumbers(), outbox, CLOCK, new SentDocuments(dataSource, CLOCK));
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
        dataSource.close();
    }

    @Test
    void each_partner_gets_its_standards_document_for_acceptance_shipment_and_invoice() throws Exception {
        for (String orderId : List.of("o-acme", "o-rhein")) {
            for (OrderEvent event : List.of(OutboundFixtures.accepted("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"),
                    OutboundFixtures.shipped(), OutboundFixtures.invoiced())) {
                Exchange exchange = exchange(event, orderId);
                assertThat(responses.relevant(exchange)).isEqualTo(event.eventId().replace("o-1", orderId));
                responses.write(exchange);
            }
        }

        assertThat(files("acme-hardware")).satisfiesExactlyInAnyOrder(
                name -> assertThat(name).startsWith("855-PO-4711-OrderAccepted-"),
                name -> assertThat(name).startsWith("856-SHP-1001-OrderShipped-"),
                name -> assertThat(name).startsWith("810-INV-2026-0042-OrderInvoiced-"));
        assertThat(files("rheinland-technik")).satisfiesExactlyInAnyOrder(
                name -> assertThat(name).startsWith("ORDRSP-4500012345-OrderAccepted-"),
                name -> assertThat(name).startsWith("DESADV-SHP-1001-OrderShipped-"),
                name -> assertThat(name).startsWith("INVOIC-INV-2026-0042-OrderInvoiced-"));
        assertThat(content("acme-hardware", "856-")).contains("ST*856*").contains("HL*1**S*1~");
        // the EDIFACT outbox file is ISO 8859-1, as its UNB (UNOC) says
        byte[] desadv = Files.readAllBytes(file("rheinland-technik", "DESADV-"));
        assertThat(new String(desadv, StandardCharsets.ISO_8859_1)).startsWith("UNA:+.? 'UNB+UNOC:3+")
                .contains("NAD+DP+++Rheinland Technik GmbH Lager Köln+Industriestraße 7+Köln");
    }

    @Test
    void other_events_and_orders_not_sent_by_edi_get_nothing() {
        OrderEvent delivered = OutboundFixtures.event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderDelivered:tms-1","type":"OrderDelivered","orderId":"o-1",
                 "occurredAt":"2026-11-30T10:00:00Z","status":"DELIVERED",
                 "delivery":{"shipmentId":"SHP-1001","deliveredAt":"2026-11-30T09:58:00Z","receivedBy":"J. Doe"}}
                """);
        assertThat(responses.relevant(exchange(delivered, "o-acme"))).isNull();
        assertThat(responses.relevant(exchange(OutboundFixtures.shipped(), "o-crm"))).isNull();
        assertThat(responses.relevant(exchange(OutboundFixtures.shipped(), "o-unknown"))).isNull();
    }

    @Test
    void a_document_that_cannot_be_written_leaves_nothing_in_the_outbox() throws Exception {
        OrderEvent noPackages = OutboundFixtures.event("""
                {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:wms-9","type":"OrderShipped","orderId":"o-1",
                 "occurredAt":"2026-11-26T14:07:00Z","status":"SHIPPED",
                 "shipment":{"shipmentId":"SHP-9","packages":[]}}
                """);
        Exchange exchange = exchange(noPackages, "o-rhein");
        assertThat(responses.relevant(exchange)).isEqualTo("o-rhein:OrderShipped:wms-9");

        assertThatThrownBy(() -> responses.write(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shipment SHP-9 has no packages");
        assertThat(files("rheinland-technik")).isEmpty();
    }

    // ================================================================================================ helpers

    private void store(CanonicalOrder order) {
        OrderEvent received = new OrderEvent(OrderEvent.SCHEMA_VERSION, order.orderId() + ":OrderReceived",
                OrderEvent.ORDER_RECEIVED, order.orderId(), order.correlationId(), CLOCK.instant(),
                OrderStatus.RECEIVED, order.legalEntity(), null, null, null, null);
        orders.insert(order, OrderStatus.RECEIVED, "key-" + order.orderId(), null, received);
    }

    private static CanonicalOrder withId(CanonicalOrder o, String orderId) {
        return new CanonicalOrder(o.schemaVersion(), orderId, o.correlationId(), o.receivedAt(), o.source(),
                o.legalEntity(), o.customer(), o.customerPurchaseOrder(), o.soldTo(), o.billTo(), o.shipTo(),
                o.currency(), o.orderDate(), o.requestedDeliveryDate(), o.lines(), o.totals(), o.terms(), o.notes());
    }

    /** The event as the order-events topic delivers it, for the order {@code orderId}. */
    private Exchange exchange(OrderEvent event, String orderId) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(Json.write(event).replace("\"o-1", "\"" + orderId));
        return exchange;
    }

    private List<String> files(String partner) throws Exception {
        Path folder = outbox.resolve(partner);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Path file(String partner, String prefix) throws Exception {
        return outbox.resolve(partner).resolve(files(partner).stream().filter(n -> n.startsWith(prefix))
                .findFirst().orElseThrow());
    }

    private String content(String partner, String prefix) throws Exception {
        return Files.readString(file(partner, prefix), StandardCharsets.ISO_8859_1);
    }
}
