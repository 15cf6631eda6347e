package io.ordersync.demo.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated accounts-receivable system (AR): posts invoices for an ERP order and payments against them as
 * {@code INVOICE} and {@code PAYMENT} documents (see {@code mappings/status-ar-to-canonical.jslt}).
 * <pre>
 * Invoice invoice = receivables.invoice(order, "INV-1", new BigDecimal("4.70"));
 * receivables.pay(invoice, new BigDecimal("60.00"));
 * receivables.pay(invoice, new BigDecimal("3.45"));
 * </pre>
 */
public class ReceivablesSimulator extends StatusEventSource {

    public static final String SOURCE = "ar";
    private static final int PAYMENT_DAYS = 30;

    private final Map<String, AtomicInteger> paymentsPerInvoice = new ConcurrentHashMap<>();

    public ReceivablesSimulator(StatusMessageSender sender) {
        this(sender, Clock.systemUTC());
    }

    public ReceivablesSimulator(StatusMessageSender sender, Clock clock) {
        super(SOURCE, sender, clock);
    }

    /** Invoices every line of the order in full, plus the tax amount. */
    public Invoice invoice(FulfilmentOrder order, String invoiceNumber, BigDecimal taxAmount) {
        return invoice(order, invoiceNumber, order.allLines(), taxAmount);
    }

    /**
     * Invoices these quantities at the order's prices: each line's amount is quantity &times; price in cents
     * (half up), the net amount their sum, the total net plus tax, so the totals add up as ordersync checks.
     */
    public Invoice invoice(FulfilmentOrder order, String invoiceNumber, List<LineQuantity> lines,
                           BigDecimal taxAmount) {
        LocalDate date = today();
        ObjectNode document = document("INVOICE", order.legalEntity(), order.erpOrderNumber());
        ObjectNode invoice = document.putObject("invoice")
                .put("number", invoiceNumber)
                .put("date", date.toString())
                .put("dueDate", date.plusDays(PAYMENT_DAYS).toString())
                .put("currency", order.currency())
                .put("terms", "NET" + PAYMENT_DAYS);
        ArrayNode lineArray = invoice.putArray("lines");
        BigDecimal net = BigDecimal.ZERO;
        for (LineQuantity line : lines) {
            BigDecimal price = order.line(line.lineNumber()).unitPrice();
            if (price == null) {
                throw new IllegalArgumentException("line " + line.lineNumber() + " of ERP order "
                        + order.erpOrderNumber() + " has no price to invoice");
            }
            BigDecimal amount = line.quantity().multiply(price).setScale(2, RoundingMode.HALF_UP);
            net = net.add(amount);
            ObjectNode node = lineArray.addObject().put("line", line.lineNumber());
            if (line.sku() != null) {
                node.put("item", line.sku());
            }
            node.put("qty", line.quantity());
            if (line.unitOfMeasure() != null) {
                node.put("uom", line.unitOfMeasure());
            }
            node.put("price", price).put("amount", amount);
        }
        BigDecimal total = net.add(taxAmount);
        invoice.put("net", net).put("tax", taxAmount).put("total", total);
        send(order.reference(), document, "INVOICE " + invoiceNumber + " over " + total.toPlainString() + " "
                + order.currency());
        return new Invoice(invoiceNumber, order.legalEntity(), order.erpOrderNumber(), order.currency(), net,
                taxAmount, total);
    }

    /** A payment against the invoice, numbered {@code <invoice>-P1}, {@code -P2}, ...; returns the payment id. */
    public String pay(Invoice invoice, BigDecimal amount) {
        int number = paymentsPerInvoice.computeIfAbsent(invoice.invoiceNumber(), k -> new AtomicInteger())
                .incrementAndGet();
        return pay(invoice, invoice.invoiceNumber() + "-P" + number, amount);
    }

    /** A payment with the bank's id against the invoice (by ACH, received today); returns the payment id. */
    public String pay(Invoice invoice, String paymentId, BigDecimal amount) {
        ObjectNode document = document("PAYMENT", invoice.legalEntity(), invoice.erpOrderNumber());
        document.putObject("payment")
                .put("id", paymentId)
                .put("invoiceNumber", invoice.invoiceNumber())
                .put("amount", amount)
                .put("currency", invoice.currency())
                .put("receivedOn", today().toString())
                .put("method", "ACH");
        send(invoice.reference(), document, "PAYMENT " + paymentId + " of " + amount.toPlainString() + " "
                + invoice.currency() + " for invoice " + invoice.invoiceNumber());
        return paymentId;
    }

    private ObjectNode document(String type, String legalEntity, String erpOrderNumber) {
        ObjectNode document = JSON.createObjectNode()
                .put("documentId", newMessageId("AR"))
                .put("documentType", type)
                .put("postedAt", nextTimestamp().toString());
        putOrder(document, legalEntity, erpOrderNumber);
        return document;
    }
}
