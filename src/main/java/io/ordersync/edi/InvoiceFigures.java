package io.ordersync.edi;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.Invoice;
import io.ordersync.order.OrderEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An invoice as the 810 and the INVOIC state it, checked before either is written: the partner reconciles the
 * figures, so figures that do not add up are refused rather than sent. Line amounts add up to the net amount, and
 * net plus tax is the total.
 *
 * @param about        the invoice as error messages name it ("order o-1, invoice INV-1")
 * @param invoiceDate  the invoice's date, or the event's day without one (today without either)
 * @param currency     the invoice's currency, or the order's
 * @param paymentTerms the invoice's payment terms, or the order's (e.g. "NET30"), or null
 * @param lines        each invoice line with its amount (given, or quantity times unit price) and the order line it
 *                     bills
 * @param net          the net amount (given, or the sum of the line amounts)
 * @param tax          the tax amount, or null when the invoice states none
 * @param total        the invoice total
 */
record InvoiceFigures(Invoice invoice, String about, LocalDate invoiceDate, String currency, String paymentTerms,
                      List<Line> lines, BigDecimal net, BigDecimal tax, BigDecimal total) {

    record Line(Invoice.InvoiceLine invoiced, CanonicalOrder.Line ordered, BigDecimal amount) {}

    /**
     * The invoice of an {@code OrderInvoiced} event, checked.
     *
     * @param clock gives the invoice date when neither the invoice nor the event has one
     * @throws IllegalArgumentException naming what is missing or does not add up
     */
    static InvoiceFigures of(CanonicalOrder order, OrderEvent event, Clock clock) {
        if (!OrderEvent.ORDER_INVOICED.equals(event.type())) {
            throw new IllegalArgumentException("an invoice reports OrderInvoiced, not " + event.type());
        }
        Invoice invoice = event.invoice();
        String where = "OrderInvoiced " + event.eventId() + " of order " + order.orderId();
        if (invoice == null) {
            throw new IllegalArgumentException(where + " has no invoice");
        }
        if (OutboundValues.blankToNull(invoice.invoiceNumber()) == null) {
            throw new IllegalArgumentException(where + ": the invoice has no invoiceNumber");
        }
        where = where + ", invoice " + invoice.invoiceNumber();
        if (invoice.totalAmount() == null) {
            throw new IllegalArgumentException(where + " has no totalAmount");
        }
        if (invoice.lines() == null || invoice.lines().isEmpty()) {
            throw new IllegalArgumentException(where + " has no lines");
        }
        Map<Integer, CanonicalOrder.Line> ordered = OutboundValues.linesByNumber(order);
        List<Line> lines = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Invoice.InvoiceLine line : invoice.lines()) {
            CanonicalOrder.Line orderLine = ordered.get(line.lineNumber());
            if (orderLine == null) {
                throw new IllegalArgumentException(where + ": line " + line.lineNumber()
                        + " bills an order line the order does not have");
            }
            if (line.quantity() == null) {
                throw new IllegalArgumentException(where + ": line " + line.lineNumber() + " has no quantity");
            }
            if (OutboundValues.firstPresent(line.sku(), orderLine.sku()) == null) {
                throw new IllegalArgumentException(where + ": line " + line.lineNumber() + " has no SKU");
            }
            BigDecimal amount = line.amount() != null ? line.amount()
                    : line.unitPrice() != null ? line.quantity().multiply(line.unitPrice()) : null;
            if (amount == null) {
                throw new IllegalArgumentException(where + ": line " + line.lineNumber()
                        + " has neither an amount nor a unit price");
            }
            lines.add(new Line(line, orderLine, amount));
            sum = sum.add(amount);
        }
        BigDecimal net = invoice.netAmount() != null ? invoice.netAmount() : sum;
        if (sum.compareTo(net) != 0) {
            throw new IllegalArgumentException(where + ": the line amounts add up to " + sum.toPlainString()
                    + ", the net amount is " + net.toPlainString());
        }
        BigDecimal tax = invoice.taxAmount();
        BigDecimal expectedTotal = tax == null ? net : net.add(tax);
        if (expectedTotal.compareTo(invoice.totalAmount()) != 0) {
            throw new IllegalArgumentException(where + ": net " + net.toPlainString()
                    + (tax == null ? "" : " plus tax " + tax.toPlainString()) + " is "
                    + expectedTotal.toPlainString() + ", the total is " + invoice.totalAmount().toPlainString());
        }
        LocalDate invoiceDate = invoice.invoiceDate() != null ? invoice.invoiceDate()
                : event.occurredAt() != null ? OutboundValues.dayOf(event) : LocalDate.now(clock);
        String terms = OutboundValues.firstPresent(invoice.paymentTerms(),
                order.terms() == null ? null : order.terms().paymentTerms());
        return new InvoiceFigures(invoice, "order " + order.orderId() + ", invoice " + invoice.invoiceNumber(),
                invoiceDate, OutboundValues.firstPresent(invoice.currency(), order.currency()), terms, lines, net, tax,
                invoice.totalAmount());
    }
}
