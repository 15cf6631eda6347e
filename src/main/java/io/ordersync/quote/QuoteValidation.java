package io.ordersync.quote;

import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/quote-validation.camel.yaml}: read the request, time the ERP call (route
 * {@code erp-quote-<ENTITY>}), answer from the ERP and keep its figures as reference data, or, when the ERP call
 * failed or timed out, answer from that reference data (source CACHE), or 503 when none is cached.
 */
public class QuoteValidation {

    /** Exchange properties. */
    public static final String REQUEST = ExchangeProperties.QUOTE_REQUEST;
    public static final String ENTITY = ExchangeProperties.QUOTE_ENTITY;
    public static final String ERP_STARTED = ExchangeProperties.QUOTE_ERP_STARTED;

    public static final String OK = "OK";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String UNAVAILABLE = ErpQuoteFailedException.UNAVAILABLE;
    public static final String ERROR = ErpQuoteFailedException.ERROR;

    private static final Logger LOG = LoggerFactory.getLogger(QuoteValidation.class);

    private final QuoteRequestReader reader;
    private final QuoteReferenceCache cache;
    private final QuoteLatencyMetric latency;
    private final Clock clock;
    private final Duration cacheMaxAge;
    private final long timeoutMs;

    public QuoteValidation(QuoteRequestReader reader, QuoteReferenceCache cache, QuoteLatencyMetric latency,
                           Clock clock, Duration cacheMaxAge, long timeoutMs) {
        this.reader = reader;
        this.cache = cache;
        this.latency = latency;
        this.clock = clock;
        this.cacheMaxAge = cacheMaxAge;
        this.timeoutMs = timeoutMs;
    }

    /** Body in: the JSON text. Body out: the request with its legal entity, also kept as exchange property. */
    public QuoteRequest read(String body, Exchange exchange) {
        QuoteRequest request = reader.read(body);
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(ENTITY, request.legalEntity());
        return request;
    }

    public void erpCallStarts(Exchange exchange) {
        exchange.setProperty(ERP_STARTED, System.nanoTime());
    }

    /** Body in: what the ERP answered. Keeps it as reference data (a failure to do so only logs) and answers it. */
    public QuoteAnswer answerFromErp(ErpQuote quote, Exchange exchange) {
        long nanos = elapsedNanos(exchange);
        QuoteRequest request = exchange.getProperty(REQUEST, QuoteRequest.class);
        Instant now = clock.instant();
        try {
            cache.remember(request.legalEntity(), request.customerNumber(), quote, now);
        } catch (RuntimeException e) {
            LOG.warn("Quote for {} answered live, but its figures could not be kept as reference data: {}",
                    request.legalEntity(), e.toString());
        }
        latency.record(request.legalEntity(), OK, nanos);
        answerHeaders(exchange, 200);
        return new QuoteAnswer(request.legalEntity(), request.customerNumber(), request.currency(), QuoteAnswer.ERP, now,
                null, OK, nanos / 1_000_000, quote.credit(), quote.lines(), Correlation.current(exchange));
    }

    /**
     * After the ERP call failed (the caught exception is on the exchange): the answer from reference data, or a
     * 503 error body when nothing usable is cached for the quote.
     */
    public Object answerFromCache(Exchange exchange) {
        long nanos = elapsedNanos(exchange);
        QuoteRequest request = exchange.getProperty(REQUEST, QuoteRequest.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String outcome = outcomeOf(failure);
        latency.record(request.legalEntity(), outcome, nanos);
        long latencyMs = nanos / 1_000_000;
        LOG.warn("Quote for {} customer {}: ERP call ended {} after {} ms ({}); answering from reference data",
                request.legalEntity(), request.customerNumber(), outcome, latencyMs, String.valueOf(failure));
        List<QuoteReferenceCache.ItemKey> items = request.lines().stream()
                .map(l -> new QuoteReferenceCache.ItemKey(l.sku(), l.unitOfMeasure())).toList();
        QuoteReferenceCache.Cached cached = cache.lookup(request.legalEntity(), request.customerNumber(), items);
        String correlationId = Correlation.current(exchange);
        Optional<QuoteAnswer> answer = QuoteFallback.answer(request, cached, clock.instant(), cacheMaxAge, outcome,
                problem(outcome), latencyMs, correlationId);
        if (answer.isPresent()) {
            answerHeaders(exchange, 200);
            return answer.get();
        }
        answerHeaders(exchange, 503);
        exchange.getMessage().setHeader("Retry-After", "5");
        Map<String, Object> error = io.ordersync.support.ApiProblem.body(503, "QUOTE_UNAVAILABLE", "the ERP of " + request.legalEntity() + " " + problem(outcome) + " and no reference data"
                + " younger than " + cacheMaxAge + " is cached for customer " + request.customerNumber()
                + " or any of the " + items.size() + " item(s); retry later");
        error.put("erpOutcome", outcome);
        error.put("latencyMs", latencyMs);
        error.put("correlationId", correlationId);
        return error;
    }

    /** TIMEOUT (connect or answer took longer than the timeout), UNAVAILABLE, or ERROR. */
    static String outcomeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErpQuoteFailedException failed) {
                return failed.outcome();
            }
            // read timeouts (SocketTimeoutException) and the HTTP client's connect timeout are both interrupted I/O
            if (t instanceof InterruptedIOException) {
                return TIMEOUT;
            }
            if (t instanceof IOException) {
                return UNAVAILABLE;
            }
        }
        return ERROR;
    }

    private String problem(String outcome) {
        return switch (outcome) {
            case TIMEOUT -> "did not answer within " + timeoutMs + " ms";
            case UNAVAILABLE -> "is unavailable";
            default -> "could not answer this request";
        };
    }

    private static long elapsedNanos(Exchange exchange) {
        Long started = exchange.getProperty(ERP_STARTED, Long.class);
        return started == null ? 0 : System.nanoTime() - started;
    }

    /** The ERP's response headers must not become ours: only the correlation id, status and type remain. */
    private static void answerHeaders(Exchange exchange, int status) {
        String correlationId = Correlation.current(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Correlation.HEADER, correlationId);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }
}
