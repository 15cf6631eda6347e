package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.ordersync.demo.sim.RecordedRequest;
import io.ordersync.demo.sim.SimBehaviour;
import io.ordersync.demo.sim.SimMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /api/v1/quotes/validate through the real runtime: live answers of the NA (REST) and EMEA (SOAP) ERP
 * simulators, and the reference data fallback when they are slow or down. Each database (H2, PostgreSQL) runs every
 * scenario in its own subclass. Quotes that rely on the cache use customers and items of their own, so that no
 * other scenario's quote fills or empties their cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuoteValidationScenarios extends PipelineTestSupport {

    /** Generous for a loaded 2-core machine, so live answers never time out by accident. */
    static final long TIMEOUT_MS = 1500;

    static {
        RuntimeProperties.set("ordersync.quotes.timeout-ms", String.valueOf(TIMEOUT_MS));
    }

    private static final JsonSchema ANSWER_SCHEMA = answerSchema();

    @Test
    void a_us01_quote_is_priced_by_the_na_erp_over_rest() {
        LocalDate inAMonth = today().plusDays(30);
        LocalDate tomorrow = today().plusDays(1);
        HttpResponse<String> response = validate("""
                {"legalEntity": "US01", "customerNumber": "NA-20001", "currency": "USD", "lines": [
                  {"lineNumber": 10, "sku": "HX-2040", "quantity": 12, "unitOfMeasure": "BX", "requestedDate": "%s"},
                  {"lineNumber": 20, "sku": "CB-1125", "quantity": 100.5, "unitOfMeasure": "BG", "requestedDate": "%s"}]}
                """.formatted(inAMonth, tomorrow), "quote-na-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("quote-na-1");
        JsonNode answer = json(response);
        assertMatchesAnswerSchema(answer);
        assertThat(answer.path("source").asText()).isEqualTo("ERP");
        assertThat(answer.path("erpOutcome").asText()).isEqualTo("OK");
        assertThat(answer.has("warning")).isFalse();
        assertThat(answer.path("legalEntity").asText()).isEqualTo("US01");
        assertThat(answer.path("latencyMs").asLong()).isBetween(0L, TIMEOUT_MS);
        assertThat(answer.path("credit").path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("credit").path("availableCredit").decimalValue()).isEqualByComparingTo("50000.00");
        JsonNode bolts = answer.path("lines").get(0);
        assertThat(bolts.path("lineNumber").asInt()).isEqualTo(10);
        assertThat(bolts.path("status").asText()).isEqualTo("OK");
        assertThat(bolts.path("price").path("unitPrice").decimalValue()).isEqualByComparingTo("18.40");
        assertThat(bolts.path("price").path("currency").asText()).isEqualTo("USD");
        assertThat(bolts.path("availableToPromise").path("availableQuantity").decimalValue()).isEqualByComparingTo("500");
        assertThat(bolts.path("availableToPromise").path("promisedDate").asText()).isEqualTo(inAMonth.toString());
        // more cable ties than the ERP has: promised later than asked for
        JsonNode ties = answer.path("lines").get(1);
        assertThat(ties.path("quantity").decimalValue()).isEqualByComparingTo("100.5");
        assertThat(ties.path("availableToPromise").path("availableQuantity").decimalValue()).isEqualByComparingTo("80");
        assertThat(LocalDate.parse(ties.path("availableToPromise").path("promisedDate").asText())).isAfter(tomorrow);

        RecordedRequest erpCall = lastRequest(simulators.erpNa().receivedRequests());
        assertThat(erpCall.path()).isEqualTo("/erp-na/api/v1/quotes");
        assertThat(erpCall.correlationId()).isEqualTo("quote-na-1");
        assertThat(erpCall.body()).contains("\"quantity\":100.5");
        // the caller's credentials stay with ordersync
        assertThat(erpCall.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-API-Key"));
        assertThat(metrics()).contains("ordersync_quotes_erp_latency_seconds_count{legal_entity=\"US01\",outcome=\"OK\"");
    }

    @Test
    void a_quote_without_entity_is_routed_by_customer_rule_to_the_emea_erp_over_soap() {
        HttpResponse<String> response = validate("""
                {"customerNumber": "EU-30001", "currency": "EUR", "lines": [
                  {"sku": "WS-0800", "quantity": 4, "unitOfMeasure": "BX"}]}
                """, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertMatchesAnswerSchema(answer);
        assertThat(answer.path("legalEntity").asText()).isEqualTo("DE01");
        assertThat(answer.path("source").asText()).isEqualTo("ERP");
        assertThat(answer.path("credit").path("status").asText()).isEqualTo("OK");
        JsonNode washers = answer.path("lines").get(0);
        assertThat(washers.path("lineNumber").asInt()).isEqualTo(1);
        assertThat(washers.path("price").path("unitPrice").decimalValue()).isEqualByComparingTo("9.95");
        assertThat(washers.path("price").path("currency").asText()).isEqualTo("EUR");
        assertThat(washers.path("availableToPromise").path("availableQuantity").decimalValue())
                .isEqualByComparingTo("1200");
        assertThat(LocalDate.parse(washers.path("availableToPromise").path("promisedDate").asText()))
                .isAfterOrEqualTo(today());

        RecordedRequest erpCall = lastRequest(simulators.erpEmea().receivedRequests());
        assertThat(erpCall.header("SOAPAction")).isEqualTo("\"urn:ordersync:erp-emea:v1:ValidateQuote\"");
        assertThat(erpCall.body()).contains("<erp:ValidateQuote>").contains("<erp:CustomerNumber>EU-30001<");
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    @Test
    void a_customer_on_credit_hold_is_answered_hold() {
        HttpResponse<String> response = validate("""
                {"legalEntity": "DE01", "customerNumber": "HOLD-EU-4711", "currency": "EUR", "lines": [
                  {"sku": "HX-2040", "quantity": 3, "unitOfMeasure": "BX"}]}
                """, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.path("source").asText()).isEqualTo("ERP");
        assertThat(answer.path("credit").path("status").asText()).isEqualTo("HOLD");
        assertThat(answer.path("credit").path("availableCredit").decimalValue()).isEqualByComparingTo("0");
        // prices and availability are still answered: the sales person sees what the order would cost
        assertThat(answer.path("lines").get(0).path("status").asText()).isEqualTo("OK");
    }

    @Test
    void an_unknown_sku_is_rejected_on_its_line_only() {
        HttpResponse<String> response = validate("""
                {"legalEntity": "US01", "customerNumber": "NA-20001", "currency": "USD", "lines": [
                  {"sku": "SKU-100", "quantity": 5},
                  {"sku": "UNKNOWN-55", "quantity": 1}]}
                """, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertMatchesAnswerSchema(answer);
        assertThat(answer.path("lines").get(0).path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("lines").get(0).path("unitOfMeasure").asText()).isEqualTo("EA");
        assertThat(answer.path("lines").get(0).path("price").path("unitPrice").decimalValue())
                .isEqualByComparingTo("10.10");
        JsonNode unknown = answer.path("lines").get(1);
        assertThat(unknown.path("status").asText()).isEqualTo("REJECTED");
        assertThat(unknown.path("reasonCode").asText()).isEqualTo("UNKNOWN_SKU");
        assertThat(unknown.path("reason").asText()).contains("UNKNOWN-55");
        assertThat(unknown.has("price")).isFalse();
    }

    @Test
    void an_erp_slower_than_the_timeout_is_answered_from_cache_within_the_budget() {
        String customer = "NA-Q" + unique();
        String cachedSku = "SKU-Q" + unique();
        String neverQuotedSku = "SKU-Q" + unique();
        JsonNode live = json(validate(quote("US01", customer, "USD", cachedSku), null));
        assertThat(live.path("source").asText()).isEqualTo("ERP");

        simulators.erpNa().setBehaviour(SimBehaviour.slow(TIMEOUT_MS + 3000));
        long started = System.nanoTime();
        HttpResponse<String> response = validate(quote("US01", customer, "USD", cachedSku, neverQuotedSku), null);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(tookMs).isLessThan(TIMEOUT_MS + 2000);
        JsonNode answer = json(response);
        assertMatchesAnswerSchema(answer);
        assertThat(answer.path("source").asText()).isEqualTo("CACHE");
        assertThat(answer.path("erpOutcome").asText()).isEqualTo("TIMEOUT");
        assertThat(answer.path("latencyMs").asLong()).isGreaterThanOrEqualTo(TIMEOUT_MS - 100);
        assertThat(answer.path("warning").asText()).contains("did not answer within " + TIMEOUT_MS + " ms")
                .contains("1 of 2 line(s)");
        assertThat(closeTo(answer.path("asOf"), live.path("asOf"))).as("asOf is the live answer's time").isTrue();
        JsonNode cached = answer.path("lines").get(0);
        JsonNode liveLine = live.path("lines").get(0);
        assertThat(cached.path("status").asText()).isEqualTo("OK");
        assertThat(cached.path("price").path("unitPrice").decimalValue())
                .isEqualByComparingTo(liveLine.path("price").path("unitPrice").decimalValue());
        assertThat(cached.path("availableToPromise").path("availableQuantity").decimalValue())
                .isEqualByComparingTo(liveLine.path("availableToPromise").path("availableQuantity").decimalValue());
        assertThat(cached.path("availableToPromise").has("promisedDate")).as("no promise from cache").isFalse();
        JsonNode missing = answer.path("lines").get(1);
        assertThat(missing.path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(missing.path("reasonCode").asText()).isEqualTo("NOT_CACHED");
        assertThat(missing.path("reason").asText()).contains(neverQuotedSku);
        assertThat(answer.path("credit").path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("credit").path("availableCredit").decimalValue()).isEqualByComparingTo("50000");
        assertThat(metrics())
                .contains("ordersync_quotes_erp_latency_seconds_count{legal_entity=\"US01\",outcome=\"TIMEOUT\"");
    }

    @Test
    void an_erp_answering_503_is_answered_from_cache() {
        String customer = "EU-Q" + unique();
        String sku = "SKU-Q" + unique();
        JsonNode live = json(validate(quote("DE01", customer, "EUR", sku), null));
        assertThat(live.path("source").asText()).isEqualTo("ERP");

        simulators.erpEmea().behaviour(SimMode.UNAVAILABLE);
        HttpResponse<String> response = validate(quote("DE01", customer, "EUR", sku), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertMatchesAnswerSchema(answer);
        assertThat(answer.path("source").asText()).isEqualTo("CACHE");
        assertThat(answer.path("erpOutcome").asText()).isEqualTo("UNAVAILABLE");
        assertThat(answer.path("warning").asText()).contains("is unavailable");
        assertThat(answer.path("lines").get(0).path("price").path("unitPrice").decimalValue())
                .isEqualByComparingTo(live.path("lines").get(0).path("price").path("unitPrice").decimalValue());
        assertThat(answer.path("lines").get(0).path("price").path("currency").asText()).isEqualTo("EUR");
        assertThat(answer.path("credit").path("asOf").isTextual()).isTrue();
        // one attempt, no retries: a quote is synchronous
        assertThat(simulators.erpEmea().receivedRequests()).hasSize(2);
    }

    @Test
    void with_the_erp_down_and_nothing_cached_the_answer_is_503_with_the_reason() {
        String customer = "NA-Q" + unique();
        simulators.erpNa().behaviour(SimMode.UNAVAILABLE);

        HttpResponse<String> response = validate(quote("US01", customer, "USD", "SKU-Q" + unique()), "quote-503");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = json(response);
        assertThat(error.path("error").asText()).isEqualTo("QUOTE_UNAVAILABLE");
        assertThat(error.path("message").asText()).contains("US01").contains("is unavailable").contains(customer);
        assertThat(error.path("erpOutcome").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error.path("correlationId").asText()).isEqualTo("quote-503");
    }

    @Test
    void an_invalid_request_is_answered_400_with_field_errors_and_reaches_no_erp() {
        HttpResponse<String> response = validate("""
                {"legalEntity": "US01", "currency": "usd", "lines": [
                  {"sku": "SKU-100", "quantity": -1, "requestedDate": "tomorrow"}]}
                """, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.path("error").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("fieldErrors").findValuesAsText("field")).contains("$.customerNumber", "$.currency",
                "$.lines[0].quantity", "$.lines[0].requestedDate");
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    @Test
    void an_unknown_entity_a_wrong_currency_or_an_impossible_date_are_field_errors() {
        Map<String, String> fieldOf = Map.of(
                quote("XX01", "NA-20001", "USD", "SKU-100"), "$.legalEntity",
                quote("US01", "NA-20001", "EUR", "SKU-100"), "$.currency",
                quote(null, "ZZ-1", "USD", "SKU-100"), "$.legalEntity",
                """
                {"legalEntity": "US01", "customerNumber": "NA-20001", "currency": "USD", "lines": [
                  {"sku": "SKU-100", "quantity": 1, "requestedDate": "2026-02-30"}]}
                """, "$.lines[0].requestedDate");
        fieldOf.forEach((body, field) -> {
            HttpResponse<String> response = validate(body, null);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
            assertThat(json(response).path("fieldErrors").findValuesAsText("field")).as(body).containsExactly(field);
        });
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    @Test
    void without_credentials_the_answer_is_401() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/quotes/validate")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(quote("US01", "NA-20001", "USD", "SKU-100"))).build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    static HttpResponse<String> validate(String body, String correlationId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/quotes/validate")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return send(request.build());
    }

    /** A quote of 3 of each SKU; {@code legalEntity} null leaves the choice to the customer rules. */
    static String quote(String legalEntity, String customerNumber, String currency, String... skus) {
        StringBuilder lines = new StringBuilder();
        for (String sku : skus) {
            lines.append(lines.length() == 0 ? "" : ", ").append("{\"sku\": \"").append(sku)
                    .append("\", \"quantity\": 3}");
        }
        return "{" + (legalEntity == null ? "" : "\"legalEntity\": \"" + legalEntity + "\", ")
                + "\"customerNumber\": \"" + customerNumber + "\", \"currency\": \"" + currency + "\", \"lines\": ["
                + lines + "]}";
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static String metrics() {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/metrics"))).GET().build()).body();
    }

    private static RecordedRequest lastRequest(List<RecordedRequest> requests) {
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    /** The same instant, give or take the database's timestamp precision. */
    private static boolean closeTo(JsonNode a, JsonNode b) {
        return Duration.between(Instant.parse(a.asText()), Instant.parse(b.asText())).abs().toMillis() < 1;
    }

    private static void assertMatchesAnswerSchema(JsonNode answer) {
        assertThat(ANSWER_SCHEMA.validate(answer)).as(answer.toString()).isEmpty();
    }

    private static JsonSchema answerSchema() {
        try (InputStream in = QuoteValidationScenarios.class.getResourceAsStream(
                "/schema/quote-validation-answer-1.0.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
