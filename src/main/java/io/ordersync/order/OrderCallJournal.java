package io.ordersync.order;

import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.MessageHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route steps of the one outbound HTTP route ({@code routes/http-call.camel.yaml}): a call made for an order whose
 * caller named the system it calls ({@value ExchangeProperties#HTTP_JOURNAL}) is written to the order's journey
 * ({@link OrderMessages}) with its request, its answer or failure, and how long it took - each attempt, as retries
 * come back through the route. Calls that are not for one order (quotes, reconciliation reads) are
 * not recorded. A journey that cannot be written never fails the call: it is a record of the call, not part of it.
 */
public class OrderCallJournal {

    private static final Logger LOG = LoggerFactory.getLogger(OrderCallJournal.class);
    /** Set by {@link #beforeCall}: the request text and the start, read when the call ends. */
    static final String REQUEST = "ordersyncHttpJournalRequest";
    static final String STARTED = "ordersyncHttpJournalStartedNanos";

    private final OrderMessages messages;
    private final CallOutcomes outcomes;
    private final Clock clock;
    private final SystemCallMetric callMetric;

    public OrderCallJournal(OrderMessages messages, CallOutcomes outcomes, Clock clock, SystemCallMetric callMetric) {
        this.messages = messages;
        this.outcomes = outcomes;
        this.clock = clock;
        this.callMetric = callMetric;
    }

    /** Before the call, body: the request. Keeps the request's text for the record. */
    public void beforeCall(Exchange exchange) {
        if (!journaled(exchange)) {
            return;
        }
        exchange.setProperty(REQUEST, MessageHelper.extractBodyAsString(exchange.getMessage()));
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** After the call, body: the answer (any status the endpoint takes as an answer). */
    public void answered(Exchange exchange) {
        if (!journaled(exchange)) {
            return;
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        record(exchange, status, null, MessageHelper.extractBodyAsString(exchange.getMessage()));
    }

    /**
     * In the catch of the call: records the failure (an HTTP status outside the endpoint's answers, a timeout, a
     * refused connection), then throws the same exception on, so the caller's error handling sees the call fail
     * exactly as if nothing had been recorded.
     */
    public void failed(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (journaled(exchange)) {
            Integer status = null;
            String answer = null;
            if (caught instanceof HttpOperationFailedException http) {
                status = http.getStatusCode();
                answer = http.getResponseBody();
            }
            record(exchange, status, caught == null ? "failed" : describe(caught), answer);
        }
        if (caught != null) {
            throw caught;
        }
    }

    private void record(Exchange exchange, Integer status, String error, String answer) {
        String system = exchange.getProperty(ExchangeProperties.HTTP_JOURNAL, String.class);
        // an answer below 500 is the system's word (a 4xx is about the request): it is there
        boolean answered = status != null && status < 500;
        if (answered) {
            outcomes.answered(system, clock.instant());
        } else {
            outcomes.unanswered(system, clock.instant(), status != null ? "HTTP " + status : error);
        }
        Long started = exchange.getProperty(STARTED, Long.class);
        long tookNanos = started == null ? 0 : System.nanoTime() - started;
        callMetric.record(system, answered, tookNanos);
        try {
            long tookMs = TimeUnit.NANOSECONDS.toMillis(tookNanos);
            String url = exchange.getProperty(ExchangeProperties.HTTP_URI, String.class);
            String path = exchange.getProperty(ExchangeProperties.HTTP_PATH, String.class);
            if (url != null && path != null) {
                int query = url.indexOf('?');
                url = (query < 0 ? url : url.substring(0, query)) + path;
            }
            messages.recordCall(new OrderMessages.Call(exchange.getProperty(ExchangeProperties.ORDER_ID, String.class),
                    clock.instant(), system,
                    exchange.getProperty(ExchangeProperties.HTTP_METHOD, String.class), url,
                    status, error, tookMs,
                    exchange.getProperty(REQUEST, String.class), answer, Correlation.current(exchange)));
        } catch (RuntimeException notRecorded) {
            LOG.warn("The call to {} for order {} could not be written to its journey: {}",
                    exchange.getProperty(ExchangeProperties.HTTP_JOURNAL),
                    exchange.getProperty(ExchangeProperties.ORDER_ID), notRecorded.toString());
        }
    }

    private static boolean journaled(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.HTTP_JOURNAL) != null
                && exchange.getProperty(ExchangeProperties.ORDER_ID) != null;
    }

    private static String describe(Exception caught) {
        String message = caught.getMessage();
        // an endpoint's options (the URL's query) may hold credentials: the journey names the URL without them
        return caught.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\?\\S*", ""));
    }
}
