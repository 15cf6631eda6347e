package io.ordersync.events;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderProgress;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What happens to quantity that did not ship: by default it ships when stock arrives; when the new expected
 * delivery is more than {@code maxDelayDays} past what the customer asked for (or unknown), customer service
 * must ask the customer whether to wait or cancel the rest ({@code ordersync.backorder.*}).
 */
public record BackorderPolicy(int maxDelayDays) {

    public static final String SHIP_WHEN_AVAILABLE = "SHIP_WHEN_AVAILABLE";
    public static final String CUSTOMER_DECISION_REQUIRED = "CUSTOMER_DECISION_REQUIRED";

    /** The evaluation for an order with open quantity. */
    public record Evaluation(String decision, String message, LocalDate expectedDeliveryDate,
                             List<OrderProgress.LineProgress> openLines) {}

    /** Null when nothing is open (fully shipped, or nothing shipped and nothing backordered). */
    public Evaluation evaluate(CanonicalOrder order, OrderProgress progress) {
        boolean partiallyShipped = OrderProgress.PARTIALLY_SHIPPED.equals(progress.shipmentState());
        List<OrderProgress.LineProgress> open = progress.lines().stream()
                .filter(l -> l.outstanding().signum() > 0
                        && (partiallyShipped || l.backordered() != null && l.backordered().signum() > 0))
                .toList();
        if (open.isEmpty()) {
            return null;
        }
        LocalDate expected = progress.expectedDeliveryDate();
        LocalDate requested = order.requestedDeliveryDate();
        String what = open.stream().map(l -> plain(l.outstanding()) + " of " + plain(l.ordered()) + " on line "
                + l.lineNumber() + (l.sku() == null ? "" : " (" + l.sku() + ")")).collect(Collectors.joining(", "));
        String lead = (partiallyShipped ? "partial shipment: " : "backorder: ") + what + " still to ship";
        if (expected == null) {
            return new Evaluation(CUSTOMER_DECISION_REQUIRED, lead + "; no expected delivery date was given:"
                    + " ask the customer whether to wait or cancel the rest", null, open);
        }
        long late = requested == null ? 0 : ChronoUnit.DAYS.between(requested, expected);
        if (late > maxDelayDays) {
            return new Evaluation(CUSTOMER_DECISION_REQUIRED, lead + ", expected " + expected + ", " + late
                    + " days after the requested " + requested + " (more than " + maxDelayDays
                    + "): ask the customer whether to wait or cancel the rest", expected, open);
        }
        return new Evaluation(SHIP_WHEN_AVAILABLE, lead + ", expected " + expected
                + (requested == null ? "" : late > 0 ? " (" + late + " days after the requested " + requested + ")"
                : " (on time)") + ": ships when available", expected, open);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
