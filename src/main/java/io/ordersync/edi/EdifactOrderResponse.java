package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;
import static io.ordersync.edi.OutboundValues.firstPresent;
import static io.ordersync.edi.OutboundValues.plain;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The purchase order response ordersync sends an EDIFACT trading partner once the ERP has answered an order: a
 * UN/EDIFACT D.96A ORDRSP with BGM 231 (our order number; message function 29 accepted without amendment, 4 changed,
 * 27 not accepted; response type AP, AC, RE), DTM 137, the order-level reasons of a rejection as FTX, RFF ON with the
 * customer's PO number and DTM 171 its date, RFF VN our order number, NAD BY and SU, CUX, then per order line LIN with
 * action 5 (accepted without amendment) or 7 (not accepted), PIA with the buyer's item number and GTIN, QTY 21
 * (ordered), FTX with the ERP's reason for a rejected line and PRI AAA; UNS, CNT 2 (line count). Read back against
 * {@code edi-specs/edifact/d96a/ORDRSP.xml} before it is returned.
 */
final class EdifactOrderResponse implements PartnerDocument {

    /** BGM 1001: purchase order response. */
    static final String ORDER_RESPONSE = "231";
    /** LIN 1229: accepted without amendment / not accepted. */
    static final String LINE_ACCEPTED = "5";
    static final String LINE_NOT_ACCEPTED = "7";

    private final EdiSpecs specs;

    public EdifactOrderResponse(EdiSpecs specs) {
        this.specs = specs;
    }

    @Override
    public String name() {
        return "ORDRSP";
    }

    /** The ORDRSP for an {@code OrderAccepted} or {@code OrderRejected} event. */
    @Override
    public String write(CanonicalOrder order, OrderEvent outcome, PartnerProfiles.Profile partner, AckNumbers numbers,
                        Clock clock) {
        OrderAnswer answer = OrderAnswer.of(order, outcome);
        String poNumber = OutboundValues.purchaseOrder(order);
        String erpNumber = blankToNull(outcome.erpOrderNumber());
        // BGM 1225 message function and 4343 response type
        String[] function = switch (answer.verdict()) {
            case ACCEPTED -> new String[] {"29", "AP"};
            case ACCEPTED_WITH_CHANGES -> new String[] {"4", "AC"};
            case REJECTED -> new String[] {"27", "RE"};
        };

        EdifactDocument doc = EdifactDocument.start(partner, numbers, clock, "ORDRSP");
        doc.segment("BGM", new String[] {ORDER_RESPONSE}, firstPresent(erpNumber, poNumber), function[0], function[1]);
        doc.composite("DTM", EdifactSegments.date("137", LocalDate.now(clock)));
        for (OrderEvent.Reason reason : answer.reasons()) {
            EdifactSegments.freeText(doc, reason.code() + ": " + reason.message());
        }
        doc.composite("RFF", "ON", poNumber);
        if (order.orderDate() != null) {
            doc.composite("DTM", EdifactSegments.date("171", order.orderDate()));
        }
        if (erpNumber != null) {
            doc.composite("RFF", "VN", erpNumber);
        }
        EdifactSegments.buyer(doc, order, partner);
        EdifactSegments.supplier(doc, partner);
        if (blankToNull(order.currency()) != null) {
            doc.composite("CUX", "2", order.currency().strip(), "9");
        }
        for (OrderAnswer.Line a : answer.lines()) {
            CanonicalOrder.Line line = a.line();
            doc.segment("LIN", String.valueOf(a.number()), a.rejected() ? LINE_NOT_ACCEPTED : LINE_ACCEPTED,
                    blankToNull(line.sku()) == null ? null : new String[] {line.sku().strip(), "SA"});
            EdifactSegments.additionalIds(doc, line);
            if (line.quantity() != null) {
                doc.composite("QTY", "21", plain(line.quantity()), OutboundValues.edifactUnit(line.unitOfMeasure()));
            }
            if (a.rejected() && a.outcome() != null && (a.outcome().reasonCode() != null
                    || a.outcome().reason() != null)) {
                EdifactSegments.freeText(doc, a.outcome().reasonCode() == null ? a.outcome().reason()
                        : a.outcome().reasonCode() + (a.outcome().reason() == null ? "" : ": " + a.outcome().reason()));
            }
            if (line.unitPrice() != null) {
                doc.composite("PRI", "AAA", plain(line.unitPrice()));
            }
        }
        doc.segment("UNS", "S");
        doc.composite("CNT", "2", String.valueOf(answer.lines().size()));
        return doc.release(specs, "order " + order.orderId());
    }
}
