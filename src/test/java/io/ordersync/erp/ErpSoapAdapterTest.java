package io.ordersync.erp;

import static io.ordersync.demo.sim.ErpEmeaContract.assertMatchesWsdl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.demo.sim.ErpOrder;
import io.ordersync.demo.sim.SimMode;
import io.ordersync.demo.sim.Simulators;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The erp-soap adapter's translation, tested against the EMEA ERP simulator (SOAP 1.1): the envelopes it builds are
 * what the simulator accepts, and the simulator's responses and faults become canonical outcomes or the right
 * exception (Client fault: not retried; Server fault: retried).
 */
class ErpSoapAdapterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Simulators simulators;
    private static CamelContext camel;

    private final ErpSoapAdapter adapter = new ErpSoapAdapter(new ErpOutcomes(Clock.fixed(NOW, ZoneOffset.UTC)));

    @BeforeAll
    static void start() {
        simulators = Simulators.startOnFreePorts();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        simulators.close();
    }

    @BeforeEach
    void reset() {
        simulators.resetAll();
    }

    // ------------------------------------------------------------------ request

    @Test
    void the_envelope_uses_the_soap_1_1_and_erp_namespaces_in_contract_order() throws Exception {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "7", "1.25"), line(2, "SKU-310", "2.5", null));
        Document doc = io.ordersync.support.SecureXml.parse(adapter.toRequest(order));
        assertMatchesWsdl(adapter.toRequest(order), "CreateSalesOrder");

        Element envelope = doc.getDocumentElement();
        assertThat(envelope.getNamespaceURI()).isEqualTo("http://schemas.xmlsoap.org/soap/envelope/");
        assertThat(envelope.getLocalName()).isEqualTo("Envelope");
        Element body = children(envelope).get(0);
        assertThat(body.getLocalName()).isEqualTo("Body");
        assertThat(body.getNamespaceURI()).isEqualTo(ErpSoapAdapter.SOAP_ENV);
        Element create = children(body).get(0);
        assertThat(create.getNamespaceURI()).isEqualTo("urn:ordersync:erp-emea:v1");
        assertThat(create.getLocalName()).isEqualTo("CreateSalesOrder");

        List<Element> fields = children(create);
        assertThat(fields).extracting(Element::getLocalName).containsExactly("ExternalReference", "OrdersyncOrderId",
                "CustomerNumber", "Currency", "RequestedDeliveryDate", "Line", "Line");
        assertThat(fields).allSatisfy(e -> assertThat(e.getNamespaceURI()).isEqualTo(ErpSoapAdapter.NS));
        assertThat(fields.get(0).getTextContent()).isEqualTo(order.erpReference());
        assertThat(fields.get(1).getTextContent()).isEqualTo(order.orderId());
        assertThat(fields.get(2).getTextContent()).isEqualTo("EU-30001");
        assertThat(fields.get(3).getTextContent()).isEqualTo("EUR");
        assertThat(fields.get(4).getTextContent()).isEqualTo("2026-12-01");

        List<Element> first = children(fields.get(5));
        assertThat(first).extracting(Element::getLocalName)
                .containsExactly("LineNumber", "Sku", "Quantity", "UnitOfMeasure", "UnitPrice");
        assertThat(first).extracting(Node::getTextContent).containsExactly("1", "SKU-300", "7", "EA", "1.25");
        List<Element> second = children(fields.get(6));
        assertThat(second).extracting(Element::getLocalName)
                .as("no price, no element").containsExactly("LineNumber", "Sku", "Quantity", "UnitOfMeasure");
        assertThat(second.get(2).getTextContent()).isEqualTo("2.5");
    }

    @Test
    void decimals_are_written_plain_and_the_crm_account_stands_in_for_a_missing_erp_number() throws Exception {
        CanonicalOrder order = order(null, new CanonicalOrder.Line(1, "SKU-1", null, null, null,
                new BigDecimal("1E+1"), "EA", new BigDecimal("0.000010"), null));
        String xml = adapter.toRequest(order);

        assertThat(xml).contains("<erp:Quantity>10</erp:Quantity>").contains("<erp:UnitPrice>0.000010</erp:UnitPrice>")
                .contains("<erp:CustomerNumber>001T00000000EU01</erp:CustomerNumber>");
    }

    @Test
    void markup_characters_in_values_are_escaped_and_arrive_intact() throws Exception {
        String customer = "EU-<A&B>";
        String sku = "S&P<1>\"x\"";
        CanonicalOrder order = order(customer, line(1, sku, "1", "1"));
        String xml = adapter.toRequest(order);

        assertThat(xml).contains("EU-&lt;A&amp;B&gt;").doesNotContain("<A&B>").doesNotContain("S&P<");
        Document doc = io.ordersync.support.SecureXml.parse(xml);
        assertThat(doc.getElementsByTagNameNS(ErpSoapAdapter.NS, "CustomerNumber").item(0).getTextContent())
                .isEqualTo(customer);
        assertThat(doc.getElementsByTagNameNS(ErpSoapAdapter.NS, "Sku").item(0).getTextContent()).isEqualTo(sku);

        // and the ERP reads them back as sent
        HttpResponse<String> answer = post(xml);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ErpOrder created = simulators.erpEmea().orderByExternalReference(order.erpReference()).orElseThrow();
        assertThat(created.customerNumber()).isEqualTo(customer);
        assertThat(created.lines().get(0).sku()).isEqualTo(sku);
    }

    // ------------------------------------------------------------------ answers of the simulator

    @Test
    void an_accepted_order_carries_the_sales_order_number_and_line_results() {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "7", "1.25"), line(2, "SKU-310", "2.5", "3.30"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(200);

        OrderEvent event = adapter.toOutcome(order, exchange(answer));

        String number = simulators.erpEmea().createdOrders().get(order.erpReference());
        assertThat(number).startsWith("EU-");
        assertThat(event.type()).isEqualTo(OrderEvent.ORDER_ACCEPTED);
        assertThat(event.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(event.erpOrderNumber()).isEqualTo(number);
        assertThat(event.legalEntity()).isEqualTo("DE01");
        assertThat(event.crmOrderId()).isEqualTo("801T0000SOAP01");
        assertThat(event.correlationId()).isEqualTo("corr-soap-1");
        assertThat(event.lines()).containsExactly(new OrderEvent.LineOutcome(1, "ACCEPTED", null, null),
                new OrderEvent.LineOutcome(2, "ACCEPTED", null, null));
        ErpOrder created = simulators.erpEmea().findOrder(number).orElseThrow();
        assertThat(created.lines().get(1).quantity()).isEqualByComparingTo("2.5");
        assertThat(created.lines().get(1).unitPrice()).isEqualByComparingTo("3.30");
    }

    @Test
    void a_partial_order_keeps_the_accepted_lines_and_names_the_rejected_one() {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "1", "1"), line(2, "UNKNOWN-7", "1", "1"));
        OrderEvent event = adapter.toOutcome(order, exchange(post(adapter.toRequest(order))));

        assertThat(event.status()).isEqualTo(OrderStatus.PARTIALLY_ACCEPTED);
        assertThat(event.erpOrderNumber()).startsWith("EU-");
        assertThat(event.lines().get(0).status()).isEqualTo("ACCEPTED");
        assertThat(event.lines().get(1).status()).isEqualTo("REJECTED");
        assertThat(event.lines().get(1).reasonCode()).isEqualTo("UNKNOWN_SKU");
        assertThat(event.lines().get(1).reason()).contains("UNKNOWN-7");
    }

    @Test
    void a_rejected_status_is_a_rejection_with_the_erp_reason() {
        CanonicalOrder order = order("HOLD-777", line(1, "SKU-300", "3", "1.25"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).as("business rejections are normal responses").isEqualTo(200);

        OrderEvent event = adapter.toOutcome(order, exchange(answer));
        assertThat(event.type()).isEqualTo(OrderEvent.ORDER_REJECTED);
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.erpOrderNumber()).isNull();
        assertThat(event.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("CREDIT_HOLD");
            assertThat(r.message()).contains("HOLD-777");
        });
    }

    @Test
    void a_rejected_status_wins_over_a_sales_order_number() {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "1", "1"));
        String response = envelope("<erp:CreateSalesOrderResponse><erp:SalesOrderNumber>EU-9</erp:SalesOrderNumber>"
                + "<erp:Status>REJECTED</erp:Status><erp:Reason><erp:Code>BLOCKED</erp:Code>"
                + "<erp:Message>customer blocked</erp:Message></erp:Reason></erp:CreateSalesOrderResponse>");

        OrderEvent event = adapter.toOutcome(order, exchange(200, response));
        assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(event.erpOrderNumber()).isNull();
        assertThat(event.reasons()).containsExactly(new OrderEvent.Reason("BLOCKED", "customer blocked"));
    }

    @Test
    void a_client_fault_means_our_request_is_wrong_and_is_not_retried() {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "0", "1"));
        HttpResponse<String> answer = post(adapter.toRequest(order));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("soapenv:Client");

        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(answer)))
                .isInstanceOf(ErpRequestRejectedException.class)
                .hasMessageContaining("soapenv:Client")
                .hasMessageContaining(order.orderId())
                .hasMessageContaining("Quantity must be greater than zero");
    }

    @Test
    void a_server_fault_means_the_erp_is_unavailable_and_is_retried() {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "1", "1"));
        String fault = envelope("<soapenv:Fault><faultcode>soapenv:Server</faultcode>"
                + "<faultstring>database locked</faultstring></soapenv:Fault>");

        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(500, fault)))
                .isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("soapenv:Server")
                .hasMessageContaining("database locked");
    }

    @Test
    void a_5xx_without_envelope_is_unavailable_and_a_2xx_without_xml_is_refused() {
        simulators.erpEmea().behaviour(SimMode.UNAVAILABLE);
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "1", "1"));
        HttpResponse<String> unavailable = post(adapter.toRequest(order));
        assertThat(unavailable.statusCode()).isEqualTo(503);

        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(unavailable)))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(200, "OK")))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("not XML");
        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(200, envelope("<erp:Other/>"))))
                .isInstanceOf(ErpRequestRejectedException.class)
                .hasMessageContaining("without CreateSalesOrderResponse");
    }

    @Test
    void a_response_with_a_doctype_is_not_parsed() {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "1", "1"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + envelope("<erp:CreateSalesOrderResponse><erp:SalesOrderNumber>&e;</erp:SalesOrderNumber>"
                + "<erp:Status>ACCEPTED</erp:Status></erp:CreateSalesOrderResponse>");

        assertThatThrownBy(() -> adapter.toOutcome(order, exchange(200, xxe)))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("not XML");
    }

    // ------------------------------------------------------------------ reading an order back (reconciliation)

    @Test
    void the_status_request_matches_the_contract_and_reads_the_status_the_erp_has_now() throws Exception {
        CanonicalOrder order = order("EU-30001", line(1, "SKU-300", "1", "1"));
        String number = adapter.toOutcome(order, exchange(post(adapter.toRequest(order)))).erpOrderNumber();
        String request = adapter.toStatusRequest(number);
        assertMatchesWsdl(request, "GetSalesOrder");

        assertThat(adapter.toStatus(number, exchange(post(request, ErpSoapAdapter.GET_SOAP_ACTION))))
                .isEqualTo(new ErpOrderStatus(number, "ACCEPTED"));
        simulators.erpEmea().setOrderStatus(number, ErpOrder.CANCELLED);
        assertThat(adapter.toStatus(number, exchange(post(request, ErpSoapAdapter.GET_SOAP_ACTION))))
                .isEqualTo(new ErpOrderStatus(number, "CANCELLED"));
        ErpOrderStatus unknown = adapter.toStatus("EU-1", exchange(post(adapter.toStatusRequest("EU-1"),
                ErpSoapAdapter.GET_SOAP_ACTION)));
        assertThat(unknown.found()).isFalse();
        assertThat(simulators.erpEmea().createdOrderCount(order.erpReference())).isEqualTo(1);
    }

    @Test
    void a_status_read_the_erp_cannot_answer_is_an_error_not_a_missing_order() {
        simulators.erpEmea().behaviour(SimMode.UNAVAILABLE);
        HttpResponse<String> unavailable = post(adapter.toStatusRequest("EU-1"), ErpSoapAdapter.GET_SOAP_ACTION);

        assertThatThrownBy(() -> adapter.toStatus("EU-1", exchange(unavailable)))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("HTTP 503");
        String fault = envelope("<soapenv:Fault><faultcode>soapenv:Server</faultcode>"
                + "<faultstring>database locked</faultstring></soapenv:Fault>");
        assertThatThrownBy(() -> adapter.toStatus("EU-1", exchange(500, fault)))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("sales order EU-1");
        assertThatThrownBy(() -> adapter.toStatus("EU-1", exchange(200, envelope(
                "<erp:GetSalesOrderResponse><erp:SalesOrder><erp:SalesOrderNumber>EU-1</erp:SalesOrderNumber>"
                        + "</erp:SalesOrder></erp:GetSalesOrderResponse>"))))
                .isInstanceOf(ErpRequestRejectedException.class).hasMessageContaining("without a Status");
    }

    // ------------------------------------------------------------------ helpers

    private static String envelope(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:erp=\"urn:ordersync:erp-emea:v1\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    private Exchange exchange(HttpResponse<String> response) {
        return exchange(response.statusCode(), response.body());
    }

    private Exchange exchange(int status, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static HttpResponse<String> post(String xml) {
        return post(xml, ErpSoapAdapter.SOAP_ACTION);
    }

    private static HttpResponse<String> post(String xml, String soapAction) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(simulators.erpEmea().endpointUrl()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"" + soapAction + "\"")
                    .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CanonicalOrder order(String erpCustomer, CanonicalOrder.Line... lines) {
        CanonicalOrder order = new CanonicalOrder(null, null, null, null,
                new CanonicalOrder.Source("REST", "CRM", null, "801T0000SOAP01"), "DE01",
                new CanonicalOrder.Customer("001T00000000EU01", erpCustomer, "Test Handel GmbH"), null, null, null,
                null, "EUR", LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 1), List.of(lines), null, null, null);
        return order.completed("ord-" + UUID.randomUUID(), "corr-soap-1", NOW, "DE01");
    }

    private static CanonicalOrder.Line line(int number, String sku, String quantity, String price) {
        return new CanonicalOrder.Line(number, sku, null, null, null, new BigDecimal(quantity), "EA",
                price == null ? null : new BigDecimal(price), null);
    }
}
