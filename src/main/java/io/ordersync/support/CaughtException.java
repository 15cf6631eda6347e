package io.ordersync.support;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;

/** The exception an error handler caught, unwrapped to what the failing bean threw. */
public final class CaughtException {

    private CaughtException() {
    }

    /**
     * The exception the exchange caught, as the bean that failed threw it: Camel wraps what a bean expression throws
     * in RuntimeCamelException, and the answer (JSON or SOAP fault) is about the bean's own exception.
     */
    public static Throwable of(Exchange exchange) {
        Throwable current = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // a split that stops at the first failure (stopOnException) wraps it in a CamelExchangeException
        while ((current instanceof RuntimeCamelException || current instanceof CamelExchangeException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
