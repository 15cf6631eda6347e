package io.ordersync.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.support.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.validation.TypeInfoProvider;
import org.w3c.dom.TypeInfo;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Receives a request element from the schema validator and builds its JSON form, typed by the schema: an element
 * whose type derives from xsd:decimal becomes an exact decimal ({@link BigDecimal}), from xsd:integer an integer,
 * from xsd:boolean a boolean; other text stays text. An element with child elements becomes an object keyed by the
 * children's local names, and a repeated child an array (one occurrence stays an object: mappings accept both).
 * Attributes are not part of the contract and are ignored.
 *
 * <p>It also collects the validator's problems, each named by the path of the element it concerns, e.g.
 * {@code SubmitOrderRequest/Lines/Line[2]/Quantity} (an index only where the element is repeated).
 */
final class TypedJsonBuilder extends DefaultHandler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Thrown to stop validating once enough problems are known. */
    static final class TooManyProblems extends SAXException {
        private static final long serialVersionUID = 1L;

        TooManyProblems() {
            super("too many problems");
        }
    }

    private enum ValueType { TEXT, DECIMAL, INTEGER, BOOLEAN }

    /** An element being read. */
    private static final class Frame {
        final Frame parent;
        final String name;
        final int occurrence;
        final ValueType type;
        final ObjectNode fields = NODES.objectNode();
        final StringBuilder text = new StringBuilder();
        final Map<String, Integer> childCounts = new HashMap<>();
        boolean hasChildren;

        Frame(Frame parent, String name, ValueType type) {
            this.parent = parent;
            this.name = name;
            this.type = type;
            this.occurrence = parent == null ? 1 : parent.childCounts.merge(name, 1, Integer::sum);
        }

        /** Rendered once the document is complete, when every parent knows how many of each child it has. */
        String path() {
            String step = parent != null && parent.childCounts.getOrDefault(name, 1) > 1
                    ? name + "[" + occurrence + "]" : name;
            return parent == null ? step : parent.path() + "/" + step;
        }
    }

    private final TypeInfoProvider types;
    private final int maxProblems;
    private final Deque<Frame> open = new ArrayDeque<>();
    /** The first problem per element, in document order. */
    private final Map<Frame, String> problems = new LinkedHashMap<>();
    private Frame lastClosed;
    private ObjectNode root;

    TypedJsonBuilder(TypeInfoProvider types, int maxProblems) {
        this.types = types;
        this.maxProblems = maxProblems;
    }

    ObjectNode root() {
        return root;
    }

    List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        problems.forEach((frame, message) -> errors.add(new FieldError(frame.path(), message)));
        return errors;
    }

    // ------------------------------------------------------------------ content

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        Frame parent = open.peek();
        if (parent != null) {
            parent.hasChildren = true;
        }
        open.push(new Frame(parent, localName, valueType(types.getElementTypeInfo())));
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        Frame current = open.peek();
        if (current != null) {
            current.text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        Frame frame = open.pop();
        lastClosed = frame;
        if (frame.parent == null) {
            root = frame.fields;
            return;
        }
        JsonNode value = frame.hasChildren ? frame.fields : value(frame.text.toString().trim(), frame.type);
        ObjectNode siblings = frame.parent.fields;
        JsonNode earlier = siblings.get(frame.name);
        if (earlier == null) {
            siblings.set(frame.name, value);
        } else if (earlier instanceof ArrayNode list) {
            // element values are objects or scalars, never arrays: an array here is this element's list
            list.add(value);
        } else {
            ArrayNode list = NODES.arrayNode();
            list.add(earlier);
            list.add(value);
            siblings.set(frame.name, list);
        }
    }

    private static JsonNode value(String text, ValueType type) {
        try {
            return switch (type) {
                case DECIMAL -> NODES.numberNode(new BigDecimal(text));
                case INTEGER -> NODES.numberNode(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
                case BOOLEAN -> NODES.booleanNode("true".equals(text) || "1".equals(text));
                case TEXT -> NODES.textNode(text);
            };
        } catch (NumberFormatException invalid) {
            // the validator has reported it; the document is refused, the value is only kept as it was
            return NODES.textNode(text);
        }
    }

    private static ValueType valueType(TypeInfo type) {
        if (type == null) {
            return ValueType.TEXT;
        }
        if (derivesFrom(type, "integer")) {
            return ValueType.INTEGER;
        }
        if (derivesFrom(type, "decimal")) {
            return ValueType.DECIMAL;
        }
        if (derivesFrom(type, "boolean")) {
            return ValueType.BOOLEAN;
        }
        return ValueType.TEXT;
    }

    private static boolean derivesFrom(TypeInfo type, String xsdType) {
        return OrderServiceContract.XSD_NS.equals(type.getTypeNamespace()) && xsdType.equals(type.getTypeName())
                || type.isDerivedFrom(OrderServiceContract.XSD_NS, xsdType, TypeInfo.DERIVATION_RESTRICTION);
    }

    // ------------------------------------------------------------------ problems

    @Override
    public void warning(SAXParseException e) {
        // warnings do not make a request invalid
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        // the validator reports a problem before it passes the element's start or end on: the element concerned
        // (or, for an unexpected child, its parent) is the open one
        Frame at = open.isEmpty() ? lastClosed : open.peek();
        if (at != null) {
            problems.putIfAbsent(at, readable(e.getMessage()));
        }
        if (problems.size() >= maxProblems) {
            throw new TooManyProblems();
        }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        error(e);
        throw new TooManyProblems();
    }

    /** Xerces' messages start with the rule's id ("cvc-minExclusive-valid: ..."); the sentence is what helps. */
    private static String readable(String message) {
        if (message == null) {
            return "is not valid";
        }
        return message.replaceFirst("^cvc-[A-Za-z0-9.\\-]+:\\s*", "");
    }
}
