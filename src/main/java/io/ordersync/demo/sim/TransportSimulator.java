package io.ordersync.demo.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * Simulated transport management system (TMS): reports proof of delivery of a shipment as a {@code DELIVERED}
 * event (see {@code mappings/status-tms-to-canonical.jslt}).
 */
public class TransportSimulator extends StatusEventSource {

    public static final String SOURCE = "tms";

    public TransportSimulator(StatusMessageSender sender) {
        this(sender, Clock.systemUTC());
    }

    public TransportSimulator(StatusMessageSender sender, Clock clock) {
        super(SOURCE, sender, clock);
    }

    /** The shipment was delivered and signed for at the receiving dock; returns the event id. */
    public String deliver(Shipment shipment) {
        return deliver(shipment, "Receiving dock");
    }

    /** The shipment was delivered and signed for by {@code signedBy}; returns the event id. */
    public String deliver(Shipment shipment, String signedBy) {
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", newMessageId("TMS"))
                .put("status", "DELIVERED")
                .put("shipmentNo", shipment.shipmentId());
        putOrder(event, shipment.legalEntity(), shipment.erpOrderNumber());
        event.put("eventTime", nextTimestamp().toString());
        if (signedBy != null) {
            event.put("signedBy", signedBy);
        }
        send(shipment.reference(), event, "DELIVERED of shipment " + shipment.shipmentId());
        return event.path("eventId").asText();
    }
}
