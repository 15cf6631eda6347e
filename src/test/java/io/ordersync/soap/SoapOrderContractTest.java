package io.ordersync.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderValidator;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SOAP channel's contract without a runtime: requests read against {@code wsdl/ordersync-orders.wsdl} (secure
 * parse, envelope, schema, typed JSON), the real {@code mappings/soap-order-to-canonical.jslt} run with the JSLT
 * library the way camel-jslt runs it, and the responses and faults checked against the same schema.
 */
class SoapOrderContractTest {

    private static OrderServiceContract contract;
    private static Expression mapping;

    @BeforeAll
    static void load() throws IOException {
        contract = OrderServiceContract.load();
        mapping = Parser.compileString(Files.readString(Path.of("mappings/soap-order-to-canonical.jslt"),
                StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ SubmitOrder to canonical

    @Test
    void a_submit_order_request_maps_to_a_canonical_order() {
        CanonicalOrder order = map(fixture("submit-order-us01.xml").replace("${externalId}", "SOAP-T-1"));

        assertThat(order.source()).isEqualTo(new CanonicalOrder.Source("SOAP", "SOAP", null, "SOAP-T-1"));
        assertThat(order.legalEntity()).isEqualTo("US01");
        assertThat(order.customer()).isEqualTo(
                new CanonicalOrder.Customer("001T00000000NA01", "NA-20001", "Test Hardware Inc."));
        assertThat(order.customerPurchaseOrder()).isEqualTo("PO-S-1");
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.orderDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(order.shipTo()).isEqualTo(
                new CanonicalOrder.Party("Test Hardware Inc.", "1 Main St", "Springfield", "IL", "62701", "US"));
        assertThat(order.terms()).isEqualTo(new CanonicalOrder.Terms("NET30", null));
        assertThat(order.lines()).hasSize(2);
        assertThat(order.lines().get(0)).isEqualTo(new CanonicalOrder.Line(1, "SKU-100", null, "04006381333931",
                "Widget", new BigDecimal("5"), "EA", new BigDecimal("10.10"), null));
        assertThat(order.lines().get(1).unitOfMeasure()).isEqualTo("KG");
        assertThat(new OrderValidator().validate(order)).isEmpty();
    }

    @Test
    void decimals_stay_exact_from_the_xml_to_the_canonical_order() {
        String xml = fixture("submit-order-us01.xml").replace("${externalId}", "SOAP-T-2")
                .replace("<ord:Quantity>5</ord:Quantity>", "<ord:Quantity>10.0</ord:Quantity>")
                .replace("<ord:UnitPrice>10.10</ord:UnitPrice>", "<ord:UnitPrice>1234567890.123456789</ord:UnitPrice>")
                .replace("<ord:Quantity>2.5</ord:Quantity>", "<ord:Quantity>0.0001</ord:Quantity>");

        JsonNode payload = contract.read(xml.getBytes(StandardCharsets.UTF_8), null).payload();
        JsonNode firstLine = payload.path("Lines").path("Line").get(0);
        // typed by the schema: xsd:decimal is a decimal, xsd:positiveInteger an integer, text stays text
        assertThat(firstLine.path("Quantity").isBigDecimal()).isTrue();
        assertThat(firstLine.path("LineNumber").isIntegralNumber()).isTrue();
        assertThat(firstLine.path("Sku").isTextual()).isTrue();

        CanonicalOrder order = map(xml);
        // isEqualTo on BigDecimal compares the scale too: 10.0 stays 10.0, not 10 or 1E+1
        assertThat(order.lines().get(0).quantity()).isEqualTo(new BigDecimal("10.0"));
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("1234567890.123456789"));
        assertThat(order.lines().get(1).quantity()).isEqualTo(new BigDecimal("0.0001"));
        assertThat(order.completed("ord-x", "c", null, "US01").totals().totalAmount())
                .isEqualTo(new BigDecimal("12345678901.2345678900").add(new BigDecimal("0.000330")));
    }

    @Test
    void a_source_system_and_a_single_line_map_too() {
        String xml = fixture("submit-order-us01.xml").replace("${externalId}", "801T0000000SOAP1")
                .replace("<ord:PurchaseOrderNumber>", "<ord:SourceSystem>CRM</ord:SourceSystem><ord:PurchaseOrderNumber>")
                .replaceAll("(?s)<ord:Line>\\s*<ord:LineNumber>2</ord:LineNumber>.*?</ord:Line>", "");

        CanonicalOrder order = map(xml);
        assertThat(order.source()).isEqualTo(new CanonicalOrder.Source("SOAP", "CRM", null, "801T0000000SOAP1"));
        assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("SKU-100");
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void schema_violations_are_named_by_element_path() {
        SoapFault fault = refused(fixture("submit-order-invalid.xml").replace("${externalId}", "SOAP-BAD-1"));

        assertThat(fault.faultCode()).isEqualTo(SoapFault.CLIENT);
        assertThat(fault.code()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(fault.keepAsInvalid()).isTrue();
        assertThat(fault.fieldErrors()).extracting(FieldError::field).containsExactly(
                "SubmitOrderRequest/Currency",
                "SubmitOrderRequest/Lines/Line[2]/Quantity",
                "SubmitOrderRequest/Lines/Line[3]");
        assertThat(fault.fieldErrors().get(0).message()).contains("usd").contains("[A-Z]{3}");
        assertThat(fault.fieldErrors().get(1).message()).contains("minExclusive");
        assertThat(fault.fieldErrors().get(2).message()).contains("Quantity").contains("Sku");
    }

    @Test
    void an_external_entity_is_refused_before_the_file_is_read(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        SoapFault fault = refused(fixture("xxe-local-file.xml").replace("${file}", secret.toAbsolutePath().toString())
                .replace("${dtdUrl}", "http://127.0.0.1:9/evil.dtd"));

        assertThat(fault.faultCode()).isEqualTo(SoapFault.CLIENT);
        assertThat(fault.code()).isEqualTo("XML_DOCTYPE_NOT_ALLOWED");
        assertThat(fault.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
        assertThat(SoapMessages.fault(fault, "c-1")).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void billion_laughs_are_refused_without_expanding_anything() {
        long start = System.nanoTime();
        SoapFault fault = refused(fixture("billion-laughs.xml"));

        assertThat(fault.code()).isEqualTo("XML_DOCTYPE_NOT_ALLOWED");
        assertThat(fault.getMessage()).doesNotContain("lollol");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nesting_deeper_than_an_order_needs_is_refused() {
        String deep = "<x>".repeat(200) + "</x>".repeat(200);
        SoapFault fault = refused(envelope(deep));
        assertThat(fault.code()).isEqualTo("INVALID_XML");
        assertThat(fault.getMessage()).contains("depth");
    }

    @Test
    void not_well_formed_xml_is_a_client_fault_with_its_position() {
        SoapFault fault = refused("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
                + "<soapenv:Body><a></b></soapenv:Body></soapenv:Envelope>");
        assertThat(fault.code()).isEqualTo("INVALID_XML");
        assertThat(fault.getMessage()).contains("line 2");
    }

    @Test
    void a_soap_1_2_envelope_is_a_version_mismatch() {
        SoapFault fault = refused("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<env:Body/></env:Envelope>");
        assertThat(fault.faultCode()).isEqualTo(SoapFault.VERSION_MISMATCH);
    }

    @Test
    void a_header_that_must_be_understood_is_a_must_understand_fault() {
        String xml = fixture("submit-order-us01.xml").replace("${externalId}", "SOAP-T-3")
                .replace("<soapenv:Header/>", "<soapenv:Header><wsse:Security xmlns:wsse=\"urn:x\""
                        + " soapenv:mustUnderstand=\"1\"/></soapenv:Header>");
        assertThat(refused(xml).faultCode()).isEqualTo(SoapFault.MUST_UNDERSTAND);
    }

    @Test
    void an_unknown_operation_or_a_contradicting_soap_action_is_refused() {
        assertThat(refused(envelope("<ord:CancelOrderRequest xmlns:ord=\"urn:ordersync:orders:v1\"/>")).code())
                .isEqualTo("UNKNOWN_OPERATION");
        String submit = fixture("submit-order-us01.xml").replace("${externalId}", "SOAP-T-4");
        SoapFault fault = catchThrowableOfType(SoapFault.class, () -> contract.read(
                submit.getBytes(StandardCharsets.UTF_8), "\"urn:ordersync:orders:v1:GetOrderStatus\""));
        assertThat(fault.code()).isEqualTo("SOAP_ACTION_MISMATCH");
        assertThat(contract.read(submit.getBytes(StandardCharsets.UTF_8), "\"urn:ordersync:orders:v1:SubmitOrder\"")
                .operation()).isEqualTo(OrderServiceContract.Operation.SubmitOrder);
    }

    @Test
    void get_order_status_takes_an_order_id_or_an_external_id() {
        OrderServiceContract.Request byId = contract.read(envelope(
                "<ord:GetOrderStatusRequest xmlns:ord=\"urn:ordersync:orders:v1\"><ord:OrderId>"
                        + "ord-00000000-0000-0000-0000-000000000000</ord:OrderId></ord:GetOrderStatusRequest>")
                .getBytes(StandardCharsets.UTF_8), "");
        assertThat(byId.operation()).isEqualTo(OrderServiceContract.Operation.GetOrderStatus);
        assertThat(byId.payload().path("OrderId").asText()).isEqualTo("ord-00000000-0000-0000-0000-000000000000");

        SoapFault both = refused(envelope("<ord:GetOrderStatusRequest xmlns:ord=\"urn:ordersync:orders:v1\">"
                + "<ord:OrderId>ord-00000000-0000-0000-0000-000000000000</ord:OrderId>"
                + "<ord:ExternalOrderId>X</ord:ExternalOrderId></ord:GetOrderStatusRequest>"));
        assertThat(both.code()).isEqualTo("SCHEMA_VIOLATION");
    }

    // ------------------------------------------------------------------ what we send matches the contract

    @Test
    void responses_and_faults_match_the_wsdl_schema() {
        validBody(SoapMessages.submitOrderResponse(new OrderIntake.Receipt("ord-00000000-0000-0000-0000-000000000001",
                "corr-1", "REJECTED", null, List.of(new OrderEvent.Reason("UNKNOWN_LEGAL_ENTITY", "no entity 'ZZ99'")))));
        validBody(SoapMessages.fault(SoapFault.invalid("SCHEMA_VIOLATION", "bad",
                List.of(new FieldError("SubmitOrderRequest/Currency", "wrong"))), "corr-2"));
        JsonNode view = Json.read("""
                {"orderId": "ord-00000000-0000-0000-0000-000000000002", "status": "ACCEPTED", "legalEntity": "US01",
                 "erpOrderNumber": "NA-100001", "correlationId": "corr-3",
                 "order": {"source": {"channel": "SOAP", "system": "SOAP", "externalId": "SOAP-T-5"}},
                 "progress": {"shipmentState": "NOT_SHIPPED", "invoiceState": "NOT_INVOICED", "paymentState": "UNPAID"},
                 "timeline": [{"type": "OrderReceived", "status": "RECEIVED", "occurredAt": "2026-11-23T10:15:30.123Z"},
                              {"type": "OrderRejected", "status": "REJECTED", "occurredAt": "2026-11-23T10:15:31Z",
                               "event": {"reasons": [{"code": "CREDIT_HOLD", "message": "on hold"}]}}]}""",
                JsonNode.class);
        String status = SoapMessages.orderStatusResponse(view);
        validBody(status);
        assertThat(status).contains("<ord:ErpOrderNumber>NA-100001</ord:ErpOrderNumber>")
                .contains("<ord:Code>CREDIT_HOLD</ord:Code>");
    }

    @Test
    void the_wsdl_is_served_with_the_address_it_was_fetched_from() {
        String wsdl = contract.wsdl("http://orders.example.com:8080/soap/orders");
        assertThat(wsdl).contains("<soap:address location=\"http://orders.example.com:8080/soap/orders\"/>")
                .contains("name=\"SubmitOrder\"").contains("name=\"GetOrderStatus\"");
    }

    // ------------------------------------------------------------------ helpers

    /** Reads the request and maps it as the route does: typed JSON as text, read back with exact decimals. */
    private static CanonicalOrder map(String xml) {
        try {
            String payload = Json.write(contract.read(xml.getBytes(StandardCharsets.UTF_8), null).payload());
            JsonNode mapped = mapping.apply(Json.mapper().readTree(payload));
            return Json.mapper().treeToValue(mapped, CanonicalOrder.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SoapFault refused(String xml) {
        SoapFault fault = catchThrowableOfType(SoapFault.class,
                () -> contract.read(xml.getBytes(StandardCharsets.UTF_8), null));
        assertThat(fault).as("a SOAP fault").isNotNull();
        return fault;
    }

    /** Validates the Body's element of a message we write against the WSDL's schema. */
    private static void validBody(String message) {
        int start = message.indexOf("<soap:Body>") + "<soap:Body>".length();
        int end = message.lastIndexOf("</soap:Body>");
        String body = message.substring(start, end);
        // the detail element of a fault is unqualified (SOAP 1.1); its content is the schema's OrderFault
        if (body.startsWith("<soap:Fault>")) {
            body = body.substring(body.indexOf("<detail>") + "<detail>".length(), body.indexOf("</detail>"));
        }
        String document = body.replaceFirst("^<ord:(\\w+)", "<ord:$1 xmlns:ord=\"" + OrderServiceContract.NS + "\"");
        try {
            contract.schema().newValidator().validate(new StreamSource(new StringReader(document)));
        } catch (Exception e) {
            throw new AssertionError("not valid against the WSDL's schema: " + e.getMessage() + "\n" + document, e);
        }
    }

    private static String envelope(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + body + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/soap", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
