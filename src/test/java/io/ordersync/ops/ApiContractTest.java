package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.deadletter.DeadLetterStore;
import io.ordersync.reconcile.Reconciliation;
import java.util.Arrays;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The contract the API enforces, and the code's own lists of values agreeing with it. */
class ApiContractTest {

    private final ApiContract contract = ApiContract.load();

    @Test
    void every_operation_of_the_document_is_known_with_its_parameters_and_body_types() {
        assertThat(contract.operations()).extracting(ApiContract.Operation::operationId).contains("submitOrder",
                "receiveEdi", "listDeadLetters", "getDeadLetter", "replayDeadLetter", "runReconciliation");
        assertThat(contract.operation("POST", "/api/v1/status-events/wms")).get()
                .extracting(ApiContract.Operation::operationId).isEqualTo("receiveStatusEvent");
        assertThat(contract.operation("receiveEdi").orElseThrow().bodyTypes()).contains("application/edi-x12");
        assertThat(contract.operation("replayDeadLetter").orElseThrow().bodyTypes()).isNull();
    }

    @Test
    void no_operation_takes_a_form_body() {
        contract.operations().stream().filter(op -> op.bodyTypes() != null).forEach(op ->
                assertThat(op.bodyTypes()).as(op.operationId()).doesNotContainAnyElementsOf(FormBodyRefusal.FORM_TYPES));
    }

    @Test
    void the_enums_of_the_contract_are_the_values_the_code_knows() {
        assertThat(allowed("listReconciliationRuns", "job")).containsExactlyInAnyOrderElementsOf(Reconciliation.JOBS);
        assertThat(allowed("runReconciliation", "job")).containsExactlyInAnyOrderElementsOf(Reconciliation.JOBS);
        assertThat(allowed("listDeadLetters", "status")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(DeadLetterStore.Status.values()).map(Enum::name).toList());
    }

    @Test
    void parameters_are_checked_by_type_enum_and_range_and_named_when_wrong() {
        assertThatThrownBy(() -> contract.check(request("getDeadLetter", Map.of("deadLetterId", "abc"))))
                .isInstanceOfSatisfying(ApiContract.RefusedRequest.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.code()).isEqualTo("INVALID_PARAMETER");
                    assertThat(refused.field()).isEqualTo("deadLetterId");
                    assertThat(refused.getMessage()).isEqualTo(
                            "path parameter deadLetterId must be a whole number, not 'abc'");
                });
        assertThatThrownBy(() -> contract.check(request("listDeadLetters", Map.of("limit", "501"))))
                .hasMessage("query parameter limit must be from 1 to 500, not '501'");
        assertThatThrownBy(() -> contract.check(request("listDeadLetters", Map.of("status", "FOO"))))
                .hasMessage("query parameter status must be one of NEW, REPLAYED, INVALID, DISCARDED, not 'FOO'");
        assertThatThrownBy(() -> contract.check(request("listEdiInterchanges", Map.of("duplicates", "maybe"))))
                .hasMessage("query parameter duplicates must be true or false, not 'maybe'");
    }

    @Test
    void enum_values_in_another_case_are_handed_on_in_the_contracts_spelling_and_blank_ones_count_as_absent() {
        Exchange exchange = request("listDeadLetters", Map.of("status", "new", "routeId", " "));
        contract.check(exchange);
        assertThat(exchange.getMessage().getHeader("status")).isEqualTo("NEW");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey("routeId");
    }

    @Test
    void a_body_must_come_with_a_content_type_the_operation_declares() {
        assertThatThrownBy(() -> contract.check(request("submitOrder", Map.of())))
                .isInstanceOfSatisfying(ApiContract.RefusedRequest.class, refused -> {
                    assertThat(refused.status()).isEqualTo(415);
                    assertThat(refused.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
                    assertThat(refused.getMessage()).isEqualTo(
                            "no Content-Type is not accepted by POST /api/v1/orders; send the body as application/json");
                });
        assertThatThrownBy(() -> contract.check(request("receiveEdi", Map.of("Content-Type", "application/json"))))
                .hasMessageContaining("application/edi-x12 or application/edifact or text/plain");
        contract.check(request("submitOrder", Map.of("Content-Type", "Application/JSON; charset=utf-8")));
    }

    private Exchange request(String operationId, Map<String, Object> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangePropertyKey.INTERCEPTED_ROUTE_ENDPOINT_URI, "direct://" + operationId);
        exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
        return exchange;
    }

    private java.util.List<String> allowed(String operationId, String parameter) {
        return contract.operation(operationId).orElseThrow().parameters().stream()
                .filter(p -> p.name().equals(parameter)).findFirst().orElseThrow().allowed();
    }
}
