package io.ordersync.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.CreditMemo;
import io.ordersync.order.Invoice;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderProgress;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.Payment;
import io.ordersync.order.ReturnAuthorization;
import io.ordersync.order.Shipment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final CanonicalOrder ORDER = new CanonicalOrder("1.0", "ord-1", "corr-1", T0,
            new CanonicalOrder.Source("REST", "CRM", null, "801A"), "US01", null, "PO-1", null, null, null, "USD",
            LocalDate.parse("2026-11-23"), LocalDate.parse("2026-12-01"), List.of(
            line(1, "WID-1", "10"), line(2, "WID-2", "2.5"), line(3, "WID-3", "1")), null, null, null);

    private final OrderTimeline timeline = new OrderTimeline(TimelinePolicy.defaults());
    private final List<OrderEvent> recorded = new ArrayList<>(List.of(outcome(OrderEvent.ORDER_ACCEPTED,
            OrderStatus.PARTIALLY_ACCEPTED, List.of(new OrderEvent.LineOutcome(1, "ACCEPTED", null, null),
                    new OrderEvent.LineOutcome(2, "ACCEPTED", null, null),
                    new OrderEvent.LineOutcome(3, "REJECTED", "UNKNOWN_SKU", "no such item")))));

    @Test
    void a_partial_shipment_then_the_rest_moves_the_order_from_partially_shipped_to_shipped() {
        OrderEvent first = shipped("SHP-1", 1, pack("P1", item(1, "4")));
        OrderTimeline.Decision partial = record(first);
        assertThat(partial.event().status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(partial.event().progress().lines()).extracting(OrderProgress.LineProgress::outstanding)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("6"), new BigDecimal("2.5"));

        OrderTimeline.Decision rest = record(shipped("SHP-2", 2, pack("P2", item(1, "6")), pack("P3", item(2, "2.5"))));
        assertThat(rest.event().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(rest.event().progress().shipmentState()).isEqualTo(OrderProgress.SHIPPED);
        assertThat(rest.event().progress().shipments()).extracting(OrderProgress.ShipmentSummary::trackingNumber)
                .containsExactly("TRK-SHP-1", "TRK-SHP-2");
    }

    @Test
    void the_same_shipment_reported_again_under_another_message_id_is_a_duplicate() {
        record(shipped("SHP-1", 1, pack("P1", item(1, "4"))));
        OrderEvent again = shipped("SHP-1", 2, pack("P1", item(1, "4")));

        assertThat(timeline.decide(ORDER, recorded, again).verdict()).isEqualTo(OrderTimeline.Verdict.DUPLICATE);
    }

    @Test
    void shipping_more_than_ordered_is_refused_with_the_line_and_quantities() {
        OrderTimeline.Decision decision = timeline.decide(ORDER, recorded,
                shipped("SHP-1", 1, pack("P1", item(1, "8")), pack("P2", item(1, "3"))));

        assertThat(decision.verdict()).isEqualTo(OrderTimeline.Verdict.REFUSE);
        assertThat(decision.code()).isEqualTo("OVER_SHIPMENT");
        assertThat(decision.reason()).contains("line 1 would have 11 shipped of 10 ordered");
    }

    @Test
    void an_over_shipment_within_the_configured_tolerance_is_recorded() {
        OrderTimeline tolerant = new OrderTimeline(new TimelinePolicy(TimelinePolicy.Rule.HOLD,
                TimelinePolicy.Rule.HOLD, new BigDecimal("10"), Duration.ofHours(1)));

        assertThat(tolerant.decide(ORDER, recorded, shipped("SHP-1", 1, pack("P1", item(1, "11")))).verdict())
                .isEqualTo(OrderTimeline.Verdict.RECORD);
    }

    @Test
    void shipping_a_line_the_erp_rejected_or_that_does_not_exist_is_refused() {
        OrderTimeline.Decision rejectedLine = timeline.decide(ORDER, recorded, shipped("SHP-1", 1, pack("P1", item(3, "1"))));
        OrderTimeline.Decision noLine = timeline.decide(ORDER, recorded, shipped("SHP-1", 1, pack("P1", item(9, "1"))));

        assertThat(rejectedLine.code()).isEqualTo("UNKNOWN_LINE");
        assertThat(rejectedLine.reason()).contains("line 3 was rejected by the ERP");
        assertThat(noLine.reason()).contains("order ord-1 has no line 9");
    }

    @Test
    void events_before_the_erp_acceptance_are_held_and_events_for_a_rejected_order_are_refused() {
        OrderTimeline.Decision early = timeline.decide(ORDER, List.of(), shipped("SHP-1", 1, pack("P1", item(1, "1"))));
        assertThat(early.verdict()).isEqualTo(OrderTimeline.Verdict.HOLD);
        assertThat(early.code()).isEqualTo("AWAITING_ERP_ACCEPTANCE");

        OrderTimeline.Decision afterRejection = timeline.decide(ORDER,
                List.of(outcome(OrderEvent.ORDER_REJECTED, OrderStatus.REJECTED, null)),
                shipped("SHP-1", 1, pack("P1", item(1, "1"))));
        assertThat(afterRejection.verdict()).isEqualTo(OrderTimeline.Verdict.REFUSE);
        assertThat(afterRejection.code()).isEqualTo("ORDER_NOT_ACCEPTED");
    }

    @Test
    void an_invoice_before_any_shipment_follows_the_policy() {
        OrderEvent invoice = invoiced("INV-1", 1, "40.00", "0.00", "40.00", invoiceLine(1, "4", "10.00", "40.00"));

        assertThat(timeline.decide(ORDER, recorded, invoice).verdict()).isEqualTo(OrderTimeline.Verdict.HOLD);
        OrderTimeline refusing = new OrderTimeline(new TimelinePolicy(TimelinePolicy.Rule.REFUSE,
                TimelinePolicy.Rule.HOLD, BigDecimal.ZERO, Duration.ofHours(1)));
        OrderTimeline.Decision refused = refusing.decide(ORDER, recorded, invoice);
        assertThat(refused.verdict()).isEqualTo(OrderTimeline.Verdict.REFUSE);
        assertThat(refused.reason()).contains("no invoice before shipment");
        OrderTimeline allowing = new OrderTimeline(new TimelinePolicy(TimelinePolicy.Rule.ALLOW,
                TimelinePolicy.Rule.HOLD, BigDecimal.ZERO, Duration.ofHours(1)));
        assertThat(allowing.decide(ORDER, recorded, invoice).verdict()).isEqualTo(OrderTimeline.Verdict.RECORD);
    }

    @Test
    void invoicing_more_than_shipped_on_a_line_is_held_and_inconsistent_totals_are_refused() {
        record(shipped("SHP-1", 1, pack("P1", item(1, "4"))));

        OrderTimeline.Decision ahead = timeline.decide(ORDER, recorded,
                invoiced("INV-1", 2, "50.00", "0", "50.00", invoiceLine(1, "5", "10.00", "50.00")));
        assertThat(ahead.verdict()).isEqualTo(OrderTimeline.Verdict.HOLD);
        assertThat(ahead.reason()).contains("line 1 would be invoiced for 5 but 4 shipped");

        OrderTimeline.Decision inconsistent = timeline.decide(ORDER, recorded,
                invoiced("INV-2", 2, "40.00", "3.20", "44.00", invoiceLine(1, "4", "10.00", "40.00")));
        assertThat(inconsistent.verdict()).isEqualTo(OrderTimeline.Verdict.REFUSE);
        assertThat(inconsistent.code()).isEqualTo("INVOICE_TOTALS_INCONSISTENT");
        assertThat(inconsistent.reason()).contains("net 40 + tax 3.2 is not the total 44");
    }

    @Test
    void order_to_cash_in_full_ends_paid_and_partial_payment_is_partially_paid() {
        record(shipped("SHP-1", 1, pack("P1", item(1, "10"), item(2, "2.5"))));
        assertThat(record(delivered("SHP-1", 2)).event().status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(record(invoiced("INV-1", 3, "106.25", "8.50", "114.75",
                invoiceLine(1, "10", "10.00", "100.00"), invoiceLine(2, "2.5", "2.50", "6.25"))).event().status())
                .isEqualTo(OrderStatus.INVOICED);

        OrderTimeline.Decision part = record(paid("PAY-1", 4, "INV-1", "100.00"));
        assertThat(part.event().status()).isEqualTo(OrderStatus.PARTIALLY_PAID);
        OrderTimeline.Decision rest = record(paid("PAY-2", 5, "INV-1", "14.75"));
        assertThat(rest.event().status()).isEqualTo(OrderStatus.PAID);
        assertThat(rest.event().progress().paidAmount()).isEqualByComparingTo("114.75");
        assertThat(rest.event().progress().invoicedAmount()).isEqualByComparingTo("114.75");
    }

    @Test
    void a_delivery_or_payment_that_arrives_before_its_shipment_or_invoice_is_held() {
        OrderTimeline.Decision delivery = timeline.decide(ORDER, recorded, delivered("SHP-9", 1));
        OrderTimeline.Decision payment = timeline.decide(ORDER, recorded, paid("PAY-1", 1, "INV-9", "5"));

        assertThat(delivery.verdict()).isEqualTo(OrderTimeline.Verdict.HOLD);
        assertThat(delivery.code()).isEqualTo("UNKNOWN_SHIPMENT");
        assertThat(payment.verdict()).isEqualTo(OrderTimeline.Verdict.HOLD);
        assertThat(payment.code()).isEqualTo("PAYMENT_BEFORE_INVOICE");
    }

    @Test
    void a_late_allocation_after_the_shipment_is_recorded_without_moving_the_status_back() {
        record(shipped("SHP-1", 5, pack("P1", item(1, "10"), item(2, "2.5"))));

        OrderTimeline.Decision late = record(event(OrderEvent.ORDER_ALLOCATED, "ALLOC-1", 1,
                b -> b.quantities = List.of(item(1, "10"))));

        assertThat(late.verdict()).isEqualTo(OrderTimeline.Verdict.RECORD);
        assertThat(late.event().status()).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void a_backorder_sets_the_expected_delivery_and_the_status_until_shipped() {
        OrderTimeline.Decision backorder = record(event(OrderEvent.ORDER_BACKORDERED, "BO-1", 1, b -> {
            b.quantities = List.of(item(2, "2.5"));
            b.expected = LocalDate.parse("2026-12-20");
        }));

        assertThat(backorder.event().status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(backorder.event().progress().expectedDeliveryDate()).isEqualTo("2026-12-20");
        assertThat(backorder.event().progress().lines().get(1).backordered()).isEqualByComparingTo("2.5");

        // the line that ships now arrives 2026-11-30, the backordered rest still 2026-12-20: the order is complete then
        OrderTimeline.Decision partial = record(shipped("SHP-1", 2, pack("P1", item(1, "10"))));
        assertThat(partial.event().status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(partial.event().progress().expectedDeliveryDate()).isEqualTo("2026-12-20");
        OrderTimeline.Decision rest = record(shipped("SHP-2", 3, pack("P2", item(2, "2.5"))));
        assertThat(rest.event().progress().expectedDeliveryDate()).isEqualTo("2026-11-30");
    }

    @Test
    void returns_and_credit_memos_are_checked_against_what_shipped_and_was_invoiced() {
        record(shipped("SHP-1", 1, pack("P1", item(1, "10"), item(2, "2.5"))));
        record(invoiced("INV-1", 2, "106.25", "0", "106.25"));

        OrderTimeline.Decision tooMany = timeline.decide(ORDER, recorded, event(OrderEvent.RETURN_AUTHORIZED, "R1", 3,
                b -> b.rma = new ReturnAuthorization("RMA-1", "damaged", List.of(item(1, "11")))));
        assertThat(tooMany.code()).isEqualTo("RETURN_EXCEEDS_SHIPPED");
        assertThat(record(event(OrderEvent.RETURN_AUTHORIZED, "R2", 3,
                b -> b.rma = new ReturnAuthorization("RMA-2", "damaged", List.of(item(1, "1"))))).event().status())
                .isEqualTo(OrderStatus.RETURN_AUTHORIZED);

        OrderTimeline.Decision overCredit = timeline.decide(ORDER, recorded, event(OrderEvent.CREDIT_MEMO_ISSUED, "C1", 4,
                b -> b.credit = new CreditMemo("CM-1", "INV-1", new BigDecimal("200"), "USD", "return")));
        assertThat(overCredit.code()).isEqualTo("CREDIT_EXCEEDS_INVOICE");
        OrderTimeline.Decision credit = record(event(OrderEvent.CREDIT_MEMO_ISSUED, "C2", 4,
                b -> b.credit = new CreditMemo("CM-2", "INV-1", new BigDecimal("10.00"), "USD", "return")));
        assertThat(credit.event().status()).isEqualTo(OrderStatus.CREDITED);
        assertThat(credit.event().progress().creditedAmount()).isEqualByComparingTo("10.00");
    }

    @Test
    void a_repeated_event_id_is_a_duplicate() {
        OrderEvent allocation = event(OrderEvent.ORDER_ALLOCATED, "A-1", 1, b -> b.quantities = List.of(item(1, "10")));
        record(allocation);

        assertThat(timeline.decide(ORDER, recorded, allocation).verdict()).isEqualTo(OrderTimeline.Verdict.DUPLICATE);
    }

    // ---- helpers

    private OrderTimeline.Decision record(OrderEvent event) {
        OrderTimeline.Decision decision = timeline.decide(ORDER, recorded, event);
        assertThat(decision.verdict()).as(decision.reason()).isEqualTo(OrderTimeline.Verdict.RECORD);
        recorded.add(decision.event());
        return decision;
    }

    private static CanonicalOrder.Line line(int number, String sku, String quantity) {
        return new CanonicalOrder.Line(number, sku, null, null, null, new BigDecimal(quantity), "EA",
                new BigDecimal("10.00"), null);
    }

    private static LineQuantity item(int line, String quantity) {
        return new LineQuantity(line, "WID-" + line, new BigDecimal(quantity), "EA");
    }

    private static Shipment.ShippedPackage pack(String id, LineQuantity... items) {
        return new Shipment.ShippedPackage(id, null, null, List.of(items));
    }

    private static OrderEvent outcome(String type, OrderStatus status, List<OrderEvent.LineOutcome> lines) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, OrderEvent.eventId("ord-1", type), type, "ord-1", "corr-1",
                T0, status, "US01", null, "NA-1", null, lines);
    }

    private static OrderEvent shipped(String id, int hour, Shipment.ShippedPackage... packages) {
        return event(OrderEvent.ORDER_SHIPPED, id, hour, b -> b.shipment = new Shipment(id, T0.plusSeconds(hour * 3600L),
                "DAL1", "UPSN", "GROUND", "TRK-" + id, LocalDate.parse("2026-11-30"), List.of(packages)));
    }

    private static OrderEvent delivered(String shipmentId, int hour) {
        return event(OrderEvent.ORDER_DELIVERED, shipmentId, hour,
                b -> b.delivery = new OrderEvent.Delivery(shipmentId, T0.plusSeconds(hour * 3600L), "J. Doe"));
    }

    private static OrderEvent invoiced(String number, int hour, String net, String tax, String total,
                                       Invoice.InvoiceLine... lines) {
        return event(OrderEvent.ORDER_INVOICED, number, hour, b -> b.invoice = new Invoice(number,
                LocalDate.parse("2026-11-25"), LocalDate.parse("2026-12-25"), "USD", "NET30",
                lines.length == 0 ? null : List.of(lines), new BigDecimal(net), new BigDecimal(tax),
                new BigDecimal(total)));
    }

    private static Invoice.InvoiceLine invoiceLine(int line, String quantity, String price, String amount) {
        return new Invoice.InvoiceLine(line, "WID-" + line, new BigDecimal(quantity), "EA", new BigDecimal(price),
                new BigDecimal(amount));
    }

    private static OrderEvent paid(String id, int hour, String invoice, String amount) {
        return event(OrderEvent.PAYMENT_RECEIVED, id, hour, b -> b.payment = new Payment(id, invoice,
                new BigDecimal(amount), "USD", LocalDate.parse("2026-12-01"), "ACH"));
    }

    /** Mutable detail for building one event. */
    private static final class Detail {
        List<LineQuantity> quantities;
        LocalDate expected;
        Shipment shipment;
        OrderEvent.Delivery delivery;
        Invoice invoice;
        Payment payment;
        ReturnAuthorization rma;
        CreditMemo credit;
    }

    private static OrderEvent event(String type, String key, int hour, java.util.function.Consumer<Detail> fill) {
        Detail d = new Detail();
        fill.accept(d);
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, "ord-1:" + type + ":" + key, type, "ord-1", "corr-1",
                T0.plusSeconds(hour * 3600L), OrderStatus.ACCEPTED, "US01", null, "NA-1", null, null, "TEST", key,
                d.expected, d.quantities, d.shipment, d.delivery, d.invoice, d.payment, d.rma, d.credit, null);
    }
}
