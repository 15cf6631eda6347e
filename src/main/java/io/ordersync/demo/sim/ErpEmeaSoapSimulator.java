package io.ordersync.demo.sim;

import io.ordersync.support.SecureXml;
import io.ordersync.support.SoapEnvelopeWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Simulated EMEA ERP with a SOAP 1.1 document/literal API; contract in {@code wsdl/erp-emea.wsdl}.
 * <ul>
 *   <li>{@code GET /erp-emea/soap?wsdl} &rarr; the WSDL with soap:address pointing at this simulator</li>
 *   <li>{@code POST /erp-emea/soap} (SOAPAction {@value #SOAP_ACTION}) &rarr; 200 CreateSalesOrderResponse
 *       (also for business rejections: Status REJECTED, no SalesOrderNumber), 500 SOAP fault for invalid requests,
 *       503 plain text when unavailable</li>
 *   <li>{@code POST /erp-emea/soap} (SOAPAction {@value #QUOTE_SOAP_ACTION}) &rarr; 200 ValidateQuoteResponse: price and
 *       available-to-promise per line, credit of the customer ({@link ErpQuoteBook}); nothing is stored</li>
 *   <li>{@code POST /erp-emea/soap} (SOAPAction {@value #GET_SOAP_ACTION}) &rarr; 200 GetSalesOrderResponse with the
 *       stored SalesOrder and its current status, or without SalesOrder when the number is unknown</li>
 * </ul>
 * Behaviours (503, slow, ...) apply to every operation.
 * Order numbers are sequential: EU-500001, EU-500002, ...; idempotent on ExternalReference.
 */
public class ErpEmeaSoapSimulator extends ErpSimulator {

    public static final String SOAP_PATH = "/erp-emea/soap";
    public static final String SOAP_ENV_NS = SoapEnvelopeWriter.SOAP_ENV_NS;
    public static final String SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ERP_NS = "urn:ordersync:erp-emea:v1";
    public static final String SOAP_ACTION = "urn:ordersync:erp-emea:v1:CreateSalesOrder";
    public static final String QUOTE_SOAP_ACTION = "urn:ordersync:erp-emea:v1:ValidateQuote";
    public static final String GET_SOAP_ACTION = "urn:ordersync:erp-emea:v1:GetSalesOrder";
    /** The operations of the contract and the SOAPAction of each. */
    private static final Map<String, String> OPERATIONS = Map.of("CreateSalesOrder", SOAP_ACTION,
            "ValidateQuote", QUOTE_SOAP_ACTION, "GetSalesOrder", GET_SOAP_ACTION);
    public static final String WSDL_RESOURCE = "wsdl/erp-emea.wsdl";

    static final String TEXT_XML = "text/xml; charset=utf-8";
    private static final Pattern SOAP_ADDRESS = Pattern.compile("(<soap:address\\s+location=\")[^\"]*(\")");

    private volatile String wsdlTemplate;
    private final ErpQuoteBook quotes = new ErpQuoteBook(java.time.Clock.systemUTC());

    public ErpEmeaSoapSimulator(int port) {
        super("erp-emea", port, "EU-", 500001);
    }

    @Override
    public ErpEmeaSoapSimulator start() {
        super.start();
        return this;
    }

    /** The SOAP endpoint, e.g. {@code http://127.0.0.1:9102/erp-emea/soap}. */
    public String endpointUrl() {
        return baseUrl() + SOAP_PATH;
    }

    /** e.g. {@code http://127.0.0.1:9102/erp-emea/soap?wsdl}. */
    public String wsdlUrl() {
        return endpointUrl() + "?wsdl";
    }

    /** The WSDL as served, soap:address rewritten to {@link #endpointUrl()}. */
    public String wsdl() {
        Matcher m = SOAP_ADDRESS.matcher(template());
        return m.replaceAll("$1" + Matcher.quoteReplacement(endpointUrl()) + "$2");
    }

    private String template() {
        String t = wsdlTemplate;
        if (t == null) {
            t = loadWsdl();
            wsdlTemplate = t;
        }
        return t;
    }

    private static String loadWsdl() {
        InputStream in = ErpEmeaSoapSimulator.class.getClassLoader().getResourceAsStream(WSDL_RESOURCE);
        if (in == null && Thread.currentThread().getContextClassLoader() != null) {
            in = Thread.currentThread().getContextClassLoader().getResourceAsStream(WSDL_RESOURCE);
        }
        if (in == null) {
            throw new IllegalStateException("classpath resource " + WSDL_RESOURCE + " not found");
        }
        try (InputStream stream = in) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WSDL_RESOURCE, e);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private static boolean isWsdlRequest(Call call) {
        String q = call.query();
        return call.method().equals("GET") && q != null && q.toLowerCase(Locale.ROOT).startsWith("wsdl");
    }

    @Override
    protected boolean isBusinessRequest(Call call) {
        return call.path().equals(SOAP_PATH) && !isWsdlRequest(call);
    }

    @Override
    protected void handleOther(Call call) throws IOException {
        if (call.path().equals(SOAP_PATH) && isWsdlRequest(call)) {
            call.respond(200, TEXT_XML, wsdl());
        } else {
            super.handleOther(call);
        }
    }

    @Override
    protected void clearData() {
        book.clear();
    }

    @Override
    protected void handleBusiness(Call call) throws IOException {
        if (!call.method().equals("POST")) {
            call.exchange().getResponseHeaders().set("Allow", "POST");
            call.respond(405, TEXT_PLAIN, "use POST for SOAP requests or GET " + SOAP_PATH + "?wsdl for the contract");
            return;
        }
        String contentType = call.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("xml")) {
            call.respond(415, TEXT_PLAIN, "Content-Type must be text/xml but was " + contentType);
            return;
        }
        byte[] response;
        try {
            Element operation = operation(call);
            response = switch (operation.getLocalName()) {
                case "ValidateQuote" -> quoteEnvelope(quotes.quote(parseQuote(operation), currentBehaviour()));
                case "GetSalesOrder" -> salesOrderEnvelope(book.byNumber(required(operation, "SalesOrderNumber")));
                default -> responseEnvelope(book.submit(parse(operation), currentBehaviour()).order());
            };
        } catch (SoapFault fault) {
            call.respond(500, TEXT_XML, faultEnvelope(fault.code, fault.getMessage()));
            return;
        } catch (RuntimeException e) {
            call.respond(500, TEXT_XML, faultEnvelope("Server", "internal error: " + e));
            return;
        }
        call.respond(200, TEXT_XML, response);
    }

    // ------------------------------------------------------------------ parsing

    private static final class SoapFault extends Exception {
        private static final long serialVersionUID = 1L;

        final String code;

        SoapFault(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        static SoapFault client(String message) {
            return new SoapFault("Client", message);
        }
    }

    /** The checked envelope's operation element: one of {@link #OPERATIONS}, matching the SOAPAction if sent. */
    private static Element operation(Call call) throws SoapFault {
        byte[] body = call.body();
        if (body.length == 0 || call.bodyAsString().isBlank()) {
            throw SoapFault.client("request body is empty, expected a SOAP 1.1 envelope");
        }
        Document doc;
        try {
            doc = SecureXml.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("DOCTYPE")) {
                throw SoapFault.client("DOCTYPE declarations are not allowed");
            }
            throw SoapFault.client("malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + msg);
        } catch (SAXException e) {
            throw SoapFault.client("malformed XML: " + e.getMessage());
        } catch (IOException e) {
            throw SoapFault.client("cannot read request: " + e.getMessage());
        }
        Element envelope = doc.getDocumentElement();
        if ("Envelope".equals(envelope.getLocalName()) && SOAP12_ENV_NS.equals(envelope.getNamespaceURI())) {
            throw new SoapFault("VersionMismatch", "SOAP 1.2 envelopes are not supported, use SOAP 1.1 ("
                    + SOAP_ENV_NS + ")");
        }
        if (!"Envelope".equals(envelope.getLocalName()) || !SOAP_ENV_NS.equals(envelope.getNamespaceURI())) {
            if ("Envelope".equals(envelope.getLocalName())) {
                throw new SoapFault("VersionMismatch", "unknown envelope namespace '"
                        + envelope.getNamespaceURI() + "', expected " + SOAP_ENV_NS);
            }
            throw SoapFault.client("root element must be soapenv:Envelope but was " + envelope.getNodeName());
        }
        Element soapBody = null;
        for (Element child : children(envelope)) {
            if (SOAP_ENV_NS.equals(child.getNamespaceURI()) && "Body".equals(child.getLocalName())) {
                soapBody = child;
                break;
            }
        }
        if (soapBody == null) {
            throw SoapFault.client("soapenv:Body is missing");
        }
        List<Element> payload = children(soapBody);
        if (payload.isEmpty()) {
            throw SoapFault.client("soapenv:Body is empty, expected one of " + new TreeSet<>(OPERATIONS.keySet()));
        }
        Element operation = payload.get(0);
        String expectedAction = OPERATIONS.get(operation.getLocalName());
        if (!ERP_NS.equals(operation.getNamespaceURI()) || expectedAction == null) {
            throw SoapFault.client("unsupported operation {" + operation.getNamespaceURI() + "}"
                    + operation.getLocalName() + ", expected one of {" + ERP_NS + "}"
                    + new TreeSet<>(OPERATIONS.keySet()));
        }
        String soapAction = call.header("SOAPAction");
        if (soapAction != null) {
            String action = soapAction.trim();
            if (action.length() >= 2 && action.startsWith("\"") && action.endsWith("\"")) {
                action = action.substring(1, action.length() - 1).trim();
            }
            if (!action.isEmpty() && !action.equals(expectedAction)) {
                throw SoapFault.client("SOAPAction '" + action + "' does not match operation "
                        + operation.getLocalName() + ", expected '" + expectedAction + "'");
            }
        }
        return operation;
    }

    private static ErpOrderBook.Request parse(Element operation) throws SoapFault {
        String externalReference = required(operation, "ExternalReference");
        String ordersyncOrderId = optional(operation, "OrdersyncOrderId");
        String customerNumber = required(operation, "CustomerNumber");
        String currency = optional(operation, "Currency");
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw SoapFault.client("Currency must be an ISO 4217 code like EUR but was '" + currency + "'");
        }
        LocalDate deliveryDate = null;
        String date = optional(operation, "RequestedDeliveryDate");
        if (date != null) {
            try {
                deliveryDate = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw SoapFault.client("RequestedDeliveryDate must be an xsd:date (yyyy-MM-dd) but was '" + date + "'");
            }
        }
        List<Element> lineElements = erpChildren(operation, "Line");
        if (lineElements.isEmpty()) {
            throw SoapFault.client("at least one Line is required" + namespaceHint(operation, "Line"));
        }
        List<ErpOrderBook.LineRequest> lines = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < lineElements.size(); i++) {
            Element line = lineElements.get(i);
            String where = "Line[" + (i + 1) + "]";
            int lineNumber = i + 1;
            String ln = optional(line, "LineNumber");
            if (ln != null) {
                if (!ln.matches("\\d{1,9}") || Integer.parseInt(ln) <= 0) {
                    throw SoapFault.client(where + ": LineNumber must be a positive integer but was '" + ln + "'");
                }
                lineNumber = Integer.parseInt(ln);
            }
            if (!numbers.add(lineNumber)) {
                throw SoapFault.client("duplicate LineNumber " + lineNumber);
            }
            String sku = optional(line, "Sku");
            if (sku == null) {
                throw SoapFault.client(where + ": Sku is required" + namespaceHint(line, "Sku"));
            }
            BigDecimal quantity = decimal(line, "Quantity", where);
            if (quantity == null) {
                throw SoapFault.client(where + ": Quantity is required" + namespaceHint(line, "Quantity"));
            }
            if (quantity.signum() <= 0) {
                throw SoapFault.client(where + ": Quantity must be greater than zero but was "
                        + quantity.toPlainString());
            }
            BigDecimal unitPrice = decimal(line, "UnitPrice", where);
            if (unitPrice != null && unitPrice.signum() < 0) {
                throw SoapFault.client(where + ": UnitPrice must not be negative but was " + unitPrice.toPlainString());
            }
            String uom = optional(line, "UnitOfMeasure");
            lines.add(new ErpOrderBook.LineRequest(lineNumber, sku, quantity, uom == null ? "EA" : uom, unitPrice));
        }
        return new ErpOrderBook.Request(externalReference, ordersyncOrderId, customerNumber, currency, deliveryDate, null, lines);
    }

    private static ErpQuoteBook.Request parseQuote(Element operation) throws SoapFault {
        String customerNumber = required(operation, "CustomerNumber");
        String currency = required(operation, "Currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw SoapFault.client("Currency must be an ISO 4217 code like EUR but was '" + currency + "'");
        }
        List<Element> lineElements = erpChildren(operation, "Line");
        if (lineElements.isEmpty()) {
            throw SoapFault.client("at least one Line is required" + namespaceHint(operation, "Line"));
        }
        List<ErpQuoteBook.LineRequest> lines = new ArrayList<>();
        for (int i = 0; i < lineElements.size(); i++) {
            Element line = lineElements.get(i);
            String where = "Line[" + (i + 1) + "]";
            String ln = optional(line, "LineNumber");
            if (ln != null && (!ln.matches("\\d{1,9}") || Integer.parseInt(ln) <= 0)) {
                throw SoapFault.client(where + ": LineNumber must be a positive integer but was '" + ln + "'");
            }
            String sku = required(line, "Sku");
            BigDecimal quantity = decimal(line, "Quantity", where);
            if (quantity == null || quantity.signum() <= 0) {
                throw SoapFault.client(where + ": Quantity must be greater than zero");
            }
            LocalDate requestedDate = null;
            String date = optional(line, "RequestedDate");
            if (date != null) {
                try {
                    requestedDate = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    throw SoapFault.client(where + ": RequestedDate must be an xsd:date (yyyy-MM-dd) but was '" + date
                            + "'");
                }
            }
            String uom = optional(line, "UnitOfMeasure");
            lines.add(new ErpQuoteBook.LineRequest(ln == null ? i + 1 : Integer.parseInt(ln), sku, quantity,
                    uom == null ? "EA" : uom, requestedDate));
        }
        return new ErpQuoteBook.Request(customerNumber, currency, lines);
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) n);
            }
        }
        return result;
    }

    private static List<Element> erpChildren(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (Element e : children(parent)) {
            if (ERP_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    /** Explains a "missing" element that is present but in the wrong namespace. */
    private static String namespaceHint(Element parent, String localName) {
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName()) && !ERP_NS.equals(e.getNamespaceURI())) {
                return " (found " + localName + " in namespace '" + (e.getNamespaceURI() == null ? ""
                        : e.getNamespaceURI()) + "', expected '" + ERP_NS + "')";
            }
        }
        return "";
    }

    private static String optional(Element parent, String localName) throws SoapFault {
        List<Element> found = erpChildren(parent, localName);
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            throw SoapFault.client(localName + " must occur at most once in " + parent.getLocalName());
        }
        String text = found.get(0).getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static String required(Element parent, String localName) throws SoapFault {
        String value = optional(parent, localName);
        if (value == null) {
            throw SoapFault.client(localName + " is required" + namespaceHint(parent, localName));
        }
        return value;
    }

    private static BigDecimal decimal(Element line, String localName, String where) throws SoapFault {
        String text = optional(line, localName);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw SoapFault.client(where + ": " + localName + " must be a decimal number but was '" + text + "'");
        }
    }

    // ------------------------------------------------------------------ writing

    private static final SoapEnvelopeWriter SOAP = new SoapEnvelopeWriter("soapenv", "erp", ERP_NS);

    private static byte[] envelope(SoapEnvelopeWriter.Content body) {
        return SOAP.envelope(body).getBytes(StandardCharsets.UTF_8);
    }

    private static void text(XMLStreamWriter w, String localName, String value) throws XMLStreamException {
        w.writeStartElement("erp", localName, ERP_NS);
        w.writeCharacters(value == null ? "" : value);
        w.writeEndElement();
    }

    static byte[] responseEnvelope(ErpOrder order) {
        boolean creditHold = order.reasons().stream().anyMatch(r -> ErpOrder.CREDIT_HOLD.equals(r.code()));
        return envelope(w -> {
            w.writeStartElement("erp", "CreateSalesOrderResponse", ERP_NS);
            if (order.orderNumber() != null) {
                text(w, "SalesOrderNumber", order.orderNumber());
            }
            text(w, "ExternalReference", order.externalReference());
            text(w, "Status", order.status());
            if (!creditHold) {
                lineResults(w, order);
            }
            for (ErpOrder.Reason reason : order.reasons()) {
                w.writeStartElement("erp", "Reason", ERP_NS);
                text(w, "Code", reason.code());
                text(w, "Message", reason.message());
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    private static void lineResults(XMLStreamWriter w, ErpOrder order) throws XMLStreamException {
        for (ErpOrderLine line : order.lines()) {
            w.writeStartElement("erp", "LineResult", ERP_NS);
            text(w, "LineNumber", Integer.toString(line.lineNumber()));
            text(w, "Status", line.status());
            if (!line.accepted()) {
                text(w, "ReasonCode", line.reasonCode());
                text(w, "Reason", line.reason());
            }
            w.writeEndElement();
        }
    }

    /** The stored order as the ERP has it now; no SalesOrder element when the number is unknown. */
    static byte[] salesOrderEnvelope(Optional<ErpOrder> found) {
        return envelope(w -> {
            w.writeStartElement("erp", "GetSalesOrderResponse", ERP_NS);
            if (found.isPresent()) {
                ErpOrder order = found.get();
                w.writeStartElement("erp", "SalesOrder", ERP_NS);
                text(w, "SalesOrderNumber", order.orderNumber());
                text(w, "ExternalReference", order.externalReference());
                text(w, "CustomerNumber", order.customerNumber());
                text(w, "Status", order.status());
                lineResults(w, order);
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    static byte[] quoteEnvelope(ErpQuoteBook.Quote quote) {
        return envelope(w -> {
            w.writeStartElement("erp", "ValidateQuoteResponse", ERP_NS);
            text(w, "CustomerNumber", quote.customerNumber());
            text(w, "Currency", quote.currency());
            w.writeStartElement("erp", "Credit", ERP_NS);
            text(w, "Status", quote.creditStatus());
            text(w, "AvailableCredit", quote.availableCredit().toPlainString());
            w.writeEndElement();
            for (ErpQuoteBook.LineQuote line : quote.lines()) {
                w.writeStartElement("erp", "LineQuote", ERP_NS);
                text(w, "LineNumber", Integer.toString(line.lineNumber()));
                text(w, "Sku", line.sku());
                text(w, "Status", line.status());
                if (line.unitPrice() != null) {
                    text(w, "UnitPrice", line.unitPrice().toPlainString());
                    text(w, "AvailableQuantity", line.availableQuantity().toPlainString());
                    text(w, "PromisedDate", line.promisedDate().toString());
                } else {
                    text(w, "ReasonCode", line.reasonCode());
                    text(w, "Reason", line.reason());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** A fault without detail; {@code faultCode} is Client, Server or VersionMismatch. */
    static byte[] faultEnvelope(String faultCode, String faultString) {
        return SOAP.fault(faultCode, faultString, null).getBytes(StandardCharsets.UTF_8);
    }
}
