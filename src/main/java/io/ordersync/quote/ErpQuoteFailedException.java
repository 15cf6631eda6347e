package io.ordersync.quote;

/**
 * The ERP gave no usable quote: it answered 5xx or a SOAP Server fault ({@link #UNAVAILABLE}), or refused the
 * request or answered something unreadable ({@link #ERROR}). Timeouts and refused connections arrive as the HTTP
 * client's own exceptions. Either way the answer comes from the reference data cache.
 */
public class ErpQuoteFailedException extends RuntimeException {

    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String ERROR = "ERROR";

    private final String outcome;

    public ErpQuoteFailedException(String outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public String outcome() {
        return outcome;
    }
}
