package io.ordersync.ops;

import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery that was waiting for its next retry when the runtime began to stop is handed back, not dead-lettered.
 * The delivery error handler does not retry while stopping ({@code allowRedeliveryWhileStopping: false}): it ends
 * the wait at once with "Redelivery not allowed while stopping" and passes the exchange to the dead-letter route,
 * whose first step is this one. Here the exchange is marked as failed and rolled back instead, so nothing is stored
 * as a dead letter and the Kafka consumer does not commit the record's offset: the message is delivered again after
 * the restart (deliveries are idempotent on the order id). Rolled back exchanges are logged by Camel at WARN, without
 * a stack trace.
 */
public final class StoppingDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(StoppingDelivery.class);

    private StoppingDelivery() {
    }

    public static void handBackIfStopping(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean stopping = exchange.getContext().isStopping() || exchange.getContext().isStopped();
        if (caught instanceof RejectedExecutionException && stopping) {
            LOG.info("Runtime stopping: delivery from route {} handed back; its message is delivered again after the"
                    + " restart", exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class));
            exchange.setRollbackOnly(true);
            // the dead letter channel sees the exchange as not handled: it stays failed, the offset is not committed
            exchange.getExchangeExtension().setErrorHandlerHandled(false);
            exchange.setRouteStop(true);
        }
    }
}
