package io.ordersync.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What both simulated ERPs share: an idempotent order book and the getters tests read it through. */
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

    public Optional<ErpOrder> findOrder(String orderNumber) {
        return book.byNumber(orderNumber);
    }

    public Optional<ErpOrder> orderByExternalReference(String externalReference) {
        return book.byReference(externalReference);
    }
}
