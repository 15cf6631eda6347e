package io.ordersync.erp;

/**
 * The ERP could not answer now (5xx, SOAP Server fault, timeout). Order delivery pauses the entity's consumer and
 * tries again until the ERP answers ({@link ErpAvailability}); a replay is retried with backoff, then dead-lettered.
 */
public class ErpUnavailableException extends RuntimeException {
    public ErpUnavailableException(String message) {
        super(message);
    }
}
