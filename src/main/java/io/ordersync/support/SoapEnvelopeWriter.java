package io.ordersync.support;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes SOAP 1.1 envelopes, for the SOAP channel's answers and the SOAP simulator's alike: the XML declaration
 * (UTF-8), the Envelope declaring the envelope's and the payload's namespace, and the Body with the content, or with
 * a Fault. The JDK's own StAX writer is used ({@code newDefaultFactory}), whatever else is on the classpath.
 *
 * @param soapPrefix    the prefix of the envelope namespace ({@code soap}, {@code soapenv})
 * @param payloadPrefix the prefix of the payload's namespace, which the content writes its elements with
 * @param payloadNs     the payload's namespace
 */
public record SoapEnvelopeWriter(String soapPrefix, String payloadPrefix, String payloadNs) {

    public static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    /** What goes into the Body, or into a Fault's detail. */
    public interface Content {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** A payload element with text (empty for null), in the payload's namespace. */
    public void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(payloadPrefix, name, payloadNs);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }

    /** An envelope whose Body holds what the content writes. */
    public String envelope(Content body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setPrefix(soapPrefix, SOAP_ENV_NS);
            xml.setPrefix(payloadPrefix, payloadNs);
            xml.writeStartElement(soapPrefix, "Envelope", SOAP_ENV_NS);
            xml.writeNamespace(soapPrefix, SOAP_ENV_NS);
            xml.writeNamespace(payloadPrefix, payloadNs);
            xml.writeStartElement(soapPrefix, "Body", SOAP_ENV_NS);
            body.write(xml);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a SOAP message", e);
        }
        return out.toString();
    }

    /**
     * An envelope whose Body is a Fault: faultcode (qualified by the envelope's prefix, e.g. {@code soap:Client}),
     * faultstring and, when there is one, the detail.
     *
     * @param faultCode   Client, Server, VersionMismatch or MustUnderstand
     * @param faultString what went wrong, for people
     * @param detail      writes the content of the detail element, or null for a fault without detail
     */
    public String fault(String faultCode, String faultString, Content detail) {
        return envelope(xml -> {
            xml.writeStartElement(soapPrefix, "Fault", SOAP_ENV_NS);
            xml.writeStartElement("faultcode");
            xml.writeCharacters(soapPrefix + ":" + faultCode);
            xml.writeEndElement();
            xml.writeStartElement("faultstring");
            xml.writeCharacters(faultString);
            xml.writeEndElement();
            if (detail != null) {
                xml.writeStartElement("detail");
                detail.write(xml);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }
}
