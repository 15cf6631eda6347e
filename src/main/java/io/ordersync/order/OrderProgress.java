package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where an order stands after its fulfilment events, per line and in money: what the CRM shows to customer
 * service and what other subscribers read without replaying the timeline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderProgress(
        String shipmentState,
        String invoiceState,
        String paymentState,
        LocalDate expectedDeliveryDate,
        List<LineProgress> lines,
        List<ShipmentSummary> shipments,
        List<String> invoiceNumbers,
        String currency,
        BigDecimal invoicedAmount,
        BigDecimal paidAmount,
        BigDecimal creditedAmount,
        List<String> returnAuthorizations) {

    public static final String NOT_SHIPPED = "NOT_SHIPPED";
    public static final String PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED";
    public static final String SHIPPED = "SHIPPED";
    public static final String DELIVERED = "DELIVERED";
    public static final String NOT_INVOICED = "NOT_INVOICED";
    public static final String INVOICED = "INVOICED";
    public static final String UNPAID = "UNPAID";
    public static final String PARTIALLY_PAID = "PARTIALLY_PAID";
    public static final String PAID = "PAID";

    /** One accepted order line: ordered, shipped, still open, and how much of the open quantity is backordered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineProgress(int lineNumber, String sku, BigDecimal ordered, BigDecimal shipped,
                               BigDecimal outstanding, BigDecimal backordered) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShipmentSummary(String shipmentId, String carrier, String trackingNumber, Instant shippedAt,
                                  Instant deliveredAt) {}
}
