package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.LegalEntities;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A third legal entity (NL01, booked by the EMEA ERP over SOAP) added by configuration only: a copy of the
 * legal-entities file with one more entity and one more customer rule, selected by a property. No code, route or
 * template changes.
 */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdLegalEntityIT extends PipelineTestSupport {

    static {
        RuntimeProperties.set("ordersync.legal-entities.file", "src/test/resources/legal-entities-with-nl01.yaml");
        RuntimeProperties.shortKafkaPolls();
        RuntimeProperties.withoutAdminConsole();
    }

    @BeanInject
    CamelContext context;

    @BeanInject("legalEntities")
    LegalEntities legalEntities;

    @Test
    void the_new_entity_gets_its_own_adapter_route_from_the_soap_template() {
        Route route = context.getRoute("erp-NL01");
        assertThat(route).as("route erp-NL01").isNotNull();
        assertThat(route.getEndpoint().getEndpointUri()).isEqualTo("direct://erp-NL01");
        assertThat(context.getRouteController().getRouteStatus("erp-NL01").isStarted()).isTrue();
        // the three configured before are still there
        assertThat(context.getRoutes()).extracting(Route::getRouteId)
                .contains("erp-US01", "erp-CA01", "erp-DE01", "erp-NL01");

        LegalEntities.Entity nl01 = legalEntities.entity("NL01");
        assertThat(nl01.adapter()).isEqualTo("erp-soap");
        assertThat(nl01.currency()).isEqualTo("EUR");
        // the {{ordersync.erp.emea.url}} placeholder resolved to the EMEA simulator
        assertThat(nl01.endpoint()).isEqualTo(simulators.erpEmea().baseUrl());
    }

    @Test
    void an_order_naming_nl01_reaches_the_emea_erp_and_is_accepted() {
        long before = completedExchanges("erp-NL01");
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("nl01-named.json", crmId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String orderId = json(response).path("orderId").asText();

        JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
        // the order names NL01; its customer number (EU-...) would have picked DE01 by rule: the name wins
        assertThat(order.path("legalEntity").asText()).isEqualTo("NL01");
        String erpNumber = order.path("erpOrderNumber").asText();
        assertThat(erpNumber).startsWith("EU-");
        assertThat(simulators.erpEmea().createdOrders()).containsEntry(erpReferenceOf(orderId), erpNumber);
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
        assertThat(simulators.erpEmea().receivedRequests().get(0).body())
                .contains("<erp:ExternalReference>" + erpReferenceOf(orderId) + "</erp:ExternalReference>")
                .contains("<erp:OrdersyncOrderId>" + orderId + "</erp:OrdersyncOrderId>")
                .contains("<erp:Currency>EUR</erp:Currency>");
        assertThat(completedExchanges("erp-NL01")).isEqualTo(before + 1);

        awaitCrmFields(crmId, Map.of("Integration_Status__c", "ACCEPTED", "ERP_Order_Number__c", erpNumber));
    }

    @Test
    void an_order_without_entity_is_routed_to_nl01_by_the_new_customer_rule() {
        long nlBefore = completedExchanges("erp-NL01");
        long deBefore = completedExchanges("erp-DE01");
        String crmId = newCrmId();
        HttpResponse<String> response = submit(crmOrder("nl01-by-customer-rule.json", crmId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String orderId = json(response).path("orderId").asText();

        JsonNode order = awaitOrderStatus(orderId, "ACCEPTED");
        assertThat(order.path("legalEntity").asText()).isEqualTo("NL01");
        assertThat(order.path("order").path("legalEntity").asText()).isEqualTo("NL01");
        assertThat(order.path("erpOrderNumber").asText()).startsWith("EU-");
        assertThat(simulators.erpEmea().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        assertThat(simulators.erpEmea().receivedRequests().get(0).body())
                .contains("<erp:CustomerNumber>NL-50002</erp:CustomerNumber>");
        assertThat(completedExchanges("erp-NL01")).isEqualTo(nlBefore + 1);
        assertThat(completedExchanges("erp-DE01")).isEqualTo(deBefore);

        awaitCrmFields(crmId, Map.of("Integration_Status__c", "ACCEPTED",
                "ERP_Order_Number__c", order.path("erpOrderNumber").asText()));
    }

    @Test
    void nl01_books_in_euro_only() {
        String body = crmOrder("nl01-named.json", newCrmId()).replace("\"EUR\"", "\"USD\"");
        HttpResponse<String> response = submit(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode reason = json(response).path("reasons").get(0);
        assertThat(reason.path("code").asText()).isEqualTo("CURRENCY_NOT_SUPPORTED");
        assertThat(reason.path("message").asText()).contains("NL01").contains("EUR").contains("USD");
        assertThat(simulators.erpEmea().receivedRequests()).isEmpty();
    }

    private long completedExchanges(String routeId) {
        ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        ManagedRouteMBean route = managed == null ? null : managed.getManagedRoute(routeId);
        assertThat(route).as("JMX statistics of route " + routeId).isNotNull();
        return route.getExchangesCompleted();
    }

    private void awaitCrmFields(String crmId, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(simulators.crm().order(crmId)).as("CRM order " + crmId).isNotNull()
                        .containsAllEntriesOf(expected));
    }
}
