package io.ordersync.demo.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Simulators sims;

    @BeforeAll
    static void startSimulators() {
        sims = Simulators.start(0, 0, 0);
    }

    @AfterAll
    static void stopSimulators() {
        sims.close();
    }

    @BeforeEach
    void resetSimulators() {
        sims.resetAll();
    }

    // ------------------------------------------------------------------ ERP NA (REST)

    @Test
    void naAcceptsOrderAndStoresIt() throws Exception {
        String ref = newRef();
        HttpResponse<String> response = postNa(naOrder(ref, "C-100",
                "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":\"5\",\"unitOfMeasure\":\"EA\",\"unitPrice\":\"10.50\"}",
                "{\"lineNumber\":2,\"sku\":\"SKU-2\",\"quantity\":2.5,\"unitOfMeasure\":\"KG\",\"unitPrice\":3.20}"),
                "corr-na-1");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        String number = body.path("erpOrderNumber").asText();
        assertThat(number).matches("NA-1\\d{5}");
        assertThat(body.path("externalReference").asText()).isEqualTo(ref);
        assertThat(body.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("lines")).hasSize(2);
        assertThat(body.path("lines").get(0).path("lineNumber").asInt()).isEqualTo(1);
        assertThat(body.path("lines").get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("lines").get(1).path("status").asText()).isEqualTo("ACCEPTED");

        ErpNaRestSimulator na = sims.erpNa();
        assertThat(na.createdOrders()).containsExactly(org.assertj.core.api.Assertions.entry(ref, number));
        assertThat(na.createdOrderCount(ref)).isEqualTo(1);
        ErpOrder stored = na.findOrder(number).orElseThrow();
        assertThat(stored.customerNumber()).isEqualTo("C-100");
        assertThat(stored.currency()).isEqualTo("USD");
        assertThat(stored.requestedDeliveryDate()).hasToString("2026-12-01");
        assertThat(stored.shipTo()).containsEntry("city", "Chicago");
        assertThat(stored.lines().get(0).quantity()).isEqualByComparingTo("5");
        assertThat(stored.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("10.50"));
        assertThat(stored.lines().get(1).quantity()).isEqualTo(new BigDecimal("2.5"));
        assertThat(stored.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("3.20"));

        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(na.salesOrdersUrl() + "/" + number)).GET());
        assertThat(get.statusCode()).isEqualTo(200);
        JsonNode fetched = JSON.readTree(get.body());
        assertThat(fetched.path("erpOrderNumber").asText()).isEqualTo(number);
        assertThat(fetched.path("lines").get(0).path("unitPrice").asText()).isEqualTo("10.50");
        assertThat(send(HttpRequest.newBuilder(URI.create(na.salesOrdersUrl() + "/NA-999999")).GET()).statusCode())
                .isEqualTo(404);

        // the request was recorded, with its correlation id, in Java and over the control endpoint
        RecordedRequest first = na.receivedRequests().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/erp-na/api/v1/sales-orders");
        assertThat(first.correlationId()).isEqualTo("corr-na-1");
        assertThat(first.body()).contains(ref);
        JsonNode recorded = JSON.readTree(send(HttpRequest.newBuilder(URI.create(na.baseUrl() + "/sim/requests")).GET())
                .body());
        assertThat(recorded).hasSize(3);
        assertThat(recorded.get(0).path("headers").path("x-correlation-id").asText()).isEqualTo("corr-na-1");
        assertThat(recorded.get(0).path("body").asText()).contains(ref);
        assertThat(recorded.get(0).path("receivedAt").asText()).isNotBlank();
    }

    @Test
    void forgettingRequestsKeepsTheOrders() throws Exception {
        String ref = newRef();
        HttpResponse<String> response = postNa(naOrder(ref, "C-100",
                "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":\"5\",\"unitOfMeasure\":\"EA\",\"unitPrice\":\"10.50\"}"),
                "corr-na-forget");
        assertThat(response.statusCode()).isEqualTo(201);
        ErpNaRestSimulator na = sims.erpNa();
        assertThat(na.receivedRequests()).hasSize(1);

        na.forgetRequests();

        assertThat(na.receivedRequests()).isEmpty();
        assertThat(na.createdOrderCount(ref)).isEqualTo(1);
        String number = JSON.readTree(response.body()).path("erpOrderNumber").asText();
        assertThat(na.findOrder(number)).isPresent();
    }

    @Test
    void naRejectsUnknownSkuLineAndAnswersPartial() throws Exception {
        String ref = newRef();
        HttpResponse<String> response = postNa(naOrder(ref, "C-100",
                "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":\"5\",\"unitOfMeasure\":\"EA\",\"unitPrice\":\"10.50\"}",
                "{\"lineNumber\":2,\"sku\":\"UNKNOWN-9\",\"quantity\":1,\"unitOfMeasure\":\"EA\",\"unitPrice\":\"1.00\"}"),
                null);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("PARTIAL");
        assertThat(body.path("erpOrderNumber").asText()).startsWith("NA-");
        JsonNode rejected = body.path("lines").get(1);
        assertThat(rejected.path("lineNumber").asInt()).isEqualTo(2);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("reasonCode").asText()).isEqualTo("UNKNOWN_SKU");
        assertThat(rejected.path("reason").asText()).isEqualTo("SKU UNKNOWN-9 is not in the item master");
        assertThat(body.path("lines").get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.path("lines").get(0).has("reasonCode")).isFalse();
    }

    @Test
    void naRejectLineModeUsesConfiguredSkusAndAllRejectedIs422() throws Exception {
        sims.erpNa().setBehaviour(SimBehaviour.rejectLines("SKU-BAD"));
        String ref = newRef();
        HttpResponse<String> response = postNa(naOrder(ref, "C-100",
                "{\"lineNumber\":1,\"sku\":\"SKU-BAD\",\"quantity\":1}",
                "{\"lineNumber\":2,\"sku\":\"UNKNOWN-1\",\"quantity\":1}"), null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("REJECTED");
        assertThat(body.has("erpOrderNumber")).isFalse();
        assertThat(body.path("lines").get(0).path("reason").asText())
                .isEqualTo("SKU SKU-BAD is not in the item master");
        assertThat(sims.erpNa().createdOrderCount(ref)).isZero();
    }

    @Test
    void naPutsHoldCustomerOnCreditHold() throws Exception {
        String ref = newRef();
        HttpResponse<String> response = postNa(naOrder(ref, "HOLD-7",
                "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":\"5\",\"unitPrice\":\"10.50\"}"), null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("REJECTED");
        assertThat(body.path("externalReference").asText()).isEqualTo(ref);
        assertThat(body.has("erpOrderNumber")).isFalse();
        assertThat(body.path("reasons")).hasSize(1);
        assertThat(body.path("reasons").get(0).path("code").asText()).isEqualTo("CREDIT_HOLD");
        assertThat(body.path("reasons").get(0).path("message").asText()).isEqualTo("customer HOLD-7 is on credit hold");
        assertThat(sims.erpNa().createdOrderCount(ref)).isZero();
        assertThat(sims.erpNa().createdOrders()).isEmpty();
    }

    @Test
    void naValidatesRequiredFields() throws Exception {
        HttpResponse<String> noRef = postNa("{\"customerNumber\":\"C-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}",
                null);
        assertThat(noRef.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noRef.body()).path("error").asText()).isEqualTo("externalReference is required");

        HttpResponse<String> noCustomer = postNa("{\"externalReference\":\"r\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}",
                null);
        assertThat(noCustomer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noCustomer.body()).path("error").asText()).isEqualTo("customerNumber is required");

        HttpResponse<String> noLines = postNa("{\"externalReference\":\"r\",\"customerNumber\":\"C-1\",\"lines\":[]}",
                null);
        assertThat(noLines.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noLines.body()).path("error").asText())
                .isEqualTo("lines must contain at least one order line");
        assertThat(sims.erpNa().createdOrders()).isEmpty();
    }

    @Test
    void naIsIdempotentOnExternalReference() throws Exception {
        String ref = newRef();
        String order = naOrder(ref, "C-100", "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":\"5\",\"unitPrice\":\"10.50\"}");

        HttpResponse<String> first = postNa(order, null);
        HttpResponse<String> repeat = postNa(order, null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(repeat.body())).isEqualTo(JSON.readTree(first.body()));
        String number = JSON.readTree(first.body()).path("erpOrderNumber").asText();
        assertThat(JSON.readTree(repeat.body()).path("erpOrderNumber").asText()).isEqualTo(number);
        assertThat(sims.erpNa().createdOrderCount(ref)).isEqualTo(1);
        assertThat(sims.erpNa().createdOrders()).hasSize(1);

        // the next new order gets the next sequential number
        HttpResponse<String> other = postNa(naOrder(newRef(), "C-100", "{\"sku\":\"SKU-1\",\"quantity\":1}"), null);
        long n = Long.parseLong(number.substring(3));
        assertThat(JSON.readTree(other.body()).path("erpOrderNumber").asText()).isEqualTo("NA-" + (n + 1));
    }

    @Test
    void naCreatesExactlyOneOrderForConcurrentDuplicates() throws Exception {
        String ref = newRef();
        String order = naOrder(ref, "C-100", "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":1}");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(HTTP.sendAsync(naPost(order, null), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get();
            statuses.add(r.statusCode());
            numbers.add(JSON.readTree(r.body()).path("erpOrderNumber").asText());
        }
        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(numbers).hasSize(12).allMatch(numbers.get(0)::equals);
        assertThat(sims.erpNa().createdOrderCount(ref)).isEqualTo(1);
        assertThat(sims.erpNa().receivedRequests()).hasSize(12);
    }

    @Test
    void naFailNextAnswers503ThenRecovers() throws Exception {
        ErpNaRestSimulator na = sims.erpNa();
        HttpResponse<String> control = send(HttpRequest.newBuilder(URI.create(na.baseUrl() + "/sim/behaviour"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"failNext\":2}")));
        assertThat(control.statusCode()).isEqualTo(204);
        assertThat(na.behaviour().failNext()).isEqualTo(2);
        assertThat(na.behaviour().mode()).isEqualTo(SimMode.ACCEPT);

        String ref = newRef();
        String order = naOrder(ref, "C-100", "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":1}");
        HttpResponse<String> r1 = postNa(order, "c-1");
        HttpResponse<String> r2 = postNa(order, "c-1");
        HttpResponse<String> r3 = postNa(order, "c-1");

        assertThat(r1.statusCode()).isEqualTo(503);
        assertThat(r1.body()).contains("Service Unavailable");
        assertThat(r2.statusCode()).isEqualTo(503);
        assertThat(r3.statusCode()).isEqualTo(201);
        assertThat(na.createdOrderCount(ref)).isEqualTo(1);
        assertThat(na.receivedRequests()).hasSize(3).allMatch(r -> "c-1".equals(r.correlationId()));
        assertThat(na.behaviour().failNext()).isZero();
    }

    @Test
    void naFailNextMatchingFailsOnlyTheRequestsThatMentionTheText() throws Exception {
        ErpNaRestSimulator na = sims.erpNa();
        String failingRef = newRef();
        String otherRef = newRef();
        na.failNextMatching(failingRef, 1);

        HttpResponse<String> other = postNa(naOrder(otherRef, "C-100", "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":1}"), null);
        String failing = naOrder(failingRef, "C-100", "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":1}");
        HttpResponse<String> first = postNa(failing, null);
        HttpResponse<String> second = postNa(failing, null);

        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(na.createdOrderCount(failingRef)).isEqualTo(1);
    }

    @Test
    void slowModeDelaysTheAnswer() throws Exception {
        sims.erpNa().setBehaviour(SimBehaviour.slow(300));
        long started = System.nanoTime();
        HttpResponse<String> response = postNa(naOrder(newRef(), "C-100", "{\"sku\":\"SKU-1\",\"quantity\":1}"), null);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void controlEndpointRejectsUnknownMode() throws Exception {
        HttpResponse<String> control = send(HttpRequest.newBuilder(URI.create(sims.erpNa().baseUrl() + "/sim/behaviour"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"BROKEN\"}")));
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(control.body()).path("error").asText()).startsWith("unknown mode 'BROKEN'");
        assertThat(sims.erpNa().behaviour().mode()).isEqualTo(SimMode.ACCEPT);
    }

    // ------------------------------------------------------------------ ERP EMEA (SOAP)

    @Test
    void emeaAcceptsSoapOrder() throws Exception {
        String ref = newRef();
        HttpResponse<String> response = postSoap(soapOrder(ref, "C-200",
                soapLine(1, "SKU-1", "5", "10.50") + soapLine(2, "UNKNOWN-3", "1", "2.00")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/xml"));
        Document doc = parseXml(response.body());
        XPath xp = xpath();
        String base = "/soapenv:Envelope/soapenv:Body/erp:CreateSalesOrderResponse/";
        String number = xp.evaluate(base + "erp:SalesOrderNumber", doc);
        assertThat(number).matches("EU-5\\d{5}");
        assertThat(xp.evaluate(base + "erp:ExternalReference", doc)).isEqualTo(ref);
        assertThat(xp.evaluate(base + "erp:Status", doc)).isEqualTo("PARTIAL");
        assertThat(((Double) xp.evaluate("count(" + base + "erp:LineResult)", doc, XPathConstants.NUMBER)).intValue())
                .isEqualTo(2);
        assertThat(xp.evaluate(base + "erp:LineResult[erp:LineNumber='1']/erp:Status", doc)).isEqualTo("ACCEPTED");
        assertThat(xp.evaluate(base + "erp:LineResult[erp:LineNumber='2']/erp:Status", doc)).isEqualTo("REJECTED");
        assertThat(xp.evaluate(base + "erp:LineResult[erp:LineNumber='2']/erp:ReasonCode", doc)).isEqualTo("UNKNOWN_SKU");

        ErpEmeaSoapSimulator emea = sims.erpEmea();
        assertThat(emea.createdOrders()).containsEntry(ref, number).hasSize(1);
        assertThat(emea.createdOrderCount(ref)).isEqualTo(1);
        ErpOrder stored = emea.findOrder(number).orElseThrow();
        assertThat(stored.currency()).isEqualTo("EUR");
        assertThat(stored.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("10.50"));
        assertThat(emea.receivedRequests().get(0).header("SOAPAction"))
                .isEqualTo("\"urn:ordersync:erp-emea:v1:CreateSalesOrder\"");

        // idempotent repeat: same number, same answer, nothing new
        HttpResponse<String> repeat = postSoap(soapOrder(ref, "C-200",
                soapLine(1, "SKU-1", "5", "10.50") + soapLine(2, "UNKNOWN-3", "1", "2.00")));
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(response.body());
        assertThat(emea.createdOrderCount(ref)).isEqualTo(1);
    }

    @Test
    void emeaCreditHoldIsABusinessRejection() throws Exception {
        String ref = newRef();
        HttpResponse<String> response = postSoap(soapOrder(ref, "HOLD-42", soapLine(1, "SKU-1", "1", "1.00")));

        assertThat(response.statusCode()).isEqualTo(200);
        Document doc = parseXml(response.body());
        XPath xp = xpath();
        String base = "/soapenv:Envelope/soapenv:Body/erp:CreateSalesOrderResponse/";
        assertThat(xp.evaluate(base + "erp:Status", doc)).isEqualTo("REJECTED");
        assertThat((Boolean) xp.evaluate("boolean(" + base + "erp:SalesOrderNumber)", doc, XPathConstants.BOOLEAN))
                .isFalse();
        assertThat(xp.evaluate(base + "erp:Reason/erp:Code", doc)).isEqualTo("CREDIT_HOLD");
        assertThat(xp.evaluate(base + "erp:Reason/erp:Message", doc)).isEqualTo("customer HOLD-42 is on credit hold");
        assertThat(sims.erpEmea().createdOrderCount(ref)).isZero();
    }

    @Test
    void emeaRejectsDoctypeWithSoapFault() throws Exception {
        String evil = "<?xml version=\"1.0\"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + soapOrder("&xxe;", "C-200", soapLine(1, "SKU-1", "1", "1.00"));
        HttpResponse<String> response = postSoap(evil);

        assertThat(response.statusCode()).isEqualTo(500);
        Document doc = parseXml(response.body());
        XPath xp = xpath();
        assertThat(xp.evaluate("/soapenv:Envelope/soapenv:Body/soapenv:Fault/faultcode", doc))
                .isEqualTo("soapenv:Client");
        assertThat(xp.evaluate("/soapenv:Envelope/soapenv:Body/soapenv:Fault/faultstring", doc))
                .isEqualTo("DOCTYPE declarations are not allowed");
        assertThat(response.body()).doesNotContain("root:");
        assertThat(sims.erpEmea().createdOrders()).isEmpty();
    }

    @Test
    void emeaFaultsOnMissingFieldsAndMalformedXml() throws Exception {
        HttpResponse<String> noRef = postSoap(soapOrder("", "C-200", soapLine(1, "SKU-1", "1", "1.00")));
        assertThat(noRef.statusCode()).isEqualTo(500);
        assertThat(xpath().evaluate("//faultstring", parseXml(noRef.body()))).isEqualTo("ExternalReference is required");

        HttpResponse<String> noLines = postSoap(soapOrder(newRef(), "C-200", ""));
        assertThat(noLines.statusCode()).isEqualTo(500);
        assertThat(xpath().evaluate("//faultstring", parseXml(noLines.body()))).isEqualTo("at least one Line is required");

        HttpResponse<String> malformed = postSoap("<soapenv:Envelope xmlns:soapenv=\"x\"><unclosed>");
        assertThat(malformed.statusCode()).isEqualTo(500);
        assertThat(xpath().evaluate("//faultcode", parseXml(malformed.body()))).isEqualTo("soapenv:Client");
        assertThat(xpath().evaluate("//faultstring", parseXml(malformed.body()))).startsWith("malformed XML");
    }

    @Test
    void emeaUnavailableAnswers503PlainText() throws Exception {
        sims.erpEmea().behaviour(SimMode.UNAVAILABLE);
        HttpResponse<String> response = postSoap(soapOrder(newRef(), "C-200", soapLine(1, "SKU-1", "1", "1.00")));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(sims.erpEmea().createdOrders()).isEmpty();
        assertThat(sims.erpEmea().receivedRequests()).hasSize(1);
    }

    @Test
    void emeaReadsASalesOrderBackWithTheStatusTheErpHasNow() throws Exception {
        String ref = newRef();
        String number = xpath().evaluate("//erp:SalesOrderNumber", parseXml(postSoap(soapOrder(ref, "C-200",
                soapLine(1, "SKU-1", "1", "1.00"))).body()));
        String base = "/soapenv:Envelope/soapenv:Body/erp:GetSalesOrderResponse/erp:SalesOrder/";

        HttpResponse<String> read = postSoap(getSalesOrder(number), ErpEmeaSoapSimulator.GET_SOAP_ACTION);
        assertThat(read.statusCode()).isEqualTo(200);
        ErpEmeaContract.assertMatchesWsdl(read.body(), "GetSalesOrderResponse");
        Document doc = parseXml(read.body());
        assertThat(xpath().evaluate(base + "erp:SalesOrderNumber", doc)).isEqualTo(number);
        assertThat(xpath().evaluate(base + "erp:ExternalReference", doc)).isEqualTo(ref);
        assertThat(xpath().evaluate(base + "erp:CustomerNumber", doc)).isEqualTo("C-200");
        assertThat(xpath().evaluate(base + "erp:Status", doc)).isEqualTo("ACCEPTED");
        assertThat(xpath().evaluate(base + "erp:LineResult[erp:LineNumber='1']/erp:Status", doc)).isEqualTo("ACCEPTED");

        // people working in the ERP cancel it
        assertThat(setOrderStatus(sims.erpEmea(), "{\"orderNumber\":\"" + number + "\",\"status\":\"CANCELLED\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> cancelled = postSoap(getSalesOrder(number), ErpEmeaSoapSimulator.GET_SOAP_ACTION);
        ErpEmeaContract.assertMatchesWsdl(cancelled.body(), "GetSalesOrderResponse");
        assertThat(xpath().evaluate(base + "erp:Status", parseXml(cancelled.body()))).isEqualTo("CANCELLED");

        HttpResponse<String> unknown = postSoap(getSalesOrder("EU-999999999"), ErpEmeaSoapSimulator.GET_SOAP_ACTION);
        assertThat(unknown.statusCode()).isEqualTo(200);
        ErpEmeaContract.assertMatchesWsdl(unknown.body(), "GetSalesOrderResponse");
        assertThat((Boolean) xpath().evaluate("boolean(//erp:GetSalesOrderResponse/erp:SalesOrder)",
                parseXml(unknown.body()), XPathConstants.BOOLEAN)).as("no such order").isFalse();
        assertThat(sims.erpEmea().createdOrderCount(ref)).as("reading creates nothing").isEqualTo(1);
    }

    @Test
    void naShowsAStatusChangedInTheErpAndTheControlEndpointRefusesWhatItCannotDo() throws Exception {
        String number = JSON.readTree(postNa(naOrder(newRef(), "C-100",
                "{\"lineNumber\":1,\"sku\":\"SKU-1\",\"quantity\":1}"), null).body()).path("erpOrderNumber").asText();
        ErpNaRestSimulator na = sims.erpNa();

        assertThat(setOrderStatus(na, "{\"orderNumber\":\"" + number + "\",\"status\":\"CANCELLED\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(na.salesOrdersUrl() + "/" + number)).GET());
        assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("CANCELLED");

        assertThat(setOrderStatus(na, "{\"orderNumber\":\"NA-999999999\",\"status\":\"CANCELLED\"}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> unknownStatus = setOrderStatus(na, "{\"orderNumber\":\"" + number
                + "\",\"status\":\"SHIPPED\"}");
        assertThat(unknownStatus.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownStatus.body()).path("error").asText())
                .isEqualTo("status must be one of [ACCEPTED, PARTIAL, CANCELLED] but was 'SHIPPED'");
        assertThat(setOrderStatus(na, "not json").statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(URI.create(na.baseUrl() + "/sim/order-status")).GET()).statusCode())
                .isEqualTo(405);
        assertThat(na.findOrder(number).orElseThrow().status()).isEqualTo("CANCELLED");
    }

    @Test
    void emeaServesWsdlWithRealAddress() throws Exception {
        ErpEmeaSoapSimulator emea = sims.erpEmea();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(emea.baseUrl() + "/erp-emea/soap?wsdl"))
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        String expectedLocation = "http://127.0.0.1:" + emea.port() + "/erp-emea/soap";
        assertThat(response.body()).contains("location=\"" + expectedLocation + "\"");
        assertThat(response.body()).doesNotContain("localhost:9102");
        Document wsdl = parseXml(response.body());
        XPath xp = xpath();
        assertThat(xp.evaluate("/wsdl:definitions/@targetNamespace", wsdl)).isEqualTo("urn:ordersync:erp-emea:v1");
        assertThat(xp.evaluate("//wsdl:service/wsdl:port/soap:address/@location", wsdl)).isEqualTo(expectedLocation);
        assertThat(xp.evaluate("//wsdl:binding/wsdl:operation[@name='CreateSalesOrder']/soap:operation/@soapAction",
                wsdl)).isEqualTo("urn:ordersync:erp-emea:v1:CreateSalesOrder");
        assertThat(xp.evaluate("//wsdl:binding/wsdl:operation[@name='GetSalesOrder']/soap:operation/@soapAction",
                wsdl)).isEqualTo(ErpEmeaSoapSimulator.GET_SOAP_ACTION);
        // WSDL fetches are not business requests
        assertThat(emea.receivedRequests()).isEmpty();
    }

    // ------------------------------------------------------------------ CRM

    @Test
    void crmMergesPatchesAndServesMergedFields() throws Exception {
        CrmSimulator crm = sims.crm();
        String id = "801xx000003DHP1AAO";
        HttpResponse<String> p1 = patchCrm(id, "{\"Status\":\"Activated\",\"Integration_Status__c\":\"PENDING\"}");
        HttpResponse<String> p2 = patchCrm(id,
                "{\"ERP_Order_Number__c\":\"NA-100001\",\"Integration_Status__c\":\"ACCEPTED\","
                        + "\"Integration_Message__c\":\"created\"}");

        assertThat(p1.statusCode()).isEqualTo(204);
        assertThat(p2.statusCode()).isEqualTo(204);
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(crm.orderUrl() + "/" + id)).GET());
        assertThat(get.statusCode()).isEqualTo(200);
        JsonNode fields = JSON.readTree(get.body());
        assertThat(fields.path("Status").asText()).isEqualTo("Activated");
        assertThat(fields.path("ERP_Order_Number__c").asText()).isEqualTo("NA-100001");
        assertThat(fields.path("Integration_Status__c").asText()).isEqualTo("ACCEPTED");
        assertThat(fields.path("Integration_Message__c").asText()).isEqualTo("created");

        assertThat(crm.order(id)).containsEntry("Status", "Activated").containsEntry("Integration_Status__c", "ACCEPTED")
                .hasSize(4);
        assertThat(crm.updates(id)).hasSize(2);
        assertThat(crm.updates(id).get(0)).containsEntry("Integration_Status__c", "PENDING");
        assertThat(crm.updates(id).get(1)).containsEntry("ERP_Order_Number__c", "NA-100001");
        assertThat(crm.updateCount()).isEqualTo(2);

        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(crm.orderUrl() + "/nope")).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void crmRejectsInvalidJson() throws Exception {
        HttpResponse<String> response = patchCrm("801A", "{\"Status\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.isArray()).isTrue();
        assertThat(error.get(0).path("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
        assertThat(error.get(0).path("message").asText()).isNotBlank();
        assertThat(sims.crm().order("801A")).isNull();
        assertThat(sims.crm().updateCount()).isZero();
    }

    @Test
    void crmUnavailableAnswers503() throws Exception {
        CrmSimulator crm = sims.crm();
        HttpResponse<String> control = send(HttpRequest.newBuilder(URI.create(crm.baseUrl() + "/sim/behaviour"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"UNAVAILABLE\"}")));
        assertThat(control.statusCode()).isEqualTo(204);

        HttpResponse<String> response = patchCrm("801B", "{\"Status\":\"Activated\"}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(crm.order("801B")).isNull();
        assertThat(crm.receivedRequests()).hasSize(1);

        HttpResponse<String> reset = send(HttpRequest.newBuilder(URI.create(crm.baseUrl() + "/sim/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(crm.receivedRequests()).isEmpty();
        assertThat(patchCrm("801B", "{\"Status\":\"Activated\"}").statusCode()).isEqualTo(204);
        assertThat(crm.order("801B")).containsEntry("Status", "Activated");
    }

    // ------------------------------------------------------------------ helpers

    private static String newRef() {
        return "ord-" + UUID.randomUUID();
    }

    private static String naOrder(String ref, String customer, String... lines) {
        return "{\"externalReference\":\"" + ref + "\",\"customerNumber\":\"" + customer + "\",\"currency\":\"USD\","
                + "\"requestedDeliveryDate\":\"2026-12-01\",\"shipTo\":{\"name\":\"Acme\",\"city\":\"Chicago\"},"
                + "\"lines\":[" + String.join(",", lines) + "]}";
    }

    private static HttpRequest naPost(String json, String correlationId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sims.erpNa().salesOrdersUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (correlationId != null) {
            builder.header("X-Correlation-Id", correlationId);
        }
        return builder.build();
    }

    private static HttpResponse<String> postNa(String json, String correlationId) throws Exception {
        return HTTP.send(naPost(json, correlationId), HttpResponse.BodyHandlers.ofString());
    }

    private static String soapLine(int number, String sku, String quantity, String price) {
        return "<erp:Line><erp:LineNumber>" + number + "</erp:LineNumber><erp:Sku>" + sku + "</erp:Sku>"
                + "<erp:Quantity>" + quantity + "</erp:Quantity><erp:UnitOfMeasure>EA</erp:UnitOfMeasure>"
                + "<erp:UnitPrice>" + price + "</erp:UnitPrice></erp:Line>";
    }

    private static String soapOrder(String ref, String customer, String lines) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:erp=\"urn:ordersync:erp-emea:v1\"><soapenv:Header/><soapenv:Body><erp:CreateSalesOrder>"
                + "<erp:ExternalReference>" + ref + "</erp:ExternalReference>"
                + "<erp:CustomerNumber>" + customer + "</erp:CustomerNumber>"
                + "<erp:Currency>EUR</erp:Currency><erp:RequestedDeliveryDate>2026-12-01</erp:RequestedDeliveryDate>"
                + lines + "</erp:CreateSalesOrder></soapenv:Body></soapenv:Envelope>";
    }

    private static String getSalesOrder(String number) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:erp=\"urn:ordersync:erp-emea:v1\"><soapenv:Body><erp:GetSalesOrder>"
                + "<erp:SalesOrderNumber>" + number + "</erp:SalesOrderNumber></erp:GetSalesOrder></soapenv:Body>"
                + "</soapenv:Envelope>";
    }

    private static HttpResponse<String> postSoap(String xml) throws Exception {
        return postSoap(xml, ErpEmeaSoapSimulator.SOAP_ACTION);
    }

    private static HttpResponse<String> postSoap(String xml, String soapAction) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sims.erpEmea().endpointUrl()))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + soapAction + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> setOrderStatus(ErpSimulator erp, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(erp.baseUrl() + "/sim/order-status"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> patchCrm(String id, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sims.crm().orderUrl() + "/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static XPath xpath() {
        XPath xp = XPathFactory.newInstance().newXPath();
        xp.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "soapenv" -> "http://schemas.xmlsoap.org/soap/envelope/";
                    case "erp" -> "urn:ordersync:erp-emea:v1";
                    case "wsdl" -> "http://schemas.xmlsoap.org/wsdl/";
                    case "soap" -> "http://schemas.xmlsoap.org/wsdl/soap/";
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String namespaceURI) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                throw new UnsupportedOperationException();
            }
        });
        return xp;
    }
}
