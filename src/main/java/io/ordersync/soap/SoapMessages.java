package io.ordersync.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.order.OrderEvent;
import io.ordersync.order.OrderIntake;
import io.ordersync.support.FieldError;
import io.ordersync.support.SoapEnvelopeWriter;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes the SOAP 1.1 responses and faults of {@code wsdl/ordersync-orders.wsdl}. */
final class SoapMessages {

    static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    /** GetOrderStatus lists at most this many of the latest timeline events. */
    static final int MAX_EVENTS = 20;

    private static final String NS = OrderServiceContract.NS;
    private static final SoapEnvelopeWriter SOAP = new SoapEnvelopeWriter("soap", "ord", NS);

    private SoapMessages() {
    }

    static String submitOrderResponse(OrderIntake.Receipt receipt) {
        return SOAP.envelope(xml -> {
            xml.writeStartElement("ord", "SubmitOrderResponse", NS);
            text(xml, "OrderId", receipt.orderId());
            text(xml, "CorrelationId", receipt.correlationId());
            text(xml, "Status", receipt.status());
            text(xml, "Duplicate", String.valueOf(Boolean.TRUE.equals(receipt.duplicate())));
            for (OrderEvent.Reason reason : receipt.reasons() == null ? List.<OrderEvent.Reason>of() : receipt.reasons()) {
                reason(xml, reason.code(), reason.message());
            }
            xml.writeEndElement();
        });
    }

    /** The answer from the order's API view (as {@code GET /api/v1/orders/{id}} shows it). */
    static String orderStatusResponse(JsonNode view) {
        return SOAP.envelope(xml -> {
            xml.writeStartElement("ord", "GetOrderStatusResponse", NS);
            text(xml, "OrderId", view.path("orderId").asText());
            JsonNode source = view.path("order").path("source");
            text(xml, "ExternalOrderId", source.path("externalId").asText());
            text(xml, "SourceSystem", source.path("system").asText());
            text(xml, "Status", view.path("status").asText());
            optional(xml, "LegalEntity", view.path("legalEntity"));
            optional(xml, "ErpOrderNumber", view.path("erpOrderNumber"));
            optional(xml, "CorrelationId", view.path("correlationId"));
            JsonNode progress = view.path("progress");
            if (progress.isObject()) {
                xml.writeStartElement("ord", "Progress", NS);
                optional(xml, "ShipmentState", progress.path("shipmentState"));
                optional(xml, "InvoiceState", progress.path("invoiceState"));
                optional(xml, "PaymentState", progress.path("paymentState"));
                optional(xml, "ExpectedDeliveryDate", progress.path("expectedDeliveryDate"));
                xml.writeEndElement();
            }
            JsonNode timeline = view.path("timeline");
            for (int i = Math.max(0, timeline.size() - MAX_EVENTS); i < timeline.size(); i++) {
                JsonNode entry = timeline.get(i);
                xml.writeStartElement("ord", "Event", NS);
                text(xml, "Type", entry.path("type").asText());
                text(xml, "Status", entry.path("status").asText());
                text(xml, "OccurredAt", entry.path("occurredAt").asText());
                for (JsonNode reason : entry.path("event").path("reasons")) {
                    reason(xml, reason.path("code").asText(), reason.path("message").asText());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** A SOAP 1.1 fault; faultcode is qualified by the envelope namespace (soap:Client, soap:Server, ...). */
    static String fault(SoapFault fault, String correlationId) {
        return SOAP.fault(fault.faultCode(), fault.getMessage(), xml -> {
            xml.writeStartElement("ord", "OrderFault", NS);
            text(xml, "Code", fault.code());
            text(xml, "Message", fault.getMessage());
            text(xml, "CorrelationId", correlationId);
            for (FieldError error : fault.fieldErrors()) {
                xml.writeStartElement("ord", "FieldError", NS);
                text(xml, "Field", error.field());
                text(xml, "Message", error.message());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement("ord", name, NS);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }

    private static void optional(XMLStreamWriter xml, String name, JsonNode value) throws XMLStreamException {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            text(xml, name, value.asText());
        }
    }

    private static void reason(XMLStreamWriter xml, String code, String message) throws XMLStreamException {
        xml.writeStartElement("ord", "Reason", NS);
        text(xml, "Code", code);
        text(xml, "Message", message);
        xml.writeEndElement();
    }
}
