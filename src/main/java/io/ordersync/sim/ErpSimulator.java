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
