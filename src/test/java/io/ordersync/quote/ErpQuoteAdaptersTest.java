package io.ordersync.quote;

import static io.ordersync.demo.sim.ErpEmeaContract.assertMatchesWsdl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.demo.sim.SimBehaviour;
import io.ordersync.demo.sim.SimMode;
import io.ordersync.demo.sim.Simulators;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quote adapters' translation against the ERP simulators: what they send is what the simulators (and, for SOAP,
 * the WSDL's schema) accept, and every answer, fault or failure becomes an {@link ErpQuote} or the right outcome.
 */
class ErpQuoteAdaptersTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Simulators simulators;
    private static CamelContext camel;

    private final ErpRestQuoteAdapter rest = new ErpRestQuoteAdapter();
    private final ErpSoapQuoteAdapter soap = new ErpSoapQuoteAdapter();

    private final QuoteRequest request = new QuoteRequest("US01", "NA-20001", null, "USD", List.of(
            new QuoteRequest.Line(1, "HX-2040", new BigDecimal("12"), "BX", LocalDate.now(ZoneOffset.UTC).plusDays(30)),
            new QuoteRequest.Line(2, "UNKNOWN-55", new BigDecimal("1.5"), "EA", null)));

    @BeforeAll
    static void start() throws Exception {
        simulators = Simulators.startOnFreePorts();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        simulators.close();
    }

    @BeforeEach
    void reset() {
        simulators.resetAll();
    }

    @Test
    void the_na_erp_prices_known_items_and_refuses_unknown_ones() {
        ErpQuote quote = rest.toQuote(request, post(simulators.erpNa().baseUrl() + "/erp-na/api/v1/quotes",
                "application/json", null, rest.toRequest(request)));

        assertThat(quote.credit()).isEqualTo(new QuoteAnswer.Credit("OK", new BigDecimal("50000.00"), "USD", null,
                null));
        QuoteAnswer.Line bolts = quote.lines().get(0);
        assertThat(bolts.status()).isEqualTo("OK");
        assertThat(bolts.price()).isEqualTo(new QuoteAnswer.Price(new BigDecimal("18.40"), "USD"));
        assertThat(bolts.availableToPromise()).isEqualTo(new QuoteAnswer.AvailableToPromise(new BigDecimal("500"),
                request.lines().get(0).requestedDate()));
        QuoteAnswer.Line unknown = quote.lines().get(1);
        assertThat(unknown.status()).isEqualTo("REJECTED");
        assertThat(unknown.reasonCode()).isEqualTo("UNKNOWN_SKU");
        assertThat(unknown.quantity()).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void the_emea_erp_answers_validate_quote_in_the_wsdl_contract() throws Exception {
        simulators.erpEmea().setBehaviour(SimBehaviour.of(SimMode.CREDIT_HOLD));
        QuoteRequest eur = new QuoteRequest("DE01", "EU-30001", null, "EUR", request.lines());
        String envelope = soap.toRequest(eur);
        assertMatchesWsdl(envelope, "ValidateQuote");

        Exchange answer = post(simulators.erpEmea().baseUrl() + "/erp-emea/soap", "text/xml; charset=utf-8",
                "\"" + ErpSoapQuoteAdapter.SOAP_ACTION + "\"", envelope);
        assertMatchesWsdl(answer.getMessage().getBody(String.class), "ValidateQuoteResponse");
        ErpQuote quote = soap.toQuote(eur, answer);

        assertThat(quote.credit().status()).isEqualTo("HOLD");
        assertThat(quote.credit().availableCredit()).isEqualByComparingTo("0");
        assertThat(quote.lines().get(0).price()).isEqualTo(new QuoteAnswer.Price(new BigDecimal("18.40"), "EUR"));
        assertThat(quote.lines().get(0).availableToPromise().promisedDate()).isEqualTo(
                eur.lines().get(0).requestedDate());
        assertThat(quote.lines().get(1).reasonCode()).isEqualTo("UNKNOWN_SKU");
    }

    @Test
    void the_emea_erp_refuses_a_soap_action_of_another_operation_with_a_client_fault() {
        Exchange answer = post(simulators.erpEmea().baseUrl() + "/erp-emea/soap", "text/xml; charset=utf-8",
                "\"urn:ordersync:erp-emea:v1:CreateSalesOrder\"", soap.toRequest(request));

        assertThatThrownBy(() -> soap.toQuote(request, answer))
                .isInstanceOfSatisfying(ErpQuoteFailedException.class,
                        e -> assertThat(e.outcome()).isEqualTo(ErpQuoteFailedException.ERROR))
                .hasMessageContaining("does not match operation ValidateQuote");
    }

    @Test
    void an_erp_that_is_down_is_unavailable_and_a_refused_request_is_an_error() {
        simulators.erpNa().behaviour(SimMode.UNAVAILABLE);
        simulators.erpEmea().behaviour(SimMode.UNAVAILABLE);
        Exchange na = post(simulators.erpNa().baseUrl() + "/erp-na/api/v1/quotes", "application/json", null,
                rest.toRequest(request));
        Exchange emea = post(simulators.erpEmea().baseUrl() + "/erp-emea/soap", "text/xml", null,
                soap.toRequest(request));
        simulators.resetAll();
        Exchange refused = post(simulators.erpNa().baseUrl() + "/erp-na/api/v1/quotes", "application/json", null,
                "{\"customerNumber\": \"NA-1\"}");

        assertThat(outcome(() -> rest.toQuote(request, na))).isEqualTo(QuoteValidation.UNAVAILABLE);
        assertThat(outcome(() -> soap.toQuote(request, emea))).isEqualTo(QuoteValidation.UNAVAILABLE);
        assertThat(outcome(() -> rest.toQuote(request, refused))).isEqualTo(QuoteValidation.ERROR);
    }

    @Test
    void a_line_the_erp_does_not_answer_is_unknown() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody("{\"credit\": {\"status\": \"OK\", \"availableCredit\": 5}, \"lines\": ["
                + "{\"lineNumber\": 1, \"status\": \"OK\", \"unitPrice\": \"2.50\", \"availableQuantity\": 3,"
                + " \"promisedDate\": \"2026-12-01\"}]}");

        ErpQuote quote = rest.toQuote(request, exchange);

        assertThat(quote.lines().get(0).price().unitPrice()).isEqualTo(new BigDecimal("2.50"));
        assertThat(quote.lines().get(1).status()).isEqualTo("UNKNOWN");
        assertThat(quote.lines().get(1).reasonCode()).isEqualTo("NOT_ANSWERED");
    }

    @Test
    void timeouts_refused_connections_and_anything_else_are_told_apart() {
        assertThat(QuoteValidation.outcomeOf(new CamelExecutionException("wrapped", null,
                new SocketTimeoutException("Read timed out")))).isEqualTo(QuoteValidation.TIMEOUT);
        assertThat(QuoteValidation.outcomeOf(new ConnectException("Connection refused")))
                .isEqualTo(QuoteValidation.UNAVAILABLE);
        assertThat(QuoteValidation.outcomeOf(new ErpQuoteFailedException("UNAVAILABLE", "503")))
                .isEqualTo(QuoteValidation.UNAVAILABLE);
        assertThat(QuoteValidation.outcomeOf(new NumberFormatException("x"))).isEqualTo(QuoteValidation.ERROR);
    }

    // ------------------------------------------------------------------ helpers

    private static String outcome(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return QuoteValidation.outcomeOf(e);
        }
        throw new AssertionError("expected the adapter to fail");
    }

    /** What the route's HTTP step leaves on the exchange: the status code and the body. */
    private static Exchange post(String url, String contentType, String soapAction, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (soapAction != null) {
            request.header("SOAPAction", soapAction);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, response.statusCode());
            exchange.getMessage().setBody(response.body());
            return exchange;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
