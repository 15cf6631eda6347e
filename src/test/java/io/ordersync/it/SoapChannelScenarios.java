package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ordersync.demo.sim.RecordedRequest;
import io.ordersync.soap.OrderServiceContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP channel end to end through the real runtime: SOAP 1.1 over real HTTP on the API port, the same intake,
 * de-duplication, routing to the ERP simulators, CRM updates and dead letters as every channel. Every answer is
 * checked against the schema of the WSDL the runtime serves. Each database (H2, PostgreSQL) runs every scenario in
 * its own subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SoapChannelScenarios extends PipelineTestSupport {

    private static final String NS = OrderServiceContract.NS;
    private static final String SOAP_NS = OrderServiceContract.SOAP_ENV_NS;
    private static final OrderServiceContract CONTRACT = OrderServiceContract.load();

    @Test
    void a_submitted_order_for_us01_reaches_the_na_erp_and_get_order_status_shows_it_accepted() {
        String externalId = newExternalId();
        String request = submitOrder(externalId).replace("<ord:Name>Test Hardware Inc.</ord:Name>",
                "<ord:Name>Bäckerei Müller &amp; Söhne</ord:Name>");
        HttpResponse<String> response = soap(request, "SubmitOrder", "X-Correlation-Id", "corr-soap-" + externalId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        Element receipt = body(response);
        assertThat(receipt.getLocalName()).isEqualTo("SubmitOrderResponse");
        String orderId = text(receipt, "OrderId");
        assertThat(orderId).startsWith("ord-");
        assertThat(text(receipt, "Status")).isEqualTo("RECEIVED");
        assertThat(text(receipt, "Duplicate")).isEqualTo("false");
        assertThat(text(receipt, "CorrelationId")).isEqualTo("corr-soap-" + externalId);

        Element status = awaitSoapStatus(orderId, "ACCEPTED");
        String erpNumber = text(status, "ErpOrderNumber");
        assertThat(simulators.erpNa().createdOrders()).containsEntry(erpReferenceOf(orderId), erpNumber);
        assertThat(text(status, "ExternalOrderId")).isEqualTo(externalId);
        assertThat(text(status, "SourceSystem")).isEqualTo("SOAP");
        assertThat(text(status, "LegalEntity")).isEqualTo("US01");
        assertThat(texts(status, "Event", "Type")).containsExactly("OrderReceived", "OrderAccepted");
        assertThat(texts(status, "Progress", "ShipmentState")).containsExactly("NOT_SHIPPED");

        // the canonical order: channel SOAP, exact decimals all the way to the ERP
        JsonNode view = json(get("/api/v1/orders/" + orderId));
        assertThat(view.path("order").path("source").path("channel").asText()).isEqualTo("SOAP");
        assertThat(view.path("order").path("customer").path("name").asText()).isEqualTo("Bäckerei Müller & Söhne");
        assertThat(view.path("order").path("totals").path("totalAmount").decimalValue()).isEqualByComparingTo("58.75");
        RecordedRequest erpRequest = simulators.erpNa().receivedRequests().stream()
                .filter(r -> r.body().contains(orderId)).findFirst().orElseThrow();
        assertThat(erpRequest.body()).contains("\"unitPrice\":10.10").contains("\"quantity\":2.5");
        assertThat(erpRequest.correlationId()).isEqualTo("corr-soap-" + externalId);
        // not a CRM order: its events name no CRM record, so no CRM update is made for it
        view.path("timeline").forEach(entry -> assertThat(entry.path("event").has("crmOrderId")).isFalse());
        assertThat(simulators.crm().orderIds()).doesNotContain(externalId);
        // its journey starts with the SOAP request as it came, non-ASCII names and all
        JsonNode received = journeyMessages(orderId).get(0);
        assertThat(received.path("kind").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("requestContentType").asText()).isEqualTo("application/xml");
        assertThat(received.path("requestPayload").asText()).isEqualTo(request);
        assertThat(journeyMessages(orderId)).noneMatch(m -> m.path("system").asText().equals("CRM"));
    }

    @Test
    void an_order_from_the_crm_over_soap_reports_its_outcome_to_the_crm() {
        String crmId = newCrmId();
        String request = submitOrder(crmId)
                .replace("<ord:PurchaseOrderNumber>", "<ord:SourceSystem>CRM</ord:SourceSystem><ord:PurchaseOrderNumber>");
        String orderId = text(body(soap(request, "SubmitOrder")), "OrderId");

        String erpNumber = text(awaitSoapStatus(orderId, "ACCEPTED"), "ErpOrderNumber");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> fields = simulators.crm().order(crmId);
            return fields != null && "ACCEPTED".equals(fields.get("Integration_Status__c"));
        });
        assertThat(simulators.crm().order(crmId)).containsEntry("ERP_Order_Number__c", erpNumber);
        json(get("/api/v1/orders/" + orderId)).path("timeline").forEach(entry ->
                assertThat(entry.path("event").path("crmOrderId").asText()).isEqualTo(crmId));

        // the same CRM order sent again over REST is the same order
        HttpResponse<String> overRest = submit(crmOrder("us01-two-lines.json", crmId));
        assertThat(overRest.statusCode()).isEqualTo(200);
        assertThat(json(overRest).path("orderId").asText()).isEqualTo(orderId);
    }

    @Test
    void a_soap_caller_without_the_crm_role_cannot_claim_a_crm_order_and_the_crm_order_is_still_a_new_order() {
        String crmId = newCrmId();
        HttpResponse<String> squat = soapSubmitAsSoapOnlyCaller("CRM", crmId);
        assertSourceSystemRefused(squat, "CRM");
        fault(squat, 403, "Client", "FORBIDDEN");
        assertThat(squat.body()).contains("submitter:orders");

        // the CRM's own order arrives: a new order, reaching the ERP with its own reference, its outcome in the CRM
        HttpResponse<String> real = submit(crmOrder("us01-two-lines.json", crmId));
        assertThat(real.statusCode()).as(real.body()).isEqualTo(202);
        String orderId = json(real).path("orderId").asText();
        String erpNumber = awaitOrderStatus(orderId, "ACCEPTED").path("erpOrderNumber").asText();
        assertThat(erpReferenceOf(orderId)).isEqualTo(erpReferenceOfKey("api:crm|CRM:" + crmId));
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> fields = simulators.crm().order(crmId);
            return fields != null && erpNumber.equals(fields.get("ERP_Order_Number__c"));
        });
        assertThat(health().statusCode()).isEqualTo(200);
    }

    @Test
    void two_soap_callers_with_the_same_external_id_have_an_order_each_and_each_repeat_is_its_own() {
        String externalId = newExternalId();
        String crmOrderId = text(body(soap(submitOrder(externalId), "SubmitOrder")), "OrderId");
        HttpResponse<String> shopAnswer = soapAs(SHOP_API_KEY, submitOrder(externalId), "SubmitOrder");
        assertThat(shopAnswer.statusCode()).as(shopAnswer.body()).isEqualTo(200);
        String shopOrderId = text(body(shopAnswer), "OrderId");
        assertThat(shopOrderId).as("another caller's order, not a repeat of the first").isNotEqualTo(crmOrderId);
        awaitSoapStatus(crmOrderId, "ACCEPTED");
        awaitSoapStatus(shopOrderId, "ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey("api:crm|SOAP:" + externalId))).isEqualTo(1);
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOfKey("api:shop|SOAP:" + externalId)))
                .isEqualTo(1);

        // a true repeat (same caller, same id) is still a repeat
        Element again = body(soapAs(SHOP_API_KEY, submitOrder(externalId), "SubmitOrder"));
        assertThat(text(again, "OrderId")).isEqualTo(shopOrderId);
        assertThat(text(again, "Duplicate")).isEqualTo("true");
        // and each caller finds its own order by its own id
        assertThat(text(body(soapAs(SHOP_API_KEY, getOrderStatusByExternalId(externalId), "GetOrderStatus")),
                "OrderId")).isEqualTo(shopOrderId);
        assertThat(text(body(soap(getOrderStatusByExternalId(externalId), "GetOrderStatus")), "OrderId"))
                .isEqualTo(crmOrderId);
    }

    @Test
    void a_repeated_submit_answers_the_original_order_id_as_a_duplicate() {
        String externalId = newExternalId();
        String orderId = text(body(soap(submitOrder(externalId), "SubmitOrder")), "OrderId");
        awaitSoapStatus(orderId, "ACCEPTED");

        HttpResponse<String> again = soap(submitOrder(externalId), "SubmitOrder");
        assertThat(again.statusCode()).isEqualTo(200);
        Element receipt = body(again);
        assertThat(text(receipt, "OrderId")).isEqualTo(orderId);
        assertThat(text(receipt, "Duplicate")).isEqualTo("true");
        assertThat(text(receipt, "Status")).isEqualTo("ACCEPTED");
        assertThat(simulators.erpNa().createdOrderCount(erpReferenceOf(orderId))).isEqualTo(1);
        assertThat(simulators.erpNa().createdOrders()).hasSize(1);

        // GetOrderStatus by the sender's own id finds it too
        Element byExternalId = body(soap(getOrderStatusByExternalId(externalId), "GetOrderStatus"));
        assertThat(text(byExternalId, "OrderId")).isEqualTo(orderId);
    }

    @Test
    void a_schema_invalid_request_gets_a_client_fault_with_field_details_and_is_kept_as_invalid() {
        String externalId = newExternalId();
        HttpResponse<String> response = soap(fixture("submit-order-invalid.xml").replace("${externalId}", externalId),
                "SubmitOrder", "X-Correlation-Id", "corr-bad-" + externalId);

        Element fault = fault(response, 500, "Client", "SCHEMA_VIOLATION");
        assertThat(texts(fault, "FieldError", "Field")).containsExactly("SubmitOrderRequest/Currency",
                "SubmitOrderRequest/Lines/Line[2]/Quantity", "SubmitOrderRequest/Lines/Line[3]");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");

        JsonNode kept = json(get("/api/v1/dead-letters?status=INVALID&routeId=soap-orders"));
        JsonNode letter = find(kept, "corr-bad-" + externalId);
        assertThat(deadLetterPayload(letter.path("id").asLong())).contains(externalId).contains("<ord:Currency>usd</ord:Currency>");
        assertThat(letter.path("exceptionMessage").asText()).contains("SubmitOrderRequest/Lines/Line[2]/Quantity");
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    @Test
    void business_rules_after_the_mapping_are_client_faults_with_field_details() {
        String request = submitOrder(newExternalId()).replace("04006381333931", "04006381333932");
        Element fault = fault(soap(request, "SubmitOrder"), 500, "Client", "VALIDATION_FAILED");
        assertThat(texts(fault, "FieldError", "Field")).containsExactly("lines[0].gtin");
        assertThat(texts(fault, "FieldError", "Message").get(0)).contains("check digit");
    }

    @Test
    void an_external_entity_to_a_local_file_is_refused_and_nothing_is_read(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        AtomicInteger dtdRequests = new AtomicInteger();
        HttpServer dtdServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dtdServer.createContext("/", exchange -> {
            dtdRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        dtdServer.start();
        try {
            String request = fixture("xxe-local-file.xml").replace("${file}", secret.toAbsolutePath().toString())
                    .replace("${dtdUrl}", "http://127.0.0.1:" + dtdServer.getAddress().getPort() + "/evil.dtd");
            HttpResponse<String> response = soap(request, "GetOrderStatus");

            Element fault = fault(response, 500, "Client", "XML_DOCTYPE_NOT_ALLOWED");
            assertThat(text(fault, "Message")).contains("DOCTYPE");
            assertThat(response.body()).doesNotContain("TOP-SECRET-CONTENT");
            // the parser stopped at the DOCTYPE: the external DTD was never fetched
            assertThat(dtdRequests.get()).isZero();
            assertThat(json(get("/api/v1/dead-letters?status=INVALID&routeId=soap-orders")).toString())
                    .contains("XML_DOCTYPE_NOT_ALLOWED").doesNotContain("TOP-SECRET-CONTENT");
        } finally {
            dtdServer.stop(0);
        }
    }

    @Test
    void a_billion_laughs_request_is_refused_without_expanding_anything() {
        long start = System.nanoTime();
        HttpResponse<String> response = soap(fixture("billion-laughs.xml"), "GetOrderStatus");

        fault(response, 500, "Client", "XML_DOCTYPE_NOT_ALLOWED");
        assertThat(response.body()).doesNotContain("lollol");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // and the service goes on answering
        HttpResponse<String> next = soap(submitOrder(newExternalId()), "SubmitOrder");
        assertThat(next.statusCode()).isEqualTo(200);
        awaitSoapStatus(text(body(next), "OrderId"), "ACCEPTED");
    }

    @Test
    void a_caller_without_valid_credentials_gets_a_client_fault_with_401_and_nothing_is_stored() {
        String refusedId = newExternalId();
        HttpResponse<String> none = send(soapRequest(submitOrder(refusedId), "SubmitOrder").build());
        Element fault = fault(none, 401, "Client", "UNAUTHORIZED");
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(text(fault, "Message")).contains("credentials are required");

        HttpResponse<String> wrongKey = send(soapRequest(submitOrder(refusedId), "SubmitOrder")
                .header("X-API-Key", "not-the-key").build());
        fault(wrongKey, 401, "Client", "UNAUTHORIZED");
        fault(soap(getOrderStatusByExternalId(refusedId), "GetOrderStatus"), 500, "Client", "NO_SUCH_ORDER");

        // Basic works as for the REST API
        HttpResponse<String> basic = send(soapRequest(submitOrder(newExternalId()), "SubmitOrder")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "support:support-secret".getBytes(StandardCharsets.UTF_8))).build());
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        awaitSoapStatus(text(body(basic), "OrderId"), "ACCEPTED");
    }

    @Test
    void get_order_status_of_an_unknown_order_is_a_client_fault() {
        Element fault = fault(soap(getOrderStatusByExternalId("NOPE-" + UUID.randomUUID()), "GetOrderStatus"), 500,
                "Client", "NO_SUCH_ORDER");
        assertThat(text(fault, "Message")).contains("no such order");
        fault(soap(envelope("<ord:GetOrderStatusRequest xmlns:ord=\"" + NS + "\"><ord:OrderId>"
                + "ord-00000000-0000-0000-0000-000000000000</ord:OrderId></ord:GetOrderStatusRequest>"),
                "GetOrderStatus"), 500, "Client", "NO_SUCH_ORDER");
    }

    @Test
    void an_unknown_legal_entity_is_answered_rejected_with_its_reason() {
        HttpResponse<String> response = soap(submitOrder(newExternalId())
                .replace("<ord:LegalEntity>US01</ord:LegalEntity>", "<ord:LegalEntity>ZZ99</ord:LegalEntity>"), "SubmitOrder");
        assertThat(response.statusCode()).isEqualTo(200);
        Element receipt = body(response);
        assertThat(text(receipt, "Status")).isEqualTo("REJECTED");
        assertThat(texts(receipt, "Reason", "Code")).containsExactly("UNKNOWN_LEGAL_ENTITY");
        assertThat(simulators.erpNa().receivedRequests()).isEmpty();
    }

    @Test
    void the_wsdl_is_served_with_the_default_public_address_of_this_server() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders?wsdl")))
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        // ordersync.public-url is not set: http://localhost and the API port
        assertThat(response.body()).contains("<soap:address location=\"http://localhost:" + HTTP_PORT
                + "/soap/orders\"/>");
        // a usable contract: its schema compiles and the answers above validate against it (see body())
        Document wsdl = parse(response.body());
        Element schema = (Element) wsdl.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "schema").item(0);
        assertThat(SchemaFactory.newDefaultInstance().newSchema(new DOMSource(schema))).isNotNull();

        HttpResponse<String> plainGet = send(HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders"))).GET().build());
        assertThat(plainGet.statusCode()).isEqualTo(405);
    }

    // ------------------------------------------------------------------ SOAP client helpers

    private static String newExternalId() {
        return "SOAP-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static String submitOrder(String externalId) {
        return fixture("submit-order-us01.xml").replace("${externalId}", externalId);
    }

    private static String getOrderStatusByExternalId(String externalId) {
        return envelope("<ord:GetOrderStatusRequest xmlns:ord=\"" + NS + "\"><ord:ExternalOrderId>" + externalId
                + "</ord:ExternalOrderId></ord:GetOrderStatusRequest>");
    }

    private static String envelope(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_NS + "\"><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static HttpRequest.Builder soapRequest(String xml, String operation) {
        return HttpRequest.newBuilder(URI.create(apiUrl("/soap/orders")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + NS + ":" + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> soap(String xml, String operation, String... headers) {
        HttpRequest.Builder request = soapRequest(xml, operation).header("X-API-Key", API_KEY);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private static HttpResponse<String> soapAs(String apiKey, String xml, String operation) {
        return send(soapRequest(xml, operation).header("X-API-Key", apiKey).build());
    }

    /** Polls GetOrderStatus until the order has the status; returns the GetOrderStatusResponse. */
    private static Element awaitSoapStatus(String orderId, String status) {
        Element[] last = new Element[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = body(soap(envelope("<ord:GetOrderStatusRequest xmlns:ord=\"" + NS + "\"><ord:OrderId>" + orderId
                    + "</ord:OrderId></ord:GetOrderStatusRequest>"), "GetOrderStatus"));
            return status.equals(text(last[0], "Status"));
        });
        return last[0];
    }

    /**
     * The element in the answer's soap:Body (for a fault: soap:Fault), checked against the WSDL's schema: responses
     * as they are, faults by their OrderFault detail.
     */
    private static Element body(HttpResponse<String> response) {
        Document envelope = parse(response.body());
        Element root = envelope.getDocumentElement();
        assertThat(root.getNamespaceURI()).as(response.body()).isEqualTo(SOAP_NS);
        assertThat(root.getLocalName()).isEqualTo("Envelope");
        Element soapBody = firstChild(root, SOAP_NS, "Body");
        Element content = firstChild(soapBody, null, null);
        Element checked = "Fault".equals(content.getLocalName())
                ? firstChild(firstChild(content, null, "detail"), NS, "OrderFault") : content;
        try {
            CONTRACT.schema().newValidator().validate(new DOMSource(checked));
        } catch (Exception e) {
            throw new AssertionError("answer does not match the WSDL's schema: " + e.getMessage() + "\n"
                    + response.body(), e);
        }
        return content;
    }

    /** Checks a fault's HTTP status, faultcode and detail code; returns its OrderFault detail. */
    private static Element fault(HttpResponse<String> response, int httpStatus, String faultCode, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(httpStatus);
        Element fault = body(response);
        assertThat(fault.getLocalName()).as(response.body()).isEqualTo("Fault");
        String qualifiedCode = firstChild(fault, null, "faultcode").getTextContent().trim();
        String prefix = qualifiedCode.substring(0, qualifiedCode.indexOf(':'));
        assertThat(fault.lookupNamespaceURI(prefix)).isEqualTo(SOAP_NS);
        assertThat(qualifiedCode.substring(prefix.length() + 1)).isEqualTo(faultCode);
        assertThat(firstChild(fault, null, "faultstring").getTextContent()).isNotBlank();
        Element detail = firstChild(firstChild(fault, null, "detail"), NS, "OrderFault");
        assertThat(text(detail, "Code")).isEqualTo(code);
        return detail;
    }

    private static JsonNode find(JsonNode deadLetters, String correlationId) {
        for (JsonNode letter : deadLetters) {
            if (correlationId.equals(letter.path("correlationId").asText())) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter with correlation id " + correlationId + " in " + deadLetters);
    }

    private static Element firstChild(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))
                    && (ns == null || ns.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        throw new AssertionError("no element " + localName + " in " + parent.getLocalName());
    }

    private static String text(Element parent, String localName) {
        return firstChild(parent, NS, localName).getTextContent();
    }

    /** The text of {@code child} in each {@code element} child, e.g. every Event's Type. */
    private static List<String> texts(Element parent, String element, String child) {
        List<String> values = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && element.equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())) {
                values.add(text(e, child));
            }
        }
        return values;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/soap", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
