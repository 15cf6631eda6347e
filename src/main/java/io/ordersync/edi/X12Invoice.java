package io.ordersync.edi;

import static io.ordersync.edi.OutboundValues.blankToNull;
import static io.ordersync.edi.OutboundValues.firstPresent;
import static io.ordersync.edi.OutboundValues.plain;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.Invoice;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The invoice ordersync sends an X12 trading partner for each invoice of its order: an X12 004010 810 with BIG
 * (invoice date and number, the customer's PO date and number), CUR (the invoice currency), REF VN (our order
 * number), N1 BT bill-to and ST ship-to, ITD (terms: net due date, net days, the terms as written), IT1 per invoice
 * line (quantity, unit, unit price, SKU / buyer's part number / GTIN), TDS (the invoice total in cents, as X12 N2
 * implies two decimals), TXI TX (the tax amount) and CTT (the number of IT1). Figures that do not add up are
 * refused ({@link InvoiceFigures}).
 */
final class X12Invoice implements PartnerDocument {

    /** ITD01: basic terms; ITD02 3: counted from the invoice date. */
    static final String BASIC_TERMS = "01";
    static final String FROM_INVOICE_DATE = "3";

    private final EdiSpecs specs;

    public X12Invoice(EdiSpecs specs) {
        this.specs = specs;
    }

    @Override
    public String name() {
        return "810";
    }

    /** The 810 for an {@code OrderInvoiced} event; BIG01 is the invoice date, or the event's day without one. */
    @Override
    public String write(CanonicalOrder order, OrderEvent event, PartnerProfiles.Profile partner, AckNumbers numbers,
                        Clock clock) {
        InvoiceFigures figures = InvoiceFigures.of(order, event, clock);
        Invoice invoice = figures.invoice();
        String cents = cents(figures.total(), figures.about());

        X12Document doc = X12Document.start(partner, numbers, clock, "IN", "810");
        doc.segment("BIG", OutboundValues.date(figures.invoiceDate()), invoice.invoiceNumber().strip(),
                OutboundValues.date(order.orderDate()), OutboundValues.purchaseOrder(order));
        if (figures.currency() != null) {
            doc.segment("CUR", "SE", figures.currency());
        }
        if (blankToNull(event.erpOrderNumber()) != null) {
            doc.segment("REF", "VN", event.erpOrderNumber().strip());
        }
        if (order.billTo() != null) {
            X12Segments.party(doc, "BT", order.billTo());
        }
        if (order.shipTo() != null) {
            X12Segments.party(doc, "ST", order.shipTo());
        }
        String terms = figures.paymentTerms();
        Integer netDays = OutboundValues.netDays(terms);
        if (terms != null || invoice.dueDate() != null) {
            doc.segment("ITD", BASIC_TERMS, FROM_INVOICE_DATE, null, null, null,
                    OutboundValues.date(invoice.dueDate()), netDays == null ? null : String.valueOf(netDays),
                    null, null, null, null, terms);
        }
        for (InvoiceFigures.Line line : figures.lines()) {
            Invoice.InvoiceLine invoiced = line.invoiced();
            CanonicalOrder.Line ordered = line.ordered();
            List<String> it1 = new ArrayList<>(List.of(String.valueOf(invoiced.lineNumber())));
            it1.add(plain(invoiced.quantity()));
            it1.add(OutboundValues.x12Unit(firstPresent(invoiced.unitOfMeasure(), ordered.unitOfMeasure())));
            it1.add(plain(invoiced.unitPrice()));
            it1.add(null); // IT105 basis of unit price
            X12Segments.addId(it1, "VP", firstPresent(invoiced.sku(), ordered.sku()));
            X12Segments.addId(it1, "BP", ordered.customerPartNumber());
            X12Segments.addId(it1, "EN", ordered.gtin());
            doc.segment("IT1", it1.toArray());
        }
        doc.segment("TDS", cents);
        if (figures.tax() != null) {
            doc.segment("TXI", "TX", plain(figures.tax()));
        }
        doc.segment("CTT", String.valueOf(figures.lines().size()));
        return doc.release(specs, figures.about());
    }

    /** An amount in cents (TDS01 is N2: two implied decimals); an amount with finer fractions is refused. */
    static String cents(BigDecimal amount, String about) {
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().toString();
        } catch (ArithmeticException finer) {
            throw new IllegalArgumentException(about + ": the total " + amount.toPlainString()
                    + " has more than two decimals and cannot be written as TDS01 in cents");
        }
    }
}
