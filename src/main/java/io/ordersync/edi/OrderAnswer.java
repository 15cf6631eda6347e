package io.ordersync.edi;

import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.OrderEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ERP's answer to an order, line by line, as the 855 and the ORDRSP report it: every order line accepted or
 * rejected (all of them when the order is rejected), and the order accepted, accepted with changes (some lines
 * rejected) or rejected (all lines rejected).
 */
record OrderAnswer(Verdict verdict, List<Line> lines, List<OrderEvent.Reason> reasons) {

    enum Verdict { ACCEPTED, ACCEPTED_WITH_CHANGES, REJECTED }

    /** An order line and the answer to it; {@code outcome} is the ERP's line outcome, when it gave one. */
    record Line(int number, CanonicalOrder.Line line, boolean rejected, OrderEvent.LineOutcome outcome) {}

    /**
     * @throws IllegalArgumentException when the event is no {@code OrderAccepted} or {@code OrderRejected}
     */
    static OrderAnswer of(CanonicalOrder order, OrderEvent outcome) {
        boolean rejected = OrderEvent.ORDER_REJECTED.equals(outcome.type());
        if (!rejected && !OrderEvent.ORDER_ACCEPTED.equals(outcome.type())) {
            throw new IllegalArgumentException("an order response answers OrderAccepted or OrderRejected, not "
                    + outcome.type());
        }
        Map<Integer, OrderEvent.LineOutcome> byLine = new HashMap<>();
        if (outcome.lines() != null) {
            outcome.lines().forEach(l -> byLine.put(l.lineNumber(), l));
        }
        List<CanonicalOrder.Line> orderLines = order.lines() == null ? List.of() : order.lines();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < orderLines.size(); i++) {
            CanonicalOrder.Line line = orderLines.get(i);
            int number = line.lineNumber() == null ? i + 1 : line.lineNumber();
            OrderEvent.LineOutcome lo = byLine.get(number);
            boolean lineRejected = rejected || (lo != null && "REJECTED".equalsIgnoreCase(lo.status()));
            lines.add(new Line(number, line, lineRejected, lo));
        }
        Verdict verdict;
        if (rejected || (!lines.isEmpty() && lines.stream().allMatch(Line::rejected))) {
            verdict = Verdict.REJECTED;
        } else if (lines.stream().anyMatch(Line::rejected)
                || "PARTIALLY_ACCEPTED".equals(String.valueOf(outcome.status()))) {
            verdict = Verdict.ACCEPTED_WITH_CHANGES;
        } else {
            verdict = Verdict.ACCEPTED;
        }
        return new OrderAnswer(verdict, lines, outcome.reasons() == null ? List.of() : outcome.reasons());
    }
}
