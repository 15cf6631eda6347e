package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The one order every channel translates into (schema: {@code schema/canonical-order-1.0.schema.json}).
 * Money and quantities are {@link BigDecimal}; dates are ISO-8601.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalOrder(
        String schemaVersion,
        String orderId,
        String correlationId,
        Instant receivedAt,
        Source source,
        String legalEntity,
        Customer customer,
        String customerPurchaseOrder,
        Party soldTo,
        Party billTo,
        Party shipTo,
        String currency,
        LocalDate orderDate,
        LocalDate requestedDeliveryDate,
        List<Line> lines,
        Totals totals,
        Terms terms,
        String notes) {

    public static final String SCHEMA_VERSION = "1.0";

    /**
     * The reference the ERP knows this order by, its idempotency key: derived from the source's identity (CRM Id,
     * partner and PO, ...), never from ordersync's generated order id, so that an order ordersync lost and accepted
     * again as a new order still finds the ERP order it created before. {@code os-} and 32 hex digits of the SHA-256
     * of {@link Source#key()} (namespaced, so two senders' orders with the same id are two ERP orders; an order stored
     * before namespaces keeps the reference it was sent with): 35 characters, which fits the reference fields of
     * common ERPs.
     */
    @JsonIgnore
    public String erpReference() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(source.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "os-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Where the order came from: channel (REST, EDI, SOAP, FILE, KAFKA), system, trading partner, the sender's id, and
     * the duplicate-key namespace the runtime gave it ({@link IntakeOrigin}: the authenticated API caller, the EDI
     * partner, the file inbox or the Kafka topic). The namespace is always set by the intake, never read from the
     * sender's document; orders stored before namespaces existed have none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String channel, String system, String partner, String externalId, String keyNamespace) {

        /** A source as a mapping produces it: no namespace yet (the intake sets it). */
        public Source(String channel, String system, String partner, String externalId) {
            this(channel, system, partner, externalId, null);
        }

        /**
         * Repeat detection key: the namespace, then source system, trading partner (when there is one) and the
         * sender's document id - {@code api:crm|CRM:801...}, {@code edi:acme-hardware|EDI:ACMEHW:PO-1}. One sender
         * can never reach another's keys: the namespace is what the runtime authenticated, not what the body claims.
         * Without a namespace (orders stored before namespaces existed) it is the {@link #legacyKey()}.
         */
        @JsonIgnore
        public String key() {
            return keyNamespace == null ? legacyKey() : keyNamespace + "|" + legacyKey();
        }

        /**
         * The key before namespaces: source system, partner and the sender's id, chosen by the sender's document.
         * Only orders stored before the upgrade carry it (see OrderIntake's upgrade lookup).
         */
        @JsonIgnore
        public String legacyKey() {
            return system + ":" + (partner == null ? "" : partner + ":") + externalId;
        }

        /** This source as received through the origin: the runtime's channel and namespace replace the mapping's. */
        public Source receivedThrough(IntakeOrigin origin) {
            return new Source(origin.channelFor(channel), system, partner, externalId, origin.namespace());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Customer(String crmAccountId, String erpCustomerNumber, String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String name, String street, String city, String region, String postalCode, String country) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(
            Integer lineNumber,
            String sku,
            String customerPartNumber,
            String gtin,
            String description,
            BigDecimal quantity,
            String unitOfMeasure,
            BigDecimal unitPrice,
            LocalDate requestedDeliveryDate) {

        public BigDecimal amount() {
            return quantity == null || unitPrice == null ? BigDecimal.ZERO : quantity.multiply(unitPrice);
        }
    }

    public record Totals(int lineCount, BigDecimal totalQuantity, BigDecimal totalAmount) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Terms(String paymentTerms, String incoterms) {}

    /** This order with the runtime-owned fields set (id, correlation, time, entity) and totals computed from the lines. */
    public CanonicalOrder completed(String id, String correlation, Instant at, String entity) {
        return new CanonicalOrder(SCHEMA_VERSION, id, correlation, at, source, entity, customer, customerPurchaseOrder,
                soldTo, billTo, shipTo, currency, orderDate, requestedDeliveryDate, lines, computeTotals(lines), terms, notes);
    }

    /** This order with another source (the intake's namespace set). */
    public CanonicalOrder withSource(Source newSource) {
        return new CanonicalOrder(schemaVersion, orderId, correlationId, receivedAt, newSource, legalEntity, customer,
                customerPurchaseOrder, soldTo, billTo, shipTo, currency, orderDate, requestedDeliveryDate, lines,
                totals, terms, notes);
    }

    /** This order in another currency (the legal entity's, when the sender named none). */
    public CanonicalOrder withCurrency(String newCurrency) {
        return new CanonicalOrder(schemaVersion, orderId, correlationId, receivedAt, source, legalEntity, customer,
                customerPurchaseOrder, soldTo, billTo, shipTo, newCurrency, orderDate, requestedDeliveryDate, lines,
                totals, terms, notes);
    }

    static Totals computeTotals(List<Line> lines) {
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal amount = BigDecimal.ZERO;
        for (Line line : lines == null ? List.<Line>of() : lines) {
            if (line.quantity() != null) {
                quantity = quantity.add(line.quantity());
            }
            amount = amount.add(line.amount());
        }
        return new Totals(lines == null ? 0 : lines.size(), quantity, amount);
    }
}
