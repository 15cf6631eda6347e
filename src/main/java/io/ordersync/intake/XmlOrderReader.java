package io.ordersync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an order XML file: a root {@code <orders>} holding {@code <order>} elements, or a single root
 * {@code <order>}. Namespaces are ignored (elements are matched by local name).
 *
 * <p>Parsed safely with the JDK's own StAX parser: any DOCTYPE is refused (so no DTD, no entity declarations, no
 * external entities, no entity expansion such as "billion laughs"), entity references are refused, and nesting is
 * limited. Files are limited in size before they get here.
 *
 * <p>The JSON form of one order (the mapping's input) is the {@code <order>} element as an object: a child element
 * with text only becomes a text field, one with children or attributes an object, a repeated child an array;
 * attributes become fields. Empty elements are null. {@code <lines><line>..</line><line>..</line></lines>} becomes
 * {@code "lines": {"line": [{..}, {..}]}} (a single {@code <line>} is an object, not an array: the mapping accepts
 * both). All values are text; the mapping step turns quantities and prices into exact decimals.
 */
public final class XmlOrderReader {

    /** Deeper nesting than an order needs is refused. */
    static final int MAX_DEPTH = 32;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private XmlOrderReader() {
    }

    public static List<SourceOrder> read(byte[] xml) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
            int event = nextStructural(reader);
            if (event != XMLStreamConstants.START_ELEMENT) {
                throw new OrderFileException("the file holds no XML element");
            }
            String root = reader.getLocalName();
            List<SourceOrder> orders = new ArrayList<>();
            if ("order".equals(root)) {
                orders.add(order(reader, 1));
            } else if ("orders".equals(root)) {
                while ((event = nextStructural(reader)) == XMLStreamConstants.START_ELEMENT) {
                    if (!"order".equals(reader.getLocalName())) {
                        throw new OrderFileException("line " + reader.getLocation().getLineNumber() + ": <orders> holds"
                                + " only <order> elements, found <" + reader.getLocalName() + ">");
                    }
                    orders.add(order(reader, orders.size() + 1));
                }
            } else {
                throw new OrderFileException("line " + reader.getLocation().getLineNumber() + ": the root element is <"
                        + root + ">; an order file starts with <orders> or <order>");
            }
            // anything after the root element (but comments and whitespace) is not well-formed XML: the parser says so
            while (reader.hasNext()) {
                nextStructural(reader);
            }
            return orders;
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ": ";
            throw new OrderFileException(where + "not well-formed XML: " + cleanMessage(e), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for an in-memory stream
                }
            }
        }
    }

    /** The JDK's built-in StAX parser (not whatever is on the classpath) with DTDs and external entities off. */
    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // entity expansion is impossible without a DTD; the JDK's own limits stay in force in any case
        limit(factory, "jdk.xml.entityExpansionLimit", "100");
        limit(factory, "jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH + 1));
        return factory;
    }

    private static void limit(XMLInputFactory factory, String name, String value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException notSupported) {
            // older JDKs know these limits only as system properties; the DOCTYPE refusal is what protects us
        }
    }

    /** The reader is on {@code <order>}: reads it whole, remembering where it and each {@code <line>} start. */
    private static SourceOrder order(XMLStreamReader reader, int number) throws XMLStreamException {
        int line = reader.getLocation().getLineNumber();
        List<String> linePositions = new ArrayList<>();
        JsonNode tree = element(reader, 1, linePositions);
        String position = "order " + number + " (line " + line + ")";
        return new SourceOrder(tree.isObject() ? tree : NODES.objectNode(), position, linePositions);
    }

    /**
     * The reader is on a start tag; returns the element as JSON and leaves the reader on its end tag. Notes where
     * each {@code <line>} of a {@code <lines>} element starts.
     */
    private static JsonNode element(XMLStreamReader reader, int depth, List<String> linePositions)
            throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new OrderFileException("line " + reader.getLocation().getLineNumber() + ": elements nested deeper than "
                    + MAX_DEPTH + " levels");
        }
        boolean isLines = "lines".equals(reader.getLocalName());
        Map<String, List<JsonNode>> children = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            children.computeIfAbsent(reader.getAttributeLocalName(i), k -> new ArrayList<>())
                    .add(NODES.textNode(reader.getAttributeValue(i)));
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                if (isLines && "line".equals(name)) {
                    linePositions.add("line " + reader.getLocation().getLineNumber());
                }
                children.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(element(reader, depth + 1, linePositions));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (children.isEmpty()) {
            String value = text.toString().trim();
            return value.isEmpty() ? NODES.nullNode() : NODES.textNode(value);
        }
        ObjectNode object = NODES.objectNode();
        children.forEach((name, values) -> {
            if (values.size() == 1) {
                object.set(name, values.get(0));
            } else {
                ArrayNode array = object.putArray(name);
                values.forEach(array::add);
            }
        });
        return object;
    }

    /** The next event, refusing a DOCTYPE and entity references wherever they appear. */
    private static int next(XMLStreamReader reader) throws XMLStreamException {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
            throw new OrderFileException("line " + reader.getLocation().getLineNumber() + ": a DOCTYPE declaration is"
                    + " not accepted (no DTDs or entity declarations in order files)");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new OrderFileException("line " + reader.getLocation().getLineNumber() + ": the entity reference &"
                    + reader.getLocalName() + "; is not accepted (only the predefined XML entities and character"
                    + " references)");
        }
        return event;
    }

    /** The next start or end tag (or the end of the document), skipping whitespace, comments and the prolog. */
    private static int nextStructural(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = next(reader);
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                return event;
            }
            if (event == XMLStreamConstants.CHARACTERS && !reader.isWhiteSpace()) {
                throw new OrderFileException("line " + reader.getLocation().getLineNumber() + ": text outside the order"
                        + " elements");
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    private static String cleanMessage(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // the JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "
        int at = message.indexOf("Message: ");
        return at >= 0 ? message.substring(at + "Message: ".length()).trim() : message.trim();
    }
}
