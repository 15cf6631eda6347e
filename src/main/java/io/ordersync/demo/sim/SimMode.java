package io.ordersync.demo.sim;

/**
 * Switchable behaviour of a simulator's business endpoint.
 *
 * <p>Data rules apply in every mode that accepts orders ({@link #ACCEPT}, {@link #REJECT_LINE}, {@link #SLOW}):
 * a SKU starting with {@code UNKNOWN-} is always rejected with {@code UNKNOWN_SKU}, and a customer number
 * starting with {@code HOLD-} is always on credit hold.
 */
public enum SimMode {
    /** Answer normally (default). */
    ACCEPT,
    /** ERP only: lines whose SKU is in {@link SimBehaviour#rejectSkus()} are rejected with {@code UNKNOWN_SKU}. */
    REJECT_LINE,
    /** ERP only: every order is rejected with {@code CREDIT_HOLD}. */
    CREDIT_HOLD,
    /** Every business request answers HTTP 503 with a short plain-text body. */
    UNAVAILABLE,
    /** Every business request answers HTTP 400: the system refuses the request as invalid (a permanent error). */
    REFUSE_REQUEST,
    /** Wait {@link SimBehaviour#delayMs()} before answering normally. */
    SLOW
}
