package io.ordersync.erp;

import io.ordersync.order.OrderStatus;

/**
 * A sales order as its ERP has it now, read for reconciliation.
 *
 * @param erpOrderNumber the ERP's order number asked about
 * @param status         the ERP's own status of the order (e.g. ACCEPTED, PARTIAL, CANCELLED), or null when the ERP
 *                       has no order with this number
 */
public record ErpOrderStatus(String erpOrderNumber, String status) {

    public static ErpOrderStatus notFound(String erpOrderNumber) {
        return new ErpOrderStatus(erpOrderNumber, null);
    }

    public boolean found() {
        return status != null;
    }

    /**
     * The status an ERP gives an order it booked with the outcome ordersync recorded: both ERP APIs say ACCEPTED when
     * every line was accepted and PARTIAL when some were rejected.
     */
    public static String expectedFor(OrderStatus booked) {
        return switch (booked) {
            case ACCEPTED -> "ACCEPTED";
            case PARTIALLY_ACCEPTED -> "PARTIAL";
            default -> throw new IllegalArgumentException(booked + " is not an ERP booking outcome");
        };
    }
}
