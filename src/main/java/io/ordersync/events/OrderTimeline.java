package io.ordersync.events;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.Invoice;
import io.ordersync.order.LineQuantity;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderProgress;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.Payment;
import io.ordersync.order.Shipment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine. Given an order, the events already recorded for it and a new fulfilment event, it
 * decides: record it (with the order's new status and progress), ignore it as a duplicate, hold it until the
 * milestone it depends on arrives (events may arrive out of order), or refuse it with a specific reason.
 *
 * <p>The status is derived from everything recorded, ordered by when it happened, never from the last arrival:
 * a late "allocated" after the shipment changes the timeline, not the status. Pure: no I/O, no clock.
 */
public final class OrderTimeline {

    public enum Verdict { RECORD, DUPLICATE, HOLD, REFUSE }

    /** What to do with an event; {@code event} carries the new status and progress when the verdict is RECORD. */
    public record Decision(Verdict verdict, OrderEvent event, String code, String reason) {

        static Decision record(OrderEvent event) {
            return new Decision(Verdict.RECORD, event, null, null);
        }

        static Decision hold(OrderEvent event, String code, String reason) {
            return new Decision(Verdict.HOLD, event, code, reason);
        }

        static Decision refuse(OrderEvent event, String code, String reason) {
            return new Decision(Verdict.REFUSE, event, code, reason);
        }
    }

    private final TimelinePolicy policy;

    public OrderTimeline(TimelinePolicy policy) {
        this.policy = policy;
    }

    public Decision decide(CanonicalOrder order, List<OrderEvent> recorded, OrderEvent incoming) {
        if (recorded.stream().anyMatch(e -> e.eventId().equals(incoming.eventId()))) {
            return new Decision(Verdict.DUPLICATE, incoming, "DUPLICATE_EVENT",
                    "event " + incoming.eventId() + " is already in the timeline");
        }
        State state = State.of(order, recorded);
        String what = describe(incoming);
        if (state.outcome == null || state.outcome == OrderStatus.FAILED) {
            return Decision.hold(incoming, "AWAITING_ERP_ACCEPTANCE", what + " arrived before the ERP's acceptance of"
                    + " order " + order.orderId() + " was recorded; it is applied once the ERP accepts the order");
        }
        if (state.outcome == OrderStatus.REJECTED) {
            return Decision.refuse(incoming, "ORDER_NOT_ACCEPTED", what + " cannot apply: order " + order.orderId()
                    + " was rejected by the ERP");
        }
        Decision problem = switch (incoming.type()) {
            case OrderEvent.ORDER_ALLOCATED, OrderEvent.ORDER_BACKORDERED ->
                    checkLines(state, incoming, what, incoming.quantities());
            case OrderEvent.ORDER_SHIPPED -> checkShipment(state, incoming, what);
            case OrderEvent.ORDER_DELIVERED -> state.shipments.containsKey(incoming.delivery().shipmentId()) ? null
                    : Decision.hold(incoming, "UNKNOWN_SHIPMENT", what + " names shipment "
                    + incoming.delivery().shipmentId() + ", which has not been reported shipped yet");
            case OrderEvent.ORDER_INVOICED -> checkInvoice(state, incoming, what);
            case OrderEvent.PAYMENT_RECEIVED -> checkPayment(state, incoming, what);
            case OrderEvent.RETURN_AUTHORIZED -> checkReturn(state, incoming, what);
            case OrderEvent.CREDIT_MEMO_ISSUED -> checkCreditMemo(state, incoming, what);
            default -> Decision.refuse(incoming, "UNSUPPORTED_EVENT", "event type " + incoming.type()
                    + " is not a fulfilment event");
        };
        if (problem != null) {
            return problem;
        }
        List<OrderEvent> after = new ArrayList<>(recorded);
        after.add(incoming);
        State next = State.of(order, after);
        return Decision.record(incoming.withProgress(next.status(), next.progress()));
    }

    /** The order's status and progress after the given events (used for views and for recording outcomes). */
    public static OrderProgress progress(CanonicalOrder order, List<OrderEvent> recorded) {
        return State.of(order, recorded).progress();
    }

    private Decision checkLines(State state, OrderEvent incoming, String what, List<LineQuantity> quantities) {
        for (LineQuantity line : quantities == null ? List.<LineQuantity>of() : quantities) {
            String unknown = unknownLine(state, line.lineNumber());
            if (unknown != null) {
                return Decision.refuse(incoming, "UNKNOWN_LINE", what + ": " + unknown);
            }
        }
        return null;
    }

    private Decision checkShipment(State state, OrderEvent incoming, String what) {
        Shipment shipment = incoming.shipment();
        if (state.shipments.containsKey(shipment.shipmentId())) {
            return new Decision(Verdict.DUPLICATE, incoming, "DUPLICATE_SHIPMENT", "shipment "
                    + shipment.shipmentId() + " is already in the timeline");
        }
        for (LineQuantity line : shipment.lineTotals()) {
            String unknown = unknownLine(state, line.lineNumber());
            if (unknown != null) {
                return Decision.refuse(incoming, "UNKNOWN_LINE", what + ": " + unknown);
            }
            BigDecimal ordered = state.ordered.get(line.lineNumber());
            BigDecimal allowed = ordered.add(ordered.multiply(policy.overShipmentTolerancePercent())
                    .divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP));
            BigDecimal total = state.shipped(line.lineNumber()).add(line.quantity());
            if (total.compareTo(allowed) > 0) {
                return Decision.refuse(incoming, "OVER_SHIPMENT", what + ": line " + line.lineNumber() + " would have "
                        + plain(total) + " shipped of " + plain(ordered) + " ordered (tolerance "
                        + plain(policy.overShipmentTolerancePercent()) + "%)");
            }
        }
        return null;
    }

    private Decision checkInvoice(State state, OrderEvent incoming, String what) {
        Invoice invoice = incoming.invoice();
        if (state.invoices.containsKey(invoice.invoiceNumber())) {
            return new Decision(Verdict.DUPLICATE, incoming, "DUPLICATE_INVOICE", "invoice "
                    + invoice.invoiceNumber() + " is already in the timeline");
        }
        String inconsistent = inconsistentTotals(invoice);
        if (inconsistent != null) {
            return Decision.refuse(incoming, "INVOICE_TOTALS_INCONSISTENT", what + ": " + inconsistent);
        }
        if (invoice.lines() != null) {
            for (Invoice.InvoiceLine line : invoice.lines()) {
                String unknown = unknownLine(state, line.lineNumber());
                if (unknown != null) {
                    return Decision.refuse(incoming, "UNKNOWN_LINE", what + ": " + unknown);
                }
            }
        }
        String ahead = invoicedAheadOfShipment(state, invoice);
        if (ahead != null) {
            return switch (policy.invoiceBeforeShipment()) {
                case ALLOW -> null;
                case HOLD -> Decision.hold(incoming, "INVOICE_BEFORE_SHIPMENT", what + ": " + ahead
                        + "; held until the shipment is reported (policy: no invoice before shipment)");
                case REFUSE -> Decision.refuse(incoming, "INVOICE_BEFORE_SHIPMENT", what + ": " + ahead
                        + " (policy: no invoice before shipment)");
            };
        }
        return null;
    }

    private Decision checkPayment(State state, OrderEvent incoming, String what) {
        Payment payment = incoming.payment();
        if (state.payments.containsKey(payment.paymentId())) {
            return new Decision(Verdict.DUPLICATE, incoming, "DUPLICATE_PAYMENT", "payment " + payment.paymentId()
                    + " is already in the timeline");
        }
        boolean invoiceKnown = payment.invoiceNumber() == null ? !state.invoices.isEmpty()
                : state.invoices.containsKey(payment.invoiceNumber());
        if (!invoiceKnown) {
            String missing = payment.invoiceNumber() == null ? "the order has no invoice yet"
                    : "invoice " + payment.invoiceNumber() + " has not been recorded";
            return switch (policy.paymentBeforeInvoice()) {
                case ALLOW -> null;
                case HOLD -> Decision.hold(incoming, "PAYMENT_BEFORE_INVOICE", what + ": " + missing
                        + "; held until the invoice is reported");
                case REFUSE -> Decision.refuse(incoming, "PAYMENT_BEFORE_INVOICE", what + ": " + missing);
            };
        }
        return null;
    }

    private Decision checkReturn(State state, OrderEvent incoming, String what) {
        if (state.shipments.isEmpty()) {
            return Decision.hold(incoming, "RETURN_BEFORE_SHIPMENT", what + ": nothing of order "
                    + state.order.orderId() + " has been reported shipped yet");
        }
        List<LineQuantity> lines = incoming.returnAuthorization().lines();
        for (LineQuantity line : lines == null ? List.<LineQuantity>of() : lines) {
            String unknown = unknownLine(state, line.lineNumber());
            if (unknown != null) {
                return Decision.refuse(incoming, "UNKNOWN_LINE", what + ": " + unknown);
            }
            if (line.quantity().compareTo(state.shipped(line.lineNumber())) > 0) {
                return Decision.refuse(incoming, "RETURN_EXCEEDS_SHIPPED", what + ": line " + line.lineNumber()
                        + " returns " + plain(line.quantity()) + " but only "
                        + plain(state.shipped(line.lineNumber())) + " shipped");
            }
        }
        return null;
    }

    private Decision checkCreditMemo(State state, OrderEvent incoming, String what) {
        String invoiceNumber = incoming.creditMemo().invoiceNumber();
        Invoice invoice = invoiceNumber == null ? null : state.invoices.get(invoiceNumber);
        if (invoiceNumber != null && invoice == null) {
            return Decision.hold(incoming, "UNKNOWN_INVOICE", what + ": invoice " + invoiceNumber
                    + " has not been recorded yet");
        }
        if (invoice != null && invoice.totalAmount() != null) {
            BigDecimal credited = state.creditedAgainst(invoiceNumber).add(incoming.creditMemo().amount());
            if (credited.compareTo(invoice.totalAmount()) > 0) {
                return Decision.refuse(incoming, "CREDIT_EXCEEDS_INVOICE", what + ": credits of "
                        + plain(credited) + " would exceed invoice " + invoiceNumber + " of "
                        + plain(invoice.totalAmount()));
            }
        }
        return null;
    }

    private static String unknownLine(State state, int lineNumber) {
        if (state.ordered.containsKey(lineNumber)) {
            return null;
        }
        boolean inOrder = state.order.lines().stream().anyMatch(l -> l.lineNumber() != null && l.lineNumber() == lineNumber);
        return inOrder ? "line " + lineNumber + " was rejected by the ERP"
                : "order " + state.order.orderId() + " has no line " + lineNumber;
    }

    /** Net = sum of line amounts and total = net + tax, where the invoice states them. */
    private static String inconsistentTotals(Invoice invoice) {
        if (invoice.lines() != null && !invoice.lines().isEmpty() && invoice.netAmount() != null
                && invoice.lines().stream().allMatch(l -> l.amount() != null)) {
            BigDecimal sum = invoice.lines().stream().map(Invoice.InvoiceLine::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(invoice.netAmount()) != 0) {
                return "invoice " + invoice.invoiceNumber() + " line amounts add up to " + plain(sum)
                        + ", not the net amount " + plain(invoice.netAmount());
            }
        }
        if (invoice.netAmount() != null && invoice.taxAmount() != null
                && invoice.netAmount().add(invoice.taxAmount()).compareTo(invoice.totalAmount()) != 0) {
            return "invoice " + invoice.invoiceNumber() + " net " + plain(invoice.netAmount()) + " + tax "
                    + plain(invoice.taxAmount()) + " is not the total " + plain(invoice.totalAmount());
        }
        return null;
    }

    /** Null when every invoiced quantity has shipped (invoices without lines need at least one shipment). */
    private static String invoicedAheadOfShipment(State state, Invoice invoice) {
        if (state.shipments.isEmpty()) {
            return "nothing of order " + state.order.orderId() + " has been reported shipped";
        }
        if (invoice.lines() == null) {
            return null;
        }
        for (Invoice.InvoiceLine line : invoice.lines()) {
            BigDecimal invoiced = state.invoiced(line.lineNumber()).add(line.quantity());
            if (invoiced.compareTo(state.shipped(line.lineNumber())) > 0) {
                return "line " + line.lineNumber() + " would be invoiced for " + plain(invoiced) + " but "
                        + plain(state.shipped(line.lineNumber())) + " shipped";
            }
        }
        return null;
    }

    static String describe(OrderEvent event) {
        String detail = switch (event.type()) {
            case OrderEvent.ORDER_SHIPPED -> " shipment " + event.shipment().shipmentId();
            case OrderEvent.ORDER_DELIVERED -> " delivery of shipment " + event.delivery().shipmentId();
            case OrderEvent.ORDER_INVOICED -> " invoice " + event.invoice().invoiceNumber();
            case OrderEvent.PAYMENT_RECEIVED -> " payment " + event.payment().paymentId();
            case OrderEvent.RETURN_AUTHORIZED -> " return " + event.returnAuthorization().rmaNumber();
            case OrderEvent.CREDIT_MEMO_ISSUED -> " credit memo " + event.creditMemo().creditMemoNumber();
            default -> "";
        };
        return event.type() + detail + (event.reportedBy() == null ? "" : " from " + event.reportedBy())
                + (event.sourceEventId() == null ? "" : " (message " + event.sourceEventId() + ")");
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Everything recorded so far, folded in the order things happened. */
    private static final class State {
        final CanonicalOrder order;
        OrderStatus outcome;
        boolean allocated;
        final Map<Integer, BigDecimal> ordered = new LinkedHashMap<>();
        final Map<Integer, String> skus = new LinkedHashMap<>();
        final Map<Integer, BigDecimal> backordered = new LinkedHashMap<>();
        final Map<Integer, BigDecimal> shippedByLine = new LinkedHashMap<>();
        final Map<Integer, BigDecimal> invoicedByLine = new LinkedHashMap<>();
        final Map<String, OrderProgress.ShipmentSummary> shipments = new LinkedHashMap<>();
        final Map<String, Invoice> invoices = new LinkedHashMap<>();
        final Map<String, Payment> payments = new LinkedHashMap<>();
        final Map<String, BigDecimal> creditsByInvoice = new LinkedHashMap<>();
        final Set<String> returns = new LinkedHashSet<>();
        BigDecimal credited = BigDecimal.ZERO;
        final Map<String, LocalDate> shipmentExpected = new LinkedHashMap<>();
        LocalDate openQuantityExpected;
        String currency;

        private State(CanonicalOrder order) {
            this.order = order;
            this.currency = order.currency();
        }

        static State of(CanonicalOrder order, List<OrderEvent> events) {
            State state = new State(order);
            events.stream().sorted(Comparator.comparing(OrderEvent::occurredAt, Comparator.nullsFirst(
                    Comparator.<Instant>naturalOrder()))).forEach(state::apply);
            return state;
        }

        void apply(OrderEvent event) {
            switch (event.type()) {
                case OrderEvent.ORDER_ACCEPTED -> accepted(event);
                case OrderEvent.ORDER_REJECTED -> outcome = OrderStatus.REJECTED;
                case OrderEvent.ORDER_FAILED -> {
                    if (outcome == null) {
                        outcome = OrderStatus.FAILED;
                    }
                }
                case OrderEvent.ORDER_ALLOCATED -> allocated = true;
                case OrderEvent.ORDER_BACKORDERED -> {
                    for (LineQuantity line : event.quantities() == null ? List.<LineQuantity>of() : event.quantities()) {
                        backordered.put(line.lineNumber(), line.quantity());
                    }
                }
                case OrderEvent.ORDER_SHIPPED -> shipped(event.shipment());
                case OrderEvent.ORDER_DELIVERED -> shipments.computeIfPresent(event.delivery().shipmentId(),
                        (id, s) -> new OrderProgress.ShipmentSummary(id, s.carrier(), s.trackingNumber(),
                                s.shippedAt(), event.delivery().deliveredAt() == null ? event.occurredAt()
                                : event.delivery().deliveredAt()));
                case OrderEvent.ORDER_INVOICED -> invoiced(event.invoice());
                case OrderEvent.PAYMENT_RECEIVED -> payments.put(event.payment().paymentId(), event.payment());
                case OrderEvent.RETURN_AUTHORIZED -> returns.add(event.returnAuthorization().rmaNumber());
                case OrderEvent.CREDIT_MEMO_ISSUED -> {
                    credited = credited.add(event.creditMemo().amount());
                    if (event.creditMemo().invoiceNumber() != null) {
                        creditsByInvoice.merge(event.creditMemo().invoiceNumber(), event.creditMemo().amount(),
                                BigDecimal::add);
                    }
                }
                default -> { }
            }
            if (event.shipment() != null && event.shipment().expectedDeliveryDate() != null) {
                shipmentExpected.put(event.shipment().shipmentId(), event.shipment().expectedDeliveryDate());
            } else if (event.expectedDeliveryDate() != null) {
                openQuantityExpected = event.expectedDeliveryDate();
            }
        }

        /**
         * When the customer has everything: the latest of the undelivered shipments' dates and, while quantity is
         * still to ship, the date promised for it (backorder); once all is delivered, the last shipment's date.
         */
        LocalDate expectedDelivery() {
            LocalDate latest = null;
            for (Map.Entry<String, LocalDate> shipment : shipmentExpected.entrySet()) {
                OrderProgress.ShipmentSummary summary = shipments.get(shipment.getKey());
                if (summary == null || summary.deliveredAt() == null) {
                    latest = later(latest, shipment.getValue());
                }
            }
            if (!fullyShipped() && openQuantityExpected != null) {
                latest = later(latest, openQuantityExpected);
            }
            if (latest == null && !shipmentExpected.isEmpty()) {
                latest = shipmentExpected.values().stream().max(Comparator.naturalOrder()).orElse(null);
            }
            return latest != null ? latest : openQuantityExpected;
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            return a == null || b.isAfter(a) ? b : a;
        }

        private void accepted(OrderEvent event) {
            outcome = event.status();
            ordered.clear();
            Set<Integer> rejected = new LinkedHashSet<>();
            if (event.lines() != null) {
                event.lines().stream().filter(l -> "REJECTED".equals(l.status()))
                        .forEach(l -> rejected.add(l.lineNumber()));
            }
            for (CanonicalOrder.Line line : order.lines()) {
                if (line.lineNumber() != null && !rejected.contains(line.lineNumber())) {
                    ordered.put(line.lineNumber(), line.quantity());
                    skus.put(line.lineNumber(), line.sku());
                }
            }
        }

        private void shipped(Shipment shipment) {
            shipments.put(shipment.shipmentId(), new OrderProgress.ShipmentSummary(shipment.shipmentId(),
                    shipment.carrier(), shipment.trackingNumber(), shipment.shippedAt(), null));
            for (LineQuantity line : shipment.lineTotals()) {
                shippedByLine.merge(line.lineNumber(), line.quantity(), BigDecimal::add);
            }
        }

        private void invoiced(Invoice invoice) {
            invoices.put(invoice.invoiceNumber(), invoice);
            if (invoice.currency() != null) {
                currency = invoice.currency();
            }
            if (invoice.lines() != null) {
                for (Invoice.InvoiceLine line : invoice.lines()) {
                    invoicedByLine.merge(line.lineNumber(), line.quantity(), BigDecimal::add);
                }
            }
        }

        BigDecimal shipped(int line) {
            return shippedByLine.getOrDefault(line, BigDecimal.ZERO);
        }

        BigDecimal invoiced(int line) {
            return invoicedByLine.getOrDefault(line, BigDecimal.ZERO);
        }

        BigDecimal creditedAgainst(String invoiceNumber) {
            return creditsByInvoice.getOrDefault(invoiceNumber, BigDecimal.ZERO);
        }

        boolean fullyShipped() {
            return !ordered.isEmpty() && ordered.entrySet().stream()
                    .allMatch(e -> shipped(e.getKey()).compareTo(e.getValue()) >= 0);
        }

        BigDecimal outstanding(int line) {
            return ordered.get(line).subtract(shipped(line)).max(BigDecimal.ZERO);
        }

        boolean anyBackorderOutstanding() {
            return backordered.entrySet().stream().anyMatch(e -> ordered.containsKey(e.getKey())
                    && e.getValue().signum() > 0 && outstanding(e.getKey()).signum() > 0);
        }

        BigDecimal invoicedTotal() {
            return invoices.values().stream().map(Invoice::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal paidTotal() {
            return payments.values().stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        boolean allDelivered() {
            return !shipments.isEmpty() && shipments.values().stream().allMatch(s -> s.deliveredAt() != null);
        }

        String shipmentState() {
            if (shipments.isEmpty()) {
                return OrderProgress.NOT_SHIPPED;
            }
            if (!fullyShipped()) {
                return OrderProgress.PARTIALLY_SHIPPED;
            }
            return allDelivered() ? OrderProgress.DELIVERED : OrderProgress.SHIPPED;
        }

        String paymentState() {
            if (invoices.isEmpty() || paidTotal().signum() == 0) {
                return OrderProgress.UNPAID;
            }
            return paidTotal().add(credited).compareTo(invoicedTotal()) >= 0 ? OrderProgress.PAID
                    : OrderProgress.PARTIALLY_PAID;
        }

        /** Customer-facing status: after-sale states first, then shipping, then money once all has shipped. */
        OrderStatus status() {
            if (credited.signum() > 0) {
                return OrderStatus.CREDITED;
            }
            if (!returns.isEmpty()) {
                return OrderStatus.RETURN_AUTHORIZED;
            }
            String shipping = shipmentState();
            if (OrderProgress.PARTIALLY_SHIPPED.equals(shipping)) {
                return OrderStatus.PARTIALLY_SHIPPED;
            }
            if (!invoices.isEmpty()) {
                return switch (paymentState()) {
                    case OrderProgress.PAID -> OrderStatus.PAID;
                    case OrderProgress.PARTIALLY_PAID -> OrderStatus.PARTIALLY_PAID;
                    default -> OrderStatus.INVOICED;
                };
            }
            if (OrderProgress.DELIVERED.equals(shipping)) {
                return OrderStatus.DELIVERED;
            }
            if (OrderProgress.SHIPPED.equals(shipping)) {
                return OrderStatus.SHIPPED;
            }
            if (anyBackorderOutstanding()) {
                return OrderStatus.BACKORDERED;
            }
            return allocated ? OrderStatus.ALLOCATED : outcome;
        }

        OrderProgress progress() {
            List<OrderProgress.LineProgress> lines = new ArrayList<>();
            for (Map.Entry<Integer, BigDecimal> line : ordered.entrySet()) {
                BigDecimal outstanding = outstanding(line.getKey());
                BigDecimal backorder = backordered.get(line.getKey());
                lines.add(new OrderProgress.LineProgress(line.getKey(), skus.get(line.getKey()), line.getValue(),
                        shipped(line.getKey()), outstanding,
                        backorder == null || outstanding.signum() == 0 ? null : backorder.min(outstanding)));
            }
            return new OrderProgress(shipmentState(), invoices.isEmpty() ? OrderProgress.NOT_INVOICED
                    : OrderProgress.INVOICED, paymentState(), expectedDelivery(), lines,
                    shipments.isEmpty() ? null : List.copyOf(shipments.values()),
                    invoices.isEmpty() ? null : List.copyOf(invoices.keySet()), currency,
                    invoicedTotal(), paidTotal(), credited, returns.isEmpty() ? null : List.copyOf(returns));
        }
    }
}
