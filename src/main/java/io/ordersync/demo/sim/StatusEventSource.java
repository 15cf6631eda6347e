package io.ordersync.demo.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the simulated source systems that report order milestones (WMS, TMS, AR): each builds messages in its
 * system's own JSON (the format {@code mappings/status-<source>-to-canonical.jslt} reads) and hands them to a
 * {@link StatusMessageSender}. Unlike the ERP and CRM simulators these are not servers: they call ordersync.
 */
public abstract class StatusEventSource {

    /** Decimals are written as they are: {@code 60.00} stays {@code 60.00} (not {@code 6E+1}). */
    protected static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String source;
    private final StatusMessageSender sender;
    private final Clock clock;
    private Instant lastTimestamp = Instant.EPOCH;

    protected StatusEventSource(String source, StatusMessageSender sender, Clock clock) {
        this.source = source;
        this.sender = sender;
        this.clock = clock;
    }

    /** {@code wms}, {@code tms} or {@code ar}: the webhook path segment and topic suffix. */
    public String source() {
        return source;
    }

    /**
     * The time of the next message. Strictly increasing: ordersync orders an order's milestones by when they
     * happened, and two messages stamped in the same millisecond would tie.
     */
    protected synchronized Instant nextTimestamp() {
        Instant now = clock.instant();
        lastTimestamp = now.isAfter(lastTimestamp) ? now : lastTimestamp.plusMillis(1);
        return lastTimestamp;
    }

    protected LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    protected static String newMessageId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** {@code "order": {"entity": ..., "erpOrderNumber": ...}}: how WMS, TMS and AR name an order. */
    protected static void putOrder(ObjectNode message, String legalEntity, String erpOrderNumber) {
        message.putObject("order").put("entity", legalEntity).put("erpOrderNumber", erpOrderNumber);
    }

    /** Lines as WMS messages write them: {@code {"line": 1, "item": "SKU-100", "qty": 5, "uom": "EA"}}. */
    protected static void putLines(ArrayNode array, List<LineQuantity> lines) {
        for (LineQuantity line : lines) {
            ObjectNode node = array.addObject().put("line", line.lineNumber());
            if (line.sku() != null) {
                node.put("item", line.sku());
            }
            node.put("qty", line.quantity());
            if (line.unitOfMeasure() != null) {
                node.put("uom", line.unitOfMeasure());
            }
        }
    }

    /** Delivers the message (throws when ordersync did not take it); {@code what} is for the log. */
    protected void send(String orderReference, ObjectNode message, String what) {
        String text;
        try {
            text = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sender.send(source, orderReference, text);
        log.info("{} sent {} for order {}", source.toUpperCase(java.util.Locale.ROOT), what, orderReference);
    }
}
