package io.ordersync.demo.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared order logic of the ERP simulators: data rules, behaviour, sequential numbers and idempotency on the
 * external reference. Thread-safe; submissions are serialised so that concurrent duplicates create one order.
 */
final class ErpOrderBook {

    /** A validated order request. */
    record Request(String externalReference, String ordersyncOrderId, String customerNumber, String currency, LocalDate requestedDeliveryDate,
                   Map<String, Object> shipTo, List<LineRequest> lines) {
    }

    record LineRequest(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, BigDecimal unitPrice) {
    }

    enum Outcome {
        /** A new ERP order was created (ACCEPTED or PARTIAL). */
        CREATED,
        /** The external reference was already created; the stored order is returned, nothing new created. */
        REPEATED,
        /** The order was rejected (credit hold or every line rejected); nothing stored. */
        REJECTED
    }

    record Submission(Outcome outcome, ErpOrder order) {
    }

    private final String prefix;
    private final AtomicLong sequence;
    private final Map<String, ErpOrder> byNumber = new LinkedHashMap<>();
    private final Map<String, ErpOrder> byReference = new LinkedHashMap<>();
    private final Map<String, Integer> creations = new LinkedHashMap<>();

    /** Numbers are {@code prefix + (firstNumber, firstNumber+1, ...)}, never reused, not even after a reset. */
    ErpOrderBook(String prefix, long firstNumber) {
        this.prefix = prefix;
        this.sequence = new AtomicLong(firstNumber);
    }

    /**
     * Later numbers come after {@code orderNumber} when it is one of this book's (prefix and digits); true when that
     * moved the numbering on.
     */
    boolean numberAfter(String orderNumber) {
        if (orderNumber == null || !orderNumber.startsWith(prefix)
                || !orderNumber.substring(prefix.length()).matches("\\d{1,18}")) {
            return false;
        }
        long next = Long.parseLong(orderNumber.substring(prefix.length())) + 1;
        return sequence.getAndAccumulate(next, Math::max) < next;
    }

    synchronized Submission submit(Request request, SimBehaviour behaviour) {
        ErpOrder existing = byReference.get(request.externalReference());
        if (existing != null) {
            return new Submission(Outcome.REPEATED, existing);
        }
        Instant now = Instant.now();
        if (behaviour.holdsCustomer(request.customerNumber())) {
            List<ErpOrderLine> lines = new ArrayList<>();
            for (LineRequest l : request.lines()) {
                lines.add(line(l, ErpOrderLine.REJECTED, ErpOrder.CREDIT_HOLD,
                        "customer " + request.customerNumber() + " is on credit hold"));
            }
            ErpOrder rejected = order(null, request, ErpOrder.REJECTED, lines,
                    List.of(new ErpOrder.Reason(ErpOrder.CREDIT_HOLD,
                            "customer " + request.customerNumber() + " is on credit hold")), now);
            return new Submission(Outcome.REJECTED, rejected);
        }
        List<ErpOrderLine> lines = new ArrayList<>();
        int accepted = 0;
        for (LineRequest l : request.lines()) {
            if (behaviour.rejectsSku(l.sku())) {
                lines.add(line(l, ErpOrderLine.REJECTED, ErpOrder.UNKNOWN_SKU,
                        "SKU " + l.sku() + " is not in the item master"));
            } else {
                lines.add(line(l, ErpOrderLine.ACCEPTED, null, null));
                accepted++;
            }
        }
        if (accepted == 0) {
            ErpOrder rejected = order(null, request, ErpOrder.REJECTED, lines,
                    List.of(new ErpOrder.Reason(ErpOrder.ALL_LINES_REJECTED,
                            "all " + lines.size() + " order lines were rejected")), now);
            return new Submission(Outcome.REJECTED, rejected);
        }
        String status = accepted == lines.size() ? ErpOrder.ACCEPTED : ErpOrder.PARTIAL;
        ErpOrder created = order(prefix + sequence.getAndIncrement(), request, status, lines, List.of(), now);
        byNumber.put(created.orderNumber(), created);
        byReference.put(created.externalReference(), created);
        creations.merge(created.externalReference(), 1, Integer::sum);
        return new Submission(Outcome.CREATED, created);
    }

    private static ErpOrderLine line(LineRequest l, String status, String reasonCode, String reason) {
        return new ErpOrderLine(l.lineNumber(), l.sku(), l.quantity(), l.unitOfMeasure(), l.unitPrice(), status,
                reasonCode, reason);
    }

    private static ErpOrder order(String number, Request r, String status, List<ErpOrderLine> lines,
                                  List<ErpOrder.Reason> reasons, Instant now) {
        return new ErpOrder(number, r.externalReference(), r.ordersyncOrderId(), r.customerNumber(), r.currency(),
                r.requestedDeliveryDate(), r.shipTo(), status, lines, reasons, now);
    }

    synchronized Optional<ErpOrder> byNumber(String orderNumber) {
        return Optional.ofNullable(byNumber.get(orderNumber));
    }

    /** Changes a stored order's status, as people working in the ERP would; false when the number is unknown. */
    synchronized boolean setStatus(String orderNumber, String status) {
        ErpOrder order = byNumber.get(orderNumber);
        if (order == null) {
            return false;
        }
        ErpOrder changed = order.withStatus(status);
        byNumber.put(orderNumber, changed);
        byReference.put(changed.externalReference(), changed);
        return true;
    }

    synchronized Optional<ErpOrder> byReference(String externalReference) {
        return Optional.ofNullable(byReference.get(externalReference));
    }

    synchronized List<ErpOrder> orders() {
        return List.copyOf(byNumber.values());
    }

    synchronized Map<String, String> referenceToNumber() {
        Map<String, String> copy = new LinkedHashMap<>();
        byReference.forEach((ref, order) -> copy.put(ref, order.orderNumber()));
        return java.util.Collections.unmodifiableMap(copy);
    }

    synchronized int creationCount(String externalReference) {
        return creations.getOrDefault(externalReference, 0);
    }

    synchronized void clear() {
        byNumber.clear();
        byReference.clear();
        creations.clear();
    }
}
