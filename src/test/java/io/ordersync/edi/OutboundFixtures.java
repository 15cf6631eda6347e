package io.ordersync.edi;

import io.ordersync.support.Json;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Orders and events for the partner document tests: an order of three lines (decimal quantities and prices, a
 * buyer's part number and a GTIN on the first) from ACME Hardware (X12) or Rheinland Technik (EDIFACT), a partial
 * shipment of it in two packages, and an invoice for what shipped. Events are read from JSON, as they arrive on the
 * order-events topic.
 */
final class OutboundFixtures {

    static final PartnerProfiles PROFILES = PartnerProfiles.load(Path.of("mappings/partners"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:30:00Z"), ZoneOffset.UTC);

    private OutboundFixtures() {
    }

    static PartnerProfiles.Profile acme() {
        return PROFILES.byId("acme-hardware").orElseThrow();
    }

    static PartnerProfiles.Profile rheinland() {
        return PROFILES.byId("rheinland-technik").orElseThrow();
    }

    /** ACME's order PO-4711 (X12 850, USD) for 10 hammers, 25.5 kg of nails and 12 boxes of screws. */
    static CanonicalOrder acmeOrder() {
        return order("ACMEHARDWARE", "PO-4711", "USD", new CanonicalOrder.Party("ACME Hardware DC East",
                "1200 Industrial Way", "Columbus", "OH", "43215", "US"));
    }

    /** Rheinland's order 4500012345 (EDIFACT ORDERS, EUR), the same lines, delivered to Köln. */
    static CanonicalOrder rheinlandOrder() {
        return order("4012345000009", "4500012345", "EUR", new CanonicalOrder.Party(
                "Rheinland Technik GmbH Lager Köln", "Industriestraße 7", "Köln", "NRW", "50667", "DE"));
    }

    private static CanonicalOrder order(String sender, String po, String currency, CanonicalOrder.Party shipTo) {
        List<CanonicalOrder.Line> lines = List.of(
                new CanonicalOrder.Line(1, "SKU-100", "ACME-100", "4006381333931", "Claw hammer",
                        new BigDecimal("10"), "PCE", new BigDecimal("12.50"), null),
                new CanonicalOrder.Line(2, "SKU-200", null, null, "Nails 3x60, loose", new BigDecimal("25.5"), "KGM",
                        new BigDecimal("3.95"), null),
                new CanonicalOrder.Line(3, "SKU-300", null, null, "Wood screws 4x40", new BigDecimal("12"), "BX",
                        new BigDecimal("7.49"), null));
        return new CanonicalOrder(CanonicalOrder.SCHEMA_VERSION, "o-1", "c-1", CLOCK.instant(),
                new CanonicalOrder.Source("EDI", "EDI", sender, po), "US01",
                new CanonicalOrder.Customer("crm-1", "100200", "Buyer"), po,
                new CanonicalOrder.Party("Buyer Inc.", null, null, null, null, null),
                new CanonicalOrder.Party("Buyer Accounts Payable", "PO Box 77", "Columbus", "OH", "43004", "US"),
                shipTo, currency, LocalDate.of(2026, 11, 20), null, lines, null,
                new CanonicalOrder.Terms("NET30", "FCA"), null);
    }

    /**
     * OrderShipped SHP-1001: line 1 complete and 12.75 kg of line 2 in the first package, 8.25 kg more of line 2 in
     * the second; line 3 is not shipped yet.
     */
    static OrderEvent shipped() {
        return event(shippedJson());
    }

    static String shippedJson() {
        return """
                {"schemaVersion":"1.1","eventId":"o-1:OrderShipped:wms-77","type":"OrderShipped","orderId":"o-1",
                 "correlationId":"c-1","occurredAt":"2026-11-26T14:07:00Z","status":"PARTIALLY_SHIPPED",
                 "erpOrderNumber":"SO-900123","reportedBy":"WMS","sourceEventId":"wms-77",
                 "shipment":{"shipmentId":"SHP-1001","shippedAt":"2026-11-26T14:05:00Z","shipFromLocation":"DC-EAST",
                   "carrier":"UPSN","serviceLevel":"UPS GROUND","trackingNumber":"1Z999AA10123456784",
                   "expectedDeliveryDate":"2026-11-30",
                   "packages":[
                     {"packageId":"340123450000000011","weightKg":14.6,
                      "items":[{"lineNumber":1,"sku":"SKU-100","quantity":10,"unitOfMeasure":"PCE"},
                               {"lineNumber":2,"sku":"SKU-200","quantity":12.75,"unitOfMeasure":"KGM"}]},
                     {"packageId":"340123450000000028","trackingNumber":"1Z999AA10123456795","weightKg":8.25,
                      "items":[{"lineNumber":2,"sku":"SKU-200","quantity":8.25,"unitOfMeasure":"KGM"}]}]}}
                """;
    }

    /** OrderInvoiced INV-2026-0042 for what shipped: 10 x 12.50 and 21 kg x 3.95, tax 16.64, total 224.59. */
    static OrderEvent invoiced() {
        return event(invoicedJson());
    }

    static String invoicedJson() {
        return """
                {"schemaVersion":"1.1","eventId":"o-1:OrderInvoiced:ar-5","type":"OrderInvoiced","orderId":"o-1",
                 "correlationId":"c-1","occurredAt":"2026-11-27T09:00:00Z","status":"INVOICED",
                 "erpOrderNumber":"SO-900123","reportedBy":"AR","sourceEventId":"ar-5",
                 "invoice":{"invoiceNumber":"INV-2026-0042","invoiceDate":"2026-11-27","dueDate":"2026-12-27",
                   "currency":"USD","paymentTerms":"NET30",
                   "lines":[{"lineNumber":1,"sku":"SKU-100","quantity":10,"unitOfMeasure":"PCE","unitPrice":12.50,
                             "amount":125.00},
                            {"lineNumber":2,"sku":"SKU-200","quantity":21,"unitOfMeasure":"KGM","unitPrice":3.95,
                             "amount":82.95}],
                   "netAmount":207.95,"taxAmount":16.64,"totalAmount":224.59}}
                """;
    }

    static OrderEvent accepted(String status, String... lineStatuses) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < lineStatuses.length; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"lineNumber\":").append(i + 1).append(",\"status\":\"")
                    .append(lineStatuses[i]).append('"')
                    .append("REJECTED".equals(lineStatuses[i])
                            ? ",\"reasonCode\":\"ITEM_DISCONTINUED\",\"reason\":\"no longer sold\"" : "")
                    .append('}');
        }
        return event("{\"schemaVersion\":\"1.1\",\"eventId\":\"o-1:OrderAccepted\",\"type\":\"OrderAccepted\","
                + "\"orderId\":\"o-1\",\"correlationId\":\"c-1\",\"occurredAt\":\"2026-11-25T08:29:00Z\","
                + "\"status\":\"" + status + "\",\"erpOrderNumber\":\"SO-900123\",\"lines\":[" + lines + "]}");
    }

    static OrderEvent rejected() {
        return event("{\"schemaVersion\":\"1.1\",\"eventId\":\"o-1:OrderRejected\",\"type\":\"OrderRejected\","
                + "\"orderId\":\"o-1\",\"correlationId\":\"c-1\",\"occurredAt\":\"2026-11-25T08:29:00Z\","
                + "\"status\":\"REJECTED\",\"reasons\":[{\"code\":\"CREDIT_HOLD\","
                + "\"message\":\"customer is on credit hold\"}]}");
    }

    /** An event read from its JSON text. */
    static OrderEvent event(String json) {
        return Json.read(json, OrderEvent.class);
    }
}
