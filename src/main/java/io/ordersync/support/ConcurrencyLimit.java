package io.ordersync.support;

import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * At most so many requests of one kind in progress at a time; one more is refused at once (503 + Retry-After), never
 * queued. The HTTP server runs each request's route on a Vert.x worker thread for the whole of its processing, and
 * the same worker pool (20 threads) serves {@code /observe/health} and every other request: an EDI upload can take
 * minutes (a 200 MB file), so without a limit a few partners uploading at once took every worker and the whole API
 * and health stopped answering until they were done. Waiting for a free slot would hold a worker too, so there is
 * no waiting.
 */
public class ConcurrencyLimit {

    /** Too many requests of the kind in progress: retry later. */
    public static class BusyException extends RuntimeException {
        private final int retryAfterSeconds;

        public BusyException(String message, int retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final String what;
    private final String property;
    private final int limit;
    private final int retryAfterSeconds;
    private final Semaphore slots;

    /**
     * @param what     the kind of request, for the answer (e.g. "EDI uploads")
     * @param property the configuration property that sets the limit, named in the answer
     */
    public ConcurrencyLimit(String what, String property, int limit, int retryAfterSeconds) {
        if (limit < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, was " + limit);
        }
        this.what = what;
        this.property = property;
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
        this.slots = new Semaphore(limit);
    }

    /** Takes a slot until the exchange is done (completed or failed), or refuses the request. */
    public void enter(Exchange exchange) {
        if (!slots.tryAcquire()) {
            throw new BusyException(limit + " " + what + " are in progress, the most taken at a time (" + property
                    + "); nothing was accepted, retry later", retryAfterSeconds);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                slots.release();
            }
        });
    }

    /** Slots free now. */
    public int available() {
        return slots.availablePermits();
    }
}
