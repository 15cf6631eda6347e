package io.ordersync.demo.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated warehouse management system (WMS): reports allocations, backorders and shipments of an ERP order as
 * {@code ALLOCATION}, {@code BACKORDER} and {@code SHIPMENT} messages (see {@code mappings/status-wms-to-canonical.jslt}).
 * <pre>
 * warehouse.allocate(order);
 * warehouse.backorder(order, List.of(order.line(2).all()), LocalDate.parse("2026-12-20"));
 * Shipment first = warehouse.ship(order, "SHP-1", Carton.of("1Z0001", order.line(1).all()));
 * </pre>
 */
public class WarehouseSimulator extends StatusEventSource {

    public static final String SOURCE = "wms";
    /** GS1's example company prefix (0614141): the SSCCs are well-formed but belong to nobody. */
    private static final String SSCC_COMPANY_PREFIX = "00614141";

    private final String warehouse;
    private final String carrierScac;
    private final String serviceLevel;
    // seeded from the clock so that a restarted demo labels new cartons
    private final AtomicLong ssccSerial;

    public WarehouseSimulator(StatusMessageSender sender) {
        this(sender, Clock.systemUTC(), "DAL1", "UPSN", "GROUND");
    }

    /**
     * @param warehouse    the shipping warehouse's code
     * @param carrierScac  the carrier used unless a shipment names another
     * @param serviceLevel the carrier's service used unless a shipment names another
     */
    public WarehouseSimulator(StatusMessageSender sender, Clock clock, String warehouse, String carrierScac,
                              String serviceLevel) {
        super(SOURCE, sender, clock);
        this.warehouse = warehouse;
        this.carrierScac = carrierScac;
        this.serviceLevel = serviceLevel;
        this.ssccSerial = new AtomicLong(clock.millis() / 1000 % 1_000_000_000L);
    }

    /** Everything on the order is allocated; returns the message id. */
    public String allocate(FulfilmentOrder order) {
        return allocate(order, order.allLines());
    }

    /** These quantities are allocated; returns the message id. */
    public String allocate(FulfilmentOrder order, List<LineQuantity> lines) {
        ObjectNode message = lineMessage(order, "ALLOCATION", lines);
        send(order.reference(), message, "ALLOCATION of " + describe(lines));
        return message.path("messageId").asText();
    }

    /** These quantities are not in stock and are expected on the given date; returns the message id. */
    public String backorder(FulfilmentOrder order, List<LineQuantity> lines, LocalDate expectedDate) {
        ObjectNode message = lineMessage(order, "BACKORDER", lines);
        message.put("expectedDate", expectedDate.toString());
        send(order.reference(), message, "BACKORDER of " + describe(lines) + " expected " + expectedDate);
        return message.path("messageId").asText();
    }

    /**
     * The cartons left the warehouse with the default carrier and service, tracked under the first carton's number,
     * expected three days later.
     */
    public Shipment ship(FulfilmentOrder order, String shipmentId, Carton... cartons) {
        String tracking = Arrays.stream(cartons).map(Carton::trackingNumber).filter(t -> t != null).findFirst()
                .orElse(null);
        return ship(order, shipmentId, carrierScac, serviceLevel, tracking, today().plusDays(3), List.of(cartons));
    }

    /** The cartons left the warehouse; returns the shipment, for the transport system to deliver. */
    public Shipment ship(FulfilmentOrder order, String shipmentId, String carrier, String service,
                         String trackingNumber, LocalDate expectedDelivery, List<Carton> cartons) {
        List<Carton> labelled = new ArrayList<>();
        for (Carton carton : cartons) {
            labelled.add(carton.sscc() == null ? carton.withSscc(nextSscc()) : carton);
        }
        ObjectNode message = JSON.createObjectNode()
                .put("messageId", newMessageId("WMS"))
                .put("messageType", "SHIPMENT")
                .put("timestamp", nextTimestamp().toString())
                .put("warehouse", warehouse);
        putOrder(message, order.legalEntity(), order.erpOrderNumber());
        ObjectNode shipment = message.putObject("shipment").put("shipmentNo", shipmentId).put("carrierScac", carrier)
                .put("service", service);
        if (trackingNumber != null) {
            shipment.put("proNumber", trackingNumber);
        }
        if (expectedDelivery != null) {
            shipment.put("expectedDelivery", expectedDelivery.toString());
        }
        ArrayNode cartonArray = shipment.putArray("cartons");
        for (Carton carton : labelled) {
            ObjectNode node = cartonArray.addObject().put("sscc", carton.sscc());
            if (carton.trackingNumber() != null) {
                node.put("tracking", carton.trackingNumber());
            }
            if (carton.weightKg() != null) {
                node.put("weightKg", carton.weightKg());
            }
            putLines(node.putArray("contents"), carton.contents());
        }
        send(order.reference(), message, "SHIPMENT " + shipmentId + " (" + labelled.size() + " carton(s): "
                + describe(labelled.stream().flatMap(c -> c.contents().stream()).toList()) + ")");
        return new Shipment(shipmentId, order.legalEntity(), order.erpOrderNumber(), carrier, trackingNumber, labelled);
    }

    private ObjectNode lineMessage(FulfilmentOrder order, String type, List<LineQuantity> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(type + " needs at least one line");
        }
        ObjectNode message = JSON.createObjectNode()
                .put("messageId", newMessageId("WMS"))
                .put("messageType", type)
                .put("timestamp", nextTimestamp().toString())
                .put("warehouse", warehouse);
        putOrder(message, order.legalEntity(), order.erpOrderNumber());
        putLines(message.putArray("lines"), lines);
        return message;
    }

    /** An SSCC-18: extension digit and company prefix, serial, GS1 mod-10 check digit. */
    String nextSscc() {
        String body = SSCC_COMPANY_PREFIX + String.format("%09d", ssccSerial.incrementAndGet() % 1_000_000_000L);
        return body + gs1CheckDigit(body);
    }

    static int gs1CheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }

    private static String describe(List<LineQuantity> lines) {
        return String.join(", ", lines.stream().map(l -> "line " + l.lineNumber() + " "
                + l.quantity().stripTrailingZeros().toPlainString() + (l.unitOfMeasure() == null ? "" : " "
                + l.unitOfMeasure())).toList());
    }
}
