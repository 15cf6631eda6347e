package io.ordersync.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The types of {@code wsdl/erp-emea.wsdl}, for tests that check a SOAP message against the contract. */
public final class ErpEmeaContract {

    private static final String ERP_NS = ErpEmeaSoapSimulator.ERP_NS;
    private static volatile Schema schema;

    private ErpEmeaContract() {
    }

    /** The operation element inside the envelope's Body must be valid against the WSDL's types. */
    public static void assertMatchesWsdl(String envelope, String element) throws Exception {
        Document doc = newBuilderFactory().newDocumentBuilder().parse(new InputSource(new StringReader(envelope)));
        Element payload = (Element) doc.getElementsByTagNameNS(ERP_NS, element).item(0);
        assertThat(payload).as(element + " in " + envelope).isNotNull();
        Document alone = newDocument();
        alone.appendChild(alone.importNode(payload, true));
        schema().newValidator().validate(new DOMSource(alone));
    }

    /** The xsd:schema of the WSDL as a schema of its own (namespaces declared on the WSDL copied onto it). */
    private static Schema schema() throws Exception {
        if (schema == null) {
            Document wsdl;
            try (InputStream in = ErpEmeaContract.class.getResourceAsStream("/" + ErpEmeaSoapSimulator.WSDL_RESOURCE)) {
                wsdl = newBuilderFactory().newDocumentBuilder().parse(in);
            }
            Element types = (Element) wsdl.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema").item(0);
            Document alone = newDocument();
            Element copy = (Element) alone.importNode(types, true);
            copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:tns", ERP_NS);
            copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsd", XMLConstants.W3C_XML_SCHEMA_NS_URI);
            alone.appendChild(copy);
            schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new DOMSource(alone));
        }
        return schema;
    }

    private static Document newDocument() throws Exception {
        return newBuilderFactory().newDocumentBuilder().newDocument();
    }

    private static DocumentBuilderFactory newBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory;
    }
}
