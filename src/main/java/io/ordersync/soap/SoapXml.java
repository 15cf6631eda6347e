package io.ordersync.soap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * XML factories of the SOAP channel, hardened for input from the network. The settings are those of the simulators'
 * {@code io.ordersync.sim.SecureXml} (no DOCTYPE, hence no DTD, no entity declarations, no external entities and no
 * entity expansion such as "billion laughs"; no XInclude; secure processing with the JDK's limits), plus a nesting
 * limit. The JDK's own implementations are used ({@code newDefaultInstance}), whatever else is on the classpath, so
 * every setting below is known to be honoured.
 */
final class SoapXml {

    /** Deeper nesting than an envelope with an order needs is refused. */
    static final int MAX_DEPTH = 64;

    private SoapXml() {
    }

    /** A namespace-aware DOM builder that refuses any DOCTYPE. Builders are not thread-safe: one per request. */
    static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // a DOCTYPE is a fatal error: nothing of a DTD is read, declared or expanded
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // parse errors become SOAP faults; nothing is printed to stderr
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser does not support the secure settings", e);
        }
    }

    /** A schema factory that reads nothing from outside (no imports, includes or DTDs by URL). */
    static SchemaFactory newSchemaFactory() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory;
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("schema factory does not support the secure settings", e);
        }
    }
}
