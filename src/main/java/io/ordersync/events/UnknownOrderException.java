package io.ordersync.events;

/** A status report names an order ordersync does not know (yet): retried, since the ERP's acceptance may still be on its way, then dead-lettered for replay. */
public class UnknownOrderException extends RuntimeException {
    public UnknownOrderException(String message) {
        super(message);
    }
}
