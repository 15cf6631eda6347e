package io.ordersync.erp;

/** The ERP could not answer now (5xx, SOAP Server fault, timeout): retried with backoff, then dead-lettered. */
public class ErpUnavailableException extends RuntimeException {
    public ErpUnavailableException(String message) {
        super(message);
    }
}
