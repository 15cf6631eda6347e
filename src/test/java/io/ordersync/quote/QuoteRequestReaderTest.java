package io.ordersync.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ordersync.order.LegalEntities;
import io.ordersync.order.LegalEntityResolver;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a quote request: the schema, what it cannot say, and the legal entity as for orders. */
class QuoteRequestReaderTest {

    private static final LegalEntities ENTITIES = new LegalEntities(Map.of(
            "US01", new LegalEntities.Entity("US01", "NA", "erp-rest", "http://na", "USD"),
            "DE01", new LegalEntities.Entity("DE01", "EMEA", "erp-soap", "http://emea", "EUR")),
            List.of(new LegalEntities.CustomerRule(null, null, "EU-", "DE01"),
                    new LegalEntities.CustomerRule("001EMEA", null, null, "DE01")));

    private final QuoteRequestReader reader = new QuoteRequestReader(new LegalEntityResolver(ENTITIES));

    @Test
    void a_request_without_entity_gets_it_from_the_customer_rules_and_its_lines_get_defaults() {
        QuoteRequest request = reader.read("""
                {"customerNumber": "EU-30001", "currency": "EUR", "lines": [
                  {"sku": "WS-0800", "quantity": 4.250},
                  {"lineNumber": 7, "sku": "HX-2040", "quantity": 1, "unitOfMeasure": "BX", "requestedDate": "2026-12-01"}]}
                """);

        assertThat(request.legalEntity()).isEqualTo("DE01");
        assertThat(request.lines()).containsExactly(
                new QuoteRequest.Line(1, "WS-0800", new BigDecimal("4.250"), "EA", null),
                new QuoteRequest.Line(7, "HX-2040", BigDecimal.ONE, "BX", LocalDate.parse("2026-12-01")));
    }

    @Test
    void a_crm_account_rule_decides_too() {
        assertThat(reader.read("""
                {"customerNumber": "X-1", "crmAccountId": "001EMEA", "currency": "EUR",
                 "lines": [{"sku": "A", "quantity": 1}]}
                """).legalEntity()).isEqualTo("DE01");
    }

    @Test
    void schema_problems_are_field_errors_at_their_own_path() {
        assertThat(fields("""
                {"legalEntity": "us01", "currency": "USD", "colour": "red", "lines": [
                  {"sku": "", "quantity": 0, "unitOfMeasure": "box"}]}
                """)).contains("$.customerNumber", "$.legalEntity", "$.lines[0].sku", "$.lines[0].quantity",
                "$.lines[0].unitOfMeasure", "$");
        assertThat(fields("{\"customerNumber\": \"NA-1\", \"currency\": \"USD\", \"lines\": []}"))
                .containsExactly("$.lines");
    }

    @Test
    void not_json_is_a_field_error_of_the_whole_body() {
        assertThat(errors("{\"customerNumber\": ")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("the body is not valid JSON"));
    }

    @Test
    void impossible_dates_and_repeated_line_numbers_are_field_errors() {
        assertThat(fields("""
                {"legalEntity": "US01", "customerNumber": "NA-1", "currency": "USD", "lines": [
                  {"lineNumber": 1, "sku": "A", "quantity": 1, "requestedDate": "2026-02-30"},
                  {"lineNumber": 1, "sku": "B", "quantity": 1}]}
                """)).containsExactly("$.lines[0].requestedDate", "$.lines[1].lineNumber");
    }

    @Test
    void the_entity_must_be_known_or_found_by_a_rule_and_quote_in_the_requested_currency() {
        assertThat(errors("{\"legalEntity\": \"XX01\", \"customerNumber\": \"NA-1\", \"currency\": \"USD\","
                + " \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"))
                .containsExactly(new FieldError("$.legalEntity", "legal entity 'XX01' is not configured (known: "
                        + String.join(", ", ENTITIES.entities().keySet()) + ")"));
        assertThat(errors("{\"customerNumber\": \"NA-1\", \"currency\": \"USD\","
                + " \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"))
                .containsExactly(new FieldError("$.legalEntity", "is required: no customer rule matches customer 'NA-1'"));
        assertThat(errors("{\"customerNumber\": \"EU-1\", \"currency\": \"USD\","
                + " \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"))
                .containsExactly(new FieldError("$.currency", "legal entity DE01 quotes in EUR, not USD"));
    }

    private List<String> fields(String body) {
        return errors(body).stream().map(FieldError::field).toList();
    }

    private List<FieldError> errors(String body) {
        OrderValidationException invalid = catchThrowableOfType(OrderValidationException.class,
                () -> reader.read(body));
        assertThat(invalid).as("refused: " + body).isNotNull();
        assertThat(invalid.getMessage()).startsWith("the quote request is invalid");
        return invalid.errors();
    }
}
