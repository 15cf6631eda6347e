package io.ordersync.soap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.support.FieldError;
import io.ordersync.support.SecureXml;
import io.ordersync.support.SoapEnvelopeWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The SOAP order service's contract, {@code wsdl/ordersync-orders.wsdl}, and the reading of requests against it.
 * WSDL first: the schema in the WSDL's types is compiled once and every request's Body element is validated
 * against it before anything else; the schema's types then give the request's JSON form its types (see
 * {@link TypedJsonBuilder}), so the mapping receives exact decimals without naming a single field in Java.
 *
 * <p>A request is read in this order, each step a soap:Client fault when it fails: size limit (checked by the caller),
 * secure parse (a DOCTYPE is refused before anything in it is read), SOAP 1.1 envelope (a SOAP 1.2 envelope is a
 * VersionMismatch fault, a header marked mustUnderstand a MustUnderstand fault), one operation element in the Body,
 * SOAPAction consistent with it, schema validation with every problem named by its element path.
 */
public final class OrderServiceContract {

    public static final String WSDL_RESOURCE = "wsdl/ordersync-orders.wsdl";
    public static final String NS = "urn:ordersync:orders:v1";
    public static final String SOAP_ENV_NS = SoapEnvelopeWriter.SOAP_ENV_NS;
    static final String SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope";
    static final String XSD_NS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    /** Schema problems reported at most per request. */
    static final int MAX_PROBLEMS = 50;
    /** Deeper nesting than an envelope with an order needs is refused. */
    static final int MAX_DEPTH = 64;

    private static final Pattern SOAP_ADDRESS = Pattern.compile("(<soap:address\\s+location=\")[^\"]*(\")");

    /** The operations, by the element their request's Body holds. */
    public enum Operation {
        SubmitOrder("SubmitOrderRequest"),
        GetOrderStatus("GetOrderStatusRequest");

        private final String requestElement;

        Operation(String requestElement) {
            this.requestElement = requestElement;
        }

        public String soapAction() {
            return NS + ":" + name();
        }

        static Operation byRequestElement(String localName) {
            for (Operation operation : values()) {
                if (operation.requestElement.equals(localName)) {
                    return operation;
                }
            }
            return null;
        }
    }

    /** A request that passed every check: its operation and the Body element as typed JSON. */
    public record Request(Operation operation, ObjectNode payload) {}

    private final String wsdl;
    private final Schema schema;

    private OrderServiceContract(String wsdl, Schema schema) {
        this.wsdl = wsdl;
        this.schema = schema;
    }

    /** Reads the WSDL from the classpath and compiles its schema; a broken contract stops the startup. */
    public static OrderServiceContract load() {
        String wsdl = resource(WSDL_RESOURCE);
        try {
            Document document = SecureXml.newDocumentBuilder(MAX_DEPTH).parse(
                    new ByteArrayInputStream(wsdl.getBytes(StandardCharsets.UTF_8)), WSDL_RESOURCE);
            Element schemaElement = (Element) document.getElementsByTagNameNS(XSD_NS, "schema").item(0);
            if (schemaElement == null) {
                throw new IllegalStateException(WSDL_RESOURCE + " has no xsd:schema in its types");
            }
            Schema schema = SecureXml.newSchemaFactory().newSchema(new DOMSource(schemaElement, WSDL_RESOURCE));
            return new OrderServiceContract(wsdl, schema);
        } catch (SAXException | IOException e) {
            throw new IllegalStateException(WSDL_RESOURCE + " is not a valid contract: " + e.getMessage(), e);
        }
    }

    /** The WSDL as served, its soap:address pointing at {@code address}. */
    public String wsdl(String address) {
        return SOAP_ADDRESS.matcher(wsdl).replaceFirst("$1" + Matcher.quoteReplacement(escapeAttribute(address)) + "$2");
    }

    /** The schema of the WSDL's types (tests validate responses against it too). */
    public Schema schema() {
        return schema;
    }

    /**
     * Reads one SOAP 1.1 request.
     *
     * @param soapAction the SOAPAction HTTP header, or null
     * @throws SoapFault a Client (or VersionMismatch, MustUnderstand) fault naming what is wrong
     */
    public Request read(byte[] body, String soapAction) {
        if (body == null || body.length == 0) {
            throw SoapFault.invalid("INVALID_XML", "the request body is empty; expected a SOAP 1.1 envelope");
        }
        Element envelope = parse(body).getDocumentElement();
        if (SOAP12_ENV_NS.equals(envelope.getNamespaceURI())) {
            throw new SoapFault(SoapFault.VERSION_MISMATCH, "NOT_A_SOAP_1_1_ENVELOPE",
                    "SOAP 1.2 envelopes are not supported; use SOAP 1.1 (" + SOAP_ENV_NS + ")", List.of(), true);
        }
        if (!"Envelope".equals(envelope.getLocalName()) || !SOAP_ENV_NS.equals(envelope.getNamespaceURI())) {
            throw SoapFault.invalid("NOT_A_SOAP_1_1_ENVELOPE", "the root element must be {" + SOAP_ENV_NS
                    + "}Envelope but is {" + nullToEmpty(envelope.getNamespaceURI()) + "}" + envelope.getLocalName());
        }
        Element header = child(envelope, SOAP_ENV_NS, "Header");
        if (header != null) {
            for (Element block : children(header)) {
                String mustUnderstand = block.getAttributeNS(SOAP_ENV_NS, "mustUnderstand").trim();
                if ("1".equals(mustUnderstand) || "true".equals(mustUnderstand)) {
                    throw new SoapFault(SoapFault.MUST_UNDERSTAND, "MUST_UNDERSTAND", "the header {"
                            + nullToEmpty(block.getNamespaceURI()) + "}" + block.getLocalName()
                            + " is marked mustUnderstand, and this service understands no header", List.of(), true);
                }
            }
        }
        Element soapBody = child(envelope, SOAP_ENV_NS, "Body");
        if (soapBody == null) {
            throw SoapFault.invalid("NOT_A_SOAP_1_1_ENVELOPE", "the envelope has no soap:Body");
        }
        List<Element> content = children(soapBody);
        if (content.size() != 1) {
            throw SoapFault.invalid("UNKNOWN_OPERATION", "the soap:Body must hold exactly one element (SubmitOrderRequest"
                    + " or GetOrderStatusRequest in " + NS + ") but holds " + content.size());
        }
        Element payload = content.get(0);
        Operation operation = NS.equals(payload.getNamespaceURI())
                ? Operation.byRequestElement(payload.getLocalName()) : null;
        if (operation == null) {
            throw SoapFault.invalid("UNKNOWN_OPERATION", "unknown operation element {"
                    + nullToEmpty(payload.getNamespaceURI()) + "}" + payload.getLocalName()
                    + "; expected SubmitOrderRequest or GetOrderStatusRequest in " + NS);
        }
        String action = unquote(soapAction);
        if (!action.isEmpty() && !action.equals(operation.soapAction())) {
            throw SoapFault.invalid("SOAP_ACTION_MISMATCH", "SOAPAction '" + action + "' does not match the Body's "
                    + operation.name() + " (expected '" + operation.soapAction() + "')");
        }
        return new Request(operation, validate(payload));
    }

