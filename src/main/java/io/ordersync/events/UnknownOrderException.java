package io.ordersync.events;

/**
 * A status report names an order ordersync does not know (yet): the reason of the dead letter a parked report becomes
 * once {@code ordersync.status-events.parked.limit} has passed without its order.
 */
public class UnknownOrderException extends RuntimeException {
    public UnknownOrderException(String message) {
        super(message);
    }
}
