package io.ordersync.ops;

import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

/**
 * Puts the exchange's correlation id, and the id of the order it works for (once a step has named it in the exchange
 * property {@code ordersyncOrderId}), into the logging MDC before every processor runs, whichever thread runs it
 * (Kafka consumer, HTTP worker, timer, redelivery), so every log line names the order it belongs to. With Camel's own
 * {@code camel.exchangeId} beside it, an exchange listed by the admin console (inflight exchanges) leads to its order.
 * <p>
 * Why not camel-mdc (org.apache.camel:camel-mdc 4.17.0, which resolves from Maven Central): tried in its place, it
 * cannot do this job as it is today. (1) Its {@code camel.mdc.customExchangeProperties} option, the name camel-main
 * documents, fails the start ("Error binding property ... customExchangeProperties on bean MDCService"); the bean's
 * own name is {@code customProperties}. (2) It puts an exchange property into the MDC under the property's own
 * name, so the key {@code correlationId} would need the property renamed. (3) Its {@code camel.routeId} is the route
 * the exchange came in by ({@code getFromRouteId}), not the route logging: the lines of order-accept, erp-deliver,
 * order-outcome and crm-status-update were logged as rest-api, order-dispatch-*, outbox-relay (the scenario
 * every_log_line_of_an_order_carries_its_correlation_id failed on it), and its documentation says not to combine it
 * with {@code camel.main.useMdcLogging}, which names the route running. (4) It restores the MDC after every
 * processor, so lines Camel writes between processors (error handler, redelivery) lose the id.
 */
public class CorrelationMdc implements InterceptStrategy {

    /** The MDC key of the order id (logback.xml prints it). */
    public static final String ORDER_ID_MDC_KEY = "orderId";

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
                String orderId = exchange.getProperty(ExchangeProperties.ORDER_ID, String.class);
                if (orderId != null) {
                    MDC.put(ORDER_ID_MDC_KEY, orderId);
                } else {
                    MDC.remove(ORDER_ID_MDC_KEY);
                }
                return super.process(exchange, callback);
            }
        };
    }
}
