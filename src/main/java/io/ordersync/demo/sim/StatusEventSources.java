package io.ordersync.demo.sim;

/**
 * The simulated WMS, TMS and AR, sending through one {@link StatusMessageSender}; closing closes the sender.
 */
public record StatusEventSources(WarehouseSimulator warehouse, TransportSimulator transport,
                                 ReceivablesSimulator receivables, StatusMessageSender sender)
        implements AutoCloseable {

    public static StatusEventSources over(StatusMessageSender sender) {
        return new StatusEventSources(new WarehouseSimulator(sender), new TransportSimulator(sender),
                new ReceivablesSimulator(sender), sender);
    }

    @Override
    public void close() {
        sender.close();
    }
}
