package io.ordersync.quote;

import io.ordersync.support.SecureXml;
import io.ordersync.support.SoapEnvelopeWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code erp-soap-quote} adapter's translation for the EMEA ERP's SOAP 1.1 operation ValidateQuote (contract
 * {@code wsdl/erp-emea.wsdl}): quote request to envelope, ValidateQuoteResponse or fault back to an {@link ErpQuote}.
 */
public class ErpSoapQuoteAdapter {

    public static final String SOAP_ENV = SoapEnvelopeWriter.SOAP_ENV_NS;
    public static final String NS = "urn:ordersync:erp-emea:v1";
    public static final String SOAP_ACTION = "urn:ordersync:erp-emea:v1:ValidateQuote";

    private static final SoapEnvelopeWriter SOAP = new SoapEnvelopeWriter("soapenv", "erp", NS);

    public String toRequest(QuoteRequest request) {
        return SOAP.envelope(xml -> {
            xml.writeStartElement("erp", "ValidateQuote", NS);
            SOAP.element(xml, "CustomerNumber", request.customerNumber());
            SOAP.element(xml, "Currency", request.currency());
            for (QuoteRequest.Line line : request.lines()) {
                xml.writeStartElement("erp", "Line", NS);
                SOAP.element(xml, "LineNumber", String.valueOf(line.lineNumber()));
                SOAP.element(xml, "Sku", line.sku());
                SOAP.element(xml, "Quantity", line.quantity().toPlainString());
                SOAP.element(xml, "UnitOfMeasure", line.unitOfMeasure());
                if (line.requestedDate() != null) {
                    SOAP.element(xml, "RequestedDate", line.requestedDate().toString());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** 200: ValidateQuoteResponse. A Server fault or a 5xx without envelope: unavailable. A Client fault: refused. */
    public ErpQuote toQuote(QuoteRequest request, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        Document doc;
        try {
            doc = SecureXml.parse(body);
        } catch (Exception e) {
            throw new ErpQuoteFailedException(status >= 500 ? ErpQuoteFailedException.UNAVAILABLE
                    : ErpQuoteFailedException.ERROR, "EMEA ERP answered HTTP " + status + " without a SOAP envelope: "
                    + ErpRestQuoteAdapter.abbreviate(body));
        }
        Element fault = SecureXml.first(doc.getDocumentElement(), SOAP_ENV, "Fault");
        if (fault != null) {
            String code = SecureXml.childText(fault, null, "faultcode");
            String message = "EMEA ERP SOAP fault " + code + ": " + SecureXml.childText(fault, null, "faultstring");
            throw new ErpQuoteFailedException(code != null && code.endsWith("Client") ? ErpQuoteFailedException.ERROR
                    : ErpQuoteFailedException.UNAVAILABLE, message);
        }
        Element response = SecureXml.first(doc.getDocumentElement(), NS, "ValidateQuoteResponse");
        if (status != 200 || response == null) {
            throw new ErpQuoteFailedException(ErpQuoteFailedException.ERROR, "EMEA ERP answered HTTP " + status
                    + " without ValidateQuoteResponse: " + ErpRestQuoteAdapter.abbreviate(body));
        }
        Element credit = SecureXml.first(response, NS, "Credit");
        if (credit == null || SecureXml.childText(credit, NS, "Status") == null) {
            throw new ErpQuoteFailedException(ErpQuoteFailedException.ERROR, "EMEA ERP answered without Credit/Status");
        }
        Map<Integer, Element> answered = new HashMap<>();
        NodeList lineQuotes = response.getElementsByTagNameNS(NS, "LineQuote");
        for (int i = 0; i < lineQuotes.getLength(); i++) {
            Element l = (Element) lineQuotes.item(i);
            answered.put(Integer.parseInt(SecureXml.childText(l, NS, "LineNumber")), l);
        }
        List<QuoteAnswer.Line> lines = new ArrayList<>();
        for (QuoteRequest.Line line : request.lines()) {
            Element l = answered.get(line.lineNumber());
            if (l == null) {
                lines.add(QuoteLines.unknown(line, "NOT_ANSWERED", "the ERP gave no answer for this line", null));
            } else if ("OK".equals(SecureXml.childText(l, NS, "Status"))) {
                String promised = SecureXml.childText(l, NS, "PromisedDate");
                lines.add(QuoteLines.ok(line, decimal(l, "UnitPrice"), request.currency(),
                        decimal(l, "AvailableQuantity"), promised == null ? null : LocalDate.parse(promised), null));
            } else {
                String reasonCode = SecureXml.childText(l, NS, "ReasonCode");
                lines.add(QuoteLines.rejected(line, reasonCode != null ? reasonCode : SecureXml.childText(l, NS, "Status"),
                        SecureXml.childText(l, NS, "Reason")));
            }
        }
        return new ErpQuote(new QuoteAnswer.Credit(SecureXml.childText(credit, NS, "Status"), decimal(credit, "AvailableCredit"),
                request.currency(), null, null), lines);
    }

    private static BigDecimal decimal(Element parent, String local) {
        String text = SecureXml.childText(parent, NS, local);
        return text == null || text.isEmpty() ? null : new BigDecimal(text);
    }




}
