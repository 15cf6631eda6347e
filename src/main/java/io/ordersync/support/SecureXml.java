package io.ordersync.support;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML factories hardened for input from the network, for the SOAP channel and the SOAP simulator alike: no DOCTYPE,
 * hence no DTD, no entity declarations, no external entities and no entity expansion such as "billion laughs"; no
 * XInclude; secure processing with the JDK's limits. The JDK's own implementations are used
 * ({@code newDefaultInstance}), whatever else is on the classpath, so every setting below is known to be honoured.
 */
public final class SecureXml {

    private SecureXml() {
    }

    /** A namespace-aware DOM builder that refuses any DOCTYPE. Builders are not thread-safe: one per request. */
    public static DocumentBuilder newDocumentBuilder() {
        return builder(hardenedFactory());
    }

    /** {@link #newDocumentBuilder()} that also refuses elements nested deeper than {@code maxElementDepth}. */
    public static DocumentBuilder newDocumentBuilder(int maxElementDepth) {
        DocumentBuilderFactory factory = hardenedFactory();
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
                String.valueOf(maxElementDepth));
        return builder(factory);
    }

    /** A schema factory that reads nothing from outside (no imports, includes or DTDs by URL). */
    public static SchemaFactory newSchemaFactory() {
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

    private static DocumentBuilderFactory hardenedFactory() {
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
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser does not support the secure settings", e);
        }
    }

    private static DocumentBuilder builder(DocumentBuilderFactory factory) {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            // parse errors reach the caller (which answers with a SOAP fault); nothing is printed to stderr
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser does not support the secure settings", e);
        }
    }

    /** Namespace-aware parse of a message (null: empty) that refuses DOCTYPEs and external entities. */
    public static org.w3c.dom.Document parse(String xml) throws Exception {
        return newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml == null ? "" : xml)));
    }

    /** The first element below {@code root} with this namespace and local name, or null. */
    public static org.w3c.dom.Element first(org.w3c.dom.Element root, String ns, String local) {
        org.w3c.dom.NodeList nodes = root.getElementsByTagNameNS(ns, local);
        return nodes.getLength() == 0 ? null : (org.w3c.dom.Element) nodes.item(0);
    }

    /** The trimmed text of the first child element with this local name and namespace (null: none), or null. */
    public static String childText(org.w3c.dom.Element parent, String ns, String local) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && local.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null || e.getNamespaceURI().isEmpty()
                    : ns.equals(e.getNamespaceURI()))) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
