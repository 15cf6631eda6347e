package io.ordersync.demo.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both simulated ERPs share: an idempotent order book, the getters tests read it through, and a control endpoint
 * that changes a stored order's status as people working in the ERP would (e.g. cancel it):
 * {@code POST /sim/order-status} body {@code {"orderNumber":"EU-500001","status":"CANCELLED"}} &rarr; 204, 404 when the
 * ERP has no such order, 400 for a status other than {@link ErpOrder#STORED_STATUSES}.
 */
public abstract class ErpSimulator extends HttpSimulator {

    protected final ErpOrderBook book;

    protected ErpSimulator(String name, int port, String numberPrefix, long firstNumber) {
        super(name, port);
        this.book = new ErpOrderBook(numberPrefix, firstNumber);
    }

    /**
     * Numbers handed out from now on come after this one, if it is one of this ERP's. The simulator keeps its orders
     * in memory and numbers afresh at every start; a database that outlived it may know those numbers already.
     * Returns true when that moved the numbering on.
     */
    public boolean numberAfter(String orderNumber) {
        return book.numberAfter(orderNumber);
    }

    /** External reference &rarr; ERP order number of every created order, in creation order. */
    public Map<String, String> createdOrders() {
        return book.referenceToNumber();
    }

    /** How many ERP orders were created for the external reference (0 or 1; idempotent repeats do not count). */
    public int createdOrderCount(String externalReference) {
        return book.creationCount(externalReference);
    }

    /** Every created order, in creation order. */
    public List<ErpOrder> orders() {
        return book.orders();
    }

    /**
     * Changes a stored order's status (one of {@link ErpOrder#STORED_STATUSES}); false when the ERP has no such order.
     */
    public boolean setOrderStatus(String orderNumber, String status) {
        if (!ErpOrder.STORED_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + ErpOrder.STORED_STATUSES + " but was '"
                    + status + "'");
        }
        return book.setStatus(orderNumber, status);
    }

    @Override
    protected boolean handleOwnControl(Call call) throws IOException {
        if (!call.path().equals("/sim/order-status")) {
            return false;
        }
        if (!call.method().equals("POST")) {
            methodNotAllowed(call, "POST");
            return true;
        }
        JsonNode body;
        try {
            body = JSON.readTree(call.bodyAsString());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            call.respondJson(400, error("body must be a JSON object with orderNumber and status"));
            return true;
        }
        String number = body.path("orderNumber").asText("");
        try {
            if (setOrderStatus(number, body.path("status").asText(""))) {
                call.respond(204, null, "");
            } else {
                call.respondJson(404, error("no sales order " + number));
            }
        } catch (IllegalArgumentException e) {
            call.respondJson(400, error(e.getMessage()));
        }
        return true;
    }

    public Optional<ErpOrder> findOrder(String orderNumber) {
        return book.byNumber(orderNumber);
    }

    public Optional<ErpOrder> orderByExternalReference(String externalReference) {
        return book.byReference(externalReference);
    }
}
