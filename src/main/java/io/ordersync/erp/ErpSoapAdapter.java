package io.ordersync.erp;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import io.ordersync.support.SecureXml;
import io.ordersync.support.SoapEnvelopeWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

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
            // the external reference comes from the order's source: a resend finds the order it already created, even
            // one ordersync lost and accepted again under a new id; ordersync's own id is there for people tracing it
            SOAP.element(xml, "ExternalReference", order.erpReference());
            SOAP.element(xml, "OrdersyncOrderId", order.orderId());
            SOAP.element(xml, "CustomerNumber", order.customer().erpCustomerNumber() != null
                    ? order.customer().erpCustomerNumber() : order.customer().crmAccountId());
            SOAP.element(xml, "Currency", order.currency());
            if (order.requestedDeliveryDate() != null) {
                SOAP.element(xml, "RequestedDeliveryDate", order.requestedDeliveryDate().toString());
            }
            for (CanonicalOrder.Line line : order.lines()) {
                xml.writeStartElement("erp", "Line", NS);
                SOAP.element(xml, "LineNumber", String.valueOf(line.lineNumber()));
                SOAP.element(xml, "Sku", line.sku());
                SOAP.element(xml, "Quantity", line.quantity().toPlainString());
                SOAP.element(xml, "UnitOfMeasure", line.unitOfMeasure());
                if (line.unitPrice() != null) {
                    SOAP.element(xml, "UnitPrice", line.unitPrice().toPlainString());
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
                    lines.add(new OrderEvent.LineOutcome(Integer.parseInt(SecureXml.childText(e, NS, "LineNumber")),
                            SecureXml.childText(e, NS, "Status"), SecureXml.childText(e, NS, "ReasonCode"), SecureXml.childText(e, NS, "Reason")));
                } else if ("Reason".equals(e.getLocalName())) {
                    reasons.add(new OrderEvent.Reason(SecureXml.childText(e, NS, "Code"), SecureXml.childText(e, NS, "Message")));
                }
            }
        }
        String number = SecureXml.childText(response, NS, "SalesOrderNumber");
        if ("REJECTED".equals(SecureXml.childText(response, NS, "Status"))) {
            number = null;
        }
        return outcomes.outcome(order, number, reasons, lines);
    }

    /** GetSalesOrder: reads a sales order as the ERP has it now (for reconciliation; changes nothing). */
    public String toStatusRequest(String salesOrderNumber) {
        return SOAP.envelope(xml -> {
            xml.writeStartElement("erp", "GetSalesOrder", NS);
            SOAP.element(xml, "SalesOrderNumber", salesOrderNumber);
            xml.writeEndElement();
        });
    }

    /** 200: a GetSalesOrderResponse, without SalesOrder when the ERP has no such order. Faults as for orders. */
    public ErpOrderStatus toStatus(String salesOrderNumber, Exchange exchange) {
        Element response = answer(exchange, "GetSalesOrderResponse", "sales order " + salesOrderNumber);
        Element order = SecureXml.first(response, NS, "SalesOrder");
        if (order == null) {
            return ErpOrderStatus.notFound(salesOrderNumber);
        }
        String status = SecureXml.childText(order, NS, "Status");
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
            doc = SecureXml.parse(body);
        } catch (Exception e) {
            if (status >= 500) {
                throw new ErpUnavailableException("EMEA ERP answered HTTP " + status + " without a SOAP envelope");
            }
            throw new ErpRequestRejectedException("EMEA ERP answered HTTP " + status + " with a body that is not XML: "
                    + ErpRestAdapter.abbreviate(body));
        }
        Element fault = SecureXml.first(doc.getDocumentElement(), SOAP_ENV, "Fault");
        if (fault != null) {
            String code = SecureXml.childText(fault, null, "faultcode");
            String text = SecureXml.childText(fault, null, "faultstring");
            String message = "EMEA ERP SOAP fault " + code + " for " + about + ": " + text;
            if (code != null && code.endsWith("Client")) {
                throw new ErpRequestRejectedException(message);
            }
            throw new ErpUnavailableException(message);
        }
        Element response = SecureXml.first(doc.getDocumentElement(), NS, responseElement);
        if (status != 200 || response == null) {
            throw new ErpRequestRejectedException("EMEA ERP answered HTTP " + status + " without " + responseElement
                    + ": " + ErpRestAdapter.abbreviate(body));
        }
        return response;
    }




}
