package io.ordersync.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

/**
 * Puts the exchange's correlation id into the logging MDC before every processor runs, whichever thread runs it
 * (Kafka consumer, HTTP worker, timer, redelivery), so every log line names the order it belongs to.
 */
public class CorrelationMdc implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, org.apache.camel.AsyncCallback callback) {
                String id = exchange.getProperty(Correlation.PROPERTY, String.class);
                if (id != null) {
                    MDC.put(Correlation.MDC_KEY, id);
                } else {
                    MDC.remove(Correlation.MDC_KEY);
                }
                return super.process(exchange, callback);
            }
        };
    }
}
