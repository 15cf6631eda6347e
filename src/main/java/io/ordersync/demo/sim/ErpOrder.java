package io.ordersync.demo.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An order as evaluated (and, unless rejected, created) by a simulated ERP.
 *
 * @param orderNumber           ERP order number (e.g. {@code NA-100001}); null when the order was rejected
 * @param externalReference     the caller's reference, the idempotency key (ordersync derives it from the order's
 *                              source: the same CRM order or partner PO always has the same reference)
 * @param ordersyncOrderId      ordersync's order id, for people tracing an order (optional, not a key)
 * @param status                {@link #ACCEPTED}, {@link #PARTIAL} or {@link #REJECTED} as created; a stored order may
 *                              later be {@link #CANCELLED} in the ERP (see {@link ErpSimulator#setOrderStatus})
 * @param shipTo                free ship-to object as received (NA only), or null
 * @param reasons               order-level rejection reasons (empty unless rejected)
 * @param createdAt             when the ERP created (or rejected) it
 */
public record ErpOrder(String orderNumber, String externalReference, String ordersyncOrderId, String customerNumber, String currency,
                       LocalDate requestedDeliveryDate, Map<String, Object> shipTo, String status,
                       List<ErpOrderLine> lines, List<Reason> reasons, Instant createdAt) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String PARTIAL = "PARTIAL";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    /** What a stored order's status can be set to. */
    public static final List<String> STORED_STATUSES = List.of(ACCEPTED, PARTIAL, CANCELLED);

    public static final String CREDIT_HOLD = "CREDIT_HOLD";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String ALL_LINES_REJECTED = "ALL_LINES_REJECTED";

    public ErpOrder {
        lines = List.copyOf(lines);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        shipTo = shipTo == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shipTo));
    }

    /** An order-level reason, e.g. {@code CREDIT_HOLD}. */
    public record Reason(String code, String message) {
    }

    public ErpOrder withStatus(String newStatus) {
        return new ErpOrder(orderNumber, externalReference, ordersyncOrderId, customerNumber, currency, requestedDeliveryDate, shipTo,
                newStatus, lines, reasons, createdAt);
    }

    public boolean rejected() {
        return REJECTED.equals(status);
    }
}