    private static Document parse(byte[] body) {
        try {
            return SecureXml.newDocumentBuilder(MAX_DEPTH).parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE")) {
                // the parser stopped at the declaration: no DTD, no entity was read or expanded
                throw SoapFault.invalid("XML_DOCTYPE_NOT_ALLOWED", "DOCTYPE declarations (DTDs, entities) are not"
                        + " allowed; the request was refused unread");
            }
            throw SoapFault.invalid("INVALID_XML", "not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + message);
        } catch (SAXException e) {
            throw SoapFault.invalid("INVALID_XML", "not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw SoapFault.invalid("INVALID_XML", "the request could not be read: " + e.getMessage());
        }
    }

    /** Validates the operation element against the schema and returns its typed JSON form. */
    private ObjectNode validate(Element payload) {
        ValidatorHandler validator = schema.newValidatorHandler();
        TypedJsonBuilder json = new TypedJsonBuilder(validator.getTypeInfoProvider(), MAX_PROBLEMS);
        validator.setContentHandler(json);
        validator.setErrorHandler(json);
        try {
            emit(payload, validator);
        } catch (TypedJsonBuilder.TooManyProblems enough) {
            // the problems found so far are the answer
        } catch (SAXException e) {
            throw new IllegalStateException("schema validation failed: " + e.getMessage(), e);
        }
        List<FieldError> problems = json.problems();
        if (!problems.isEmpty()) {
            throw SoapFault.invalid("SCHEMA_VIOLATION", "the " + payload.getLocalName() + " does not match the schema"
                    + " of " + WSDL_RESOURCE + " (" + problems.size() + " problem(s))", problems);
        }
        return json.root();
    }

    // ------------------------------------------------------------------ DOM to SAX for the validator

    /** Replays the element as SAX events, with the namespace declarations in scope (usually on the Envelope). */
    private static void emit(Element element, ContentHandler out) throws SAXException {
        out.startDocument();
        List<String> inherited = new ArrayList<>();
        for (Node n = element.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
            NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String prefix = declaredPrefix(attribute);
                if (prefix != null && !inherited.contains(prefix)) {
                    inherited.add(prefix);
                    out.startPrefixMapping(prefix, attribute.getValue());
                }
            }
        }
        element(element, out);
        for (String prefix : inherited) {
            out.endPrefixMapping(prefix);
        }
        out.endDocument();
    }

    private static void element(Element element, ContentHandler out) throws SAXException {
        AttributesImpl attributes = new AttributesImpl();
        List<String> declared = new ArrayList<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Attr attribute = (Attr) all.item(i);
            String prefix = declaredPrefix(attribute);
            if (prefix != null) {
                declared.add(prefix);
                out.startPrefixMapping(prefix, attribute.getValue());
            } else {
                attributes.addAttribute(nullToEmpty(attribute.getNamespaceURI()), attribute.getLocalName(),
                        attribute.getName(), "CDATA", attribute.getValue());
            }
        }
        String uri = nullToEmpty(element.getNamespaceURI());
        out.startElement(uri, element.getLocalName(), element.getTagName(), attributes);
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                element(child, out);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                char[] text = n.getNodeValue().toCharArray();
                out.characters(text, 0, text.length);
            }
        }
        out.endElement(uri, element.getLocalName(), element.getTagName());
        for (String prefix : declared) {
            out.endPrefixMapping(prefix);
        }
    }

    /** The prefix an xmlns attribute declares ("" for the default namespace), or null for other attributes. */
    private static String declaredPrefix(Attr attribute) {
        if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
            return null;
        }
        return XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getLocalName()) ? "" : attribute.getLocalName();
    }

    // ------------------------------------------------------------------ helpers

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Element e : children(parent)) {
            if (ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String unquote(String soapAction) {
        String action = soapAction == null ? "" : soapAction.trim();
        if (action.length() >= 2 && action.startsWith("\"") && action.endsWith("\"")) {
            action = action.substring(1, action.length() - 1).trim();
        }
        return action;
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String resource(String name) {
        InputStream in = OrderServiceContract.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + name + " not found");
        }
        try (InputStream stream = in) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    static boolean isWsdlQuery(String query) {
        return query != null && query.toLowerCase(Locale.ROOT).equals("wsdl");
    }
}
