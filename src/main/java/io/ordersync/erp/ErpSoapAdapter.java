package io.ordersync.erp;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.ops.SecureXml;
import io.ordersync.ops.SoapEnvelopeWriter;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.camel.Exchange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The {@code erp-soap} adapter's translation for the EMEA ERP's SOAP 1.1 service (contract:
 * {@code wsdl/erp-emea.wsdl}): CreateSalesOrder, canonical order to request envelope, response envelope or fault back
 * to a canonical outcome; GetSalesOrder, the ERP's current status of an order for reconciliation.
 */
public class ErpSoapAdapter {

    public static final String SOAP_ENV = SoapEnvelopeWriter.SOAP_ENV_NS;
    public static final String NS = "urn:ordersync:erp-emea:v1";
    public static final String SOAP_ACTION = "urn:ordersync:erp-emea:v1:CreateSalesOrder";
    public static final String GET_SOAP_ACTION = "urn:ordersync:erp-emea:v1:GetSalesOrder";

    private static final SoapEnvelopeWriter SOAP = new SoapEnvelopeWriter("soapenv", "erp", NS);

    private final ErpOutcomes outcomes;

    public ErpSoapAdapter(ErpOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    public String toRequest(CanonicalOrder order) {
        return SOAP.envelope(xml -> {
            xml.writeStartElement("erp", "CreateSalesOrder", NS);
            // the canonical order id is the ERP's external reference: a resend finds the order it already created
            element(xml, "ExternalReference", order.orderId());
            element(xml, "CustomerNumber", order.customer().erpCustomerNumber() != null
                    ? order.customer().erpCustomerNumber() : order.customer().crmAccountId());
            element(xml, "Currency", order.currency());
            if (order.requestedDeliveryDate() != null) {
                element(xml, "RequestedDeliveryDate", order.requestedDeliveryDate().toString());
            }
            for (CanonicalOrder.Line line : order.lines()) {
                xml.writeStartElement("erp", "Line", NS);
                element(xml, "LineNumber", String.valueOf(line.lineNumber()));
                element(xml, "Sku", line.sku());
                element(xml, "Quantity", line.quantity().toPlainString());
                element(xml, "UnitOfMeasure", line.unitOfMeasure());
                if (line.unitPrice() != null) {
                    element(xml, "UnitPrice", line.unitPrice().toPlainString());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /**
     * 200: a CreateSalesOrderResponse (accepted, partial or rejected). 500 with a SOAP Fault: {@code Server}
     * faults are retried, {@code Client} faults mean our request is wrong.
     */
    public OrderEvent toOutcome(CanonicalOrder order, Exchange exchange) {
        Element response = answer(exchange, "CreateSalesOrderResponse", "order " + order.orderId());
        List<OrderEvent.LineOutcome> lines = new ArrayList<>();
        List<OrderEvent.Reason> reasons = new ArrayList<>();
        for (Node n = response.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI())) {
                if ("LineResult".equals(e.getLocalName())) {
                    lines.add(new OrderEvent.LineOutcome(Integer.parseInt(childText(e, NS, "LineNumber")),
                            childText(e, NS, "Status"), childText(e, NS, "ReasonCode"), childText(e, NS, "Reason")));
                } else if ("Reason".equals(e.getLocalName())) {
                    reasons.add(new OrderEvent.Reason(childText(e, NS, "Code"), childText(e, NS, "Message")));
                }
            }
        }
        String number = childText(response, NS, "SalesOrderNumber");
        if ("REJECTED".equals(childText(response, NS, "Status"))) {
            number = null;
        }
        return outcomes.outcome(order, number, reasons, lines);
    }

    /** GetSalesOrder: reads a sales order as the ERP has it now (for reconciliation; changes nothing). */
    public String toStatusRequest(String salesOrderNumber) {
        return SOAP.envelope(xml -> {
            xml.writeStartElement("erp", "GetSalesOrder", NS);
            element(xml, "SalesOrderNumber", salesOrderNumber);
            xml.writeEndElement();
        });
    }

    /** 200: a GetSalesOrderResponse, without SalesOrder when the ERP has no such order. Faults as for orders. */
    public ErpOrderStatus toStatus(String salesOrderNumber, Exchange exchange) {
        Element response = answer(exchange, "GetSalesOrderResponse", "sales order " + salesOrderNumber);
        Element order = first(response, NS, "SalesOrder");
        if (order == null) {
            return ErpOrderStatus.notFound(salesOrderNumber);
        }
        String status = childText(order, NS, "Status");
        if (status == null || status.isEmpty()) {
            throw new ErpRequestRejectedException("EMEA ERP answered sales order " + salesOrderNumber
                    + " without a Status");
        }
        return new ErpOrderStatus(salesOrderNumber, status);
    }

    /**
     * The operation's response element of a 200 answer. A Client fault: {@link ErpRequestRejectedException}; a Server
     * fault or a 5xx without envelope: {@link ErpUnavailableException}.
     */
    private static Element answer(Exchange exchange, String responseElement, String about) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        Document doc;
        try {
            doc = parse(body);
        } catch (Exception e) {
            if (status >= 500) {
                throw new ErpUnavailableException("EMEA ERP answered HTTP " + status + " without a SOAP envelope");
            }
            throw new ErpRequestRejectedException("EMEA ERP answered HTTP " + status + " with a body that is not XML: "
                    + ErpRestAdapter.abbreviate(body));
        }
        Element fault = first(doc.getDocumentElement(), SOAP_ENV, "Fault");
        if (fault != null) {
            String code = childText(fault, null, "faultcode");
            String text = childText(fault, null, "faultstring");
            String message = "EMEA ERP SOAP fault " + code + " for " + about + ": " + text;
            if (code != null && code.endsWith("Client")) {
                throw new ErpRequestRejectedException(message);
            }
            throw new ErpUnavailableException(message);
        }
        Element response = first(doc.getDocumentElement(), NS, responseElement);
        if (status != 200 || response == null) {
            throw new ErpRequestRejectedException("EMEA ERP answered HTTP " + status + " without " + responseElement
                    + ": " + ErpRestAdapter.abbreviate(body));
        }
        return response;
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement("erp", name, NS);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }

    /** Namespace-aware parse that refuses DOCTYPEs and external entities. */
    static Document parse(String xml) throws Exception {
        return SecureXml.newDocumentBuilder().parse(new InputSource(new StringReader(xml == null ? "" : xml)));
    }

    private static Element first(Element root, String ns, String local) {
        NodeList nodes = root.getElementsByTagNameNS(ns, local);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String childText(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null || e.getNamespaceURI().isEmpty()
                    : ns.equals(e.getNamespaceURI()))) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
