package io.ordersync.erp;

/**
 * The ERP refused the request as malformed (400, SOAP Client fault): retrying cannot help, so it goes to the
 * dead-letter store at once for a person to look at.
 */
public class ErpRequestRejectedException extends RuntimeException {
    public ErpRequestRejectedException(String message) {
        super(message);
    }
}
