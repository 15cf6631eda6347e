package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;
import static io.ordersync.edi.OutboundValues.firstPresent;
import static io.ordersync.edi.OutboundValues.plain;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.Invoice;
import io.ordersync.order.OrderEvent;
import java.time.Clock;

/**
 * The invoice ordersync sends an EDIFACT trading partner for each invoice of its order: a UN/EDIFACT D.96A INVOIC
 * with BGM 380 (commercial invoice, the invoice number, original), DTM 137 (invoice date), RFF ON the customer's PO
 * (DTM 171 its date) and RFF VN our order number, NAD BY, SU, IV (bill-to) and DP (ship-to), CUX (invoicing
 * currency), PAT 1 with the net days and DTM 13 the due date, then per invoice line LIN (SKU), PIA, QTY 47
 * (invoiced), MOA 203 (line amount), PRI AAA (net unit price), RFF ON with the PO number and order line; UNS, CNT 2
 * (line count), MOA 79 (total of the lines, net) and MOA 77 (invoice total), TAX 7 VAT with MOA 124 (tax amount).
 * Figures that do not add up are refused ({@link InvoiceFigures}). Read back against
 * {@code edi-specs/edifact/d96a/INVOIC.xml} before it is returned.
 */
final class EdifactInvoice implements PartnerDocument {

    /** BGM 1001: commercial invoice. */
    static final String COMMERCIAL_INVOICE = "380";

    private final EdiSpecs specs;

    public EdifactInvoice(EdiSpecs specs) {
        this.specs = specs;
    }

    @Override
    public String name() {
        return "INVOIC";
    }

    /** The INVOIC for an {@code OrderInvoiced} event; DTM 137 is the invoice date, or the event's day without one. */
    @Override
    public String write(CanonicalOrder order, OrderEvent event, PartnerProfiles.Profile partner, AckNumbers numbers,
                        Clock clock) {
        InvoiceFigures figures = InvoiceFigures.of(order, event, clock);
        Invoice invoice = figures.invoice();
        String poNumber = OutboundValues.purchaseOrder(order);

        EdifactDocument doc = EdifactDocument.start(partner, numbers, clock, "INVOIC");
        doc.segment("BGM", new String[] {COMMERCIAL_INVOICE}, invoice.invoiceNumber().strip(), "9");
        doc.composite("DTM", EdifactSegments.date("137", figures.invoiceDate()));
        doc.composite("RFF", "ON", poNumber);
        if (order.orderDate() != null) {
            doc.composite("DTM", EdifactSegments.date("171", order.orderDate()));
        }
        if (blankToNull(event.erpOrderNumber()) != null) {
            doc.composite("RFF", "VN", event.erpOrderNumber().strip());
        }
        EdifactSegments.buyer(doc, order, partner);
        EdifactSegments.supplier(doc, partner);
        if (order.billTo() != null) {
            EdifactSegments.nad(doc, "IV", null, order.billTo());
        }
        if (order.shipTo() != null) {
            EdifactSegments.nad(doc, "DP", null, order.shipTo());
        }
        if (figures.currency() != null) {
            // 2 reference currency, 4 invoicing currency
            doc.composite("CUX", "2", figures.currency(), "4");
        }
        Integer netDays = OutboundValues.netDays(figures.paymentTerms());
        if (netDays != null || invoice.dueDate() != null) {
            // PAT 1 basic; C112: from the date of invoice (5), after (3), days (D), how many
            doc.segment("PAT", "1", null, netDays == null ? null
                    : new String[] {"5", "3", "D", String.valueOf(netDays)});
            if (invoice.dueDate() != null) {
                doc.composite("DTM", EdifactSegments.date("13", invoice.dueDate()));
            }
        }
        for (InvoiceFigures.Line line : figures.lines()) {
            Invoice.InvoiceLine invoiced = line.invoiced();
            CanonicalOrder.Line ordered = line.ordered();
            doc.segment("LIN", String.valueOf(invoiced.lineNumber()), null,
                    new String[] {firstPresent(invoiced.sku(), ordered.sku()), "SA"});
            EdifactSegments.additionalIds(doc, ordered);
            doc.composite("QTY", "47", plain(invoiced.quantity()),
                    OutboundValues.edifactUnit(firstPresent(invoiced.unitOfMeasure(), ordered.unitOfMeasure())));
            doc.composite("MOA", "203", plain(line.amount()));
            if (invoiced.unitPrice() != null) {
                doc.composite("PRI", "AAA", plain(invoiced.unitPrice()));
            }
            doc.composite("RFF", "ON", poNumber, String.valueOf(invoiced.lineNumber()));
        }
        doc.segment("UNS", "S");
        doc.composite("CNT", "2", String.valueOf(figures.lines().size()));
        doc.composite("MOA", "79", plain(figures.net()));
        doc.composite("MOA", "77", plain(figures.total()));
        if (figures.tax() != null) {
            // TAX 7 (tax), VAT; the canonical invoice states the amount, not the rate
            doc.segment("TAX", "7", new String[] {"VAT"});
            doc.composite("MOA", "124", plain(figures.tax()));
        }
        return doc.release(specs, figures.about());
    }
}
