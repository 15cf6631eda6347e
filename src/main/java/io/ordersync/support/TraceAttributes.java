package io.ordersync.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * What a trace says about the business: the order, its legal entity, the channel it came through, the trading partner
 * and the correlation id, as attributes of the span that is current where ordersync learns them: the span of the
 * intake (HTTP request, file, Kafka record) or of the Kafka consumer that runs the step. With tracing off the current
 * span is OpenTelemetry's no-op span, and every call here costs a thread-local read.
 */
public final class TraceAttributes {

    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("ordersync.order.id");
    public static final AttributeKey<String> LEGAL_ENTITY = AttributeKey.stringKey("ordersync.legal_entity");
    public static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("ordersync.channel");
    public static final AttributeKey<String> PARTNER = AttributeKey.stringKey("ordersync.partner");
    public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("ordersync.correlation_id");
    public static final AttributeKey<String> INTERCHANGE = AttributeKey.stringKey("ordersync.edi.interchange");
    /** The event of each order an intake stored, with its id and legal entity. */
    public static final String ORDER_STORED = "ordersync.order.stored";
    /** The event of an acknowledgement written for a partner, on the span of the interchange it acknowledges. */
    public static final String ACKNOWLEDGEMENT_WRITTEN = "ordersync.edi.acknowledgement";
    public static final AttributeKey<String> ACKNOWLEDGEMENT_TYPE = AttributeKey.stringKey("ordersync.edi.ack.type");
    public static final AttributeKey<String> ACKNOWLEDGEMENT_FILE = AttributeKey.stringKey("ordersync.edi.ack.file");

    private TraceAttributes() {
    }

    /** An order as stored or delivered: its id and legal entity (either may be null, e.g. no entity took it). */
    public static void order(String orderId, String legalEntity) {
        Span span = Span.current();
        if (orderId != null) {
            span.setAttribute(ORDER_ID, orderId);
        }
        if (legalEntity != null) {
            span.setAttribute(LEGAL_ENTITY, legalEntity);
        }
    }

    /**
     * An order just stored, and the channel it came through (REST, SOAP, FILE, KAFKA, EDI): attributes of the intake's
     * span, and an event of it, since one intake (an EDI interchange, an order file) may store many orders, whose ids
     * the span's attribute cannot all hold.
     */
    public static void stored(String orderId, String legalEntity, String channel) {
        order(orderId, legalEntity);
        Span span = Span.current();
        if (channel != null) {
            span.setAttribute(CHANNEL, channel);
        }
        span.addEvent(ORDER_STORED, legalEntity == null ? Attributes.of(ORDER_ID, orderId)
                : Attributes.of(ORDER_ID, orderId, LEGAL_ENTITY, legalEntity));
    }

    /**
     * The trading partner and the interchange being read; returns the span they were set on, for the events of the
     * interchange that come later ({@link #acknowledgementWritten}). The orders of an interchange are taken in a
     * split, after which the thread's current span is not reliably the interchange's again.
     */
    public static Span interchange(String partner, String controlNumber) {
        Span span = Span.current();
        span.setAttribute(PARTNER, partner);
        span.setAttribute(INTERCHANGE, controlNumber);
        return span;
    }

    /**
     * The current span as a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), or null when there is
     * none (tracing off): kept with a stored order or event, so that the outbox relay's later publication of it
     * continues this trace. Made from the span's own context, never from a caller's text.
     */
    public static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    public static void correlationId(String id) {
        Span.current().setAttribute(CORRELATION_ID, id);
    }

    /** An acknowledgement (TA1, 997, 999, CONTRL) written into a partner's outbox for the interchange of the span. */
    public static void acknowledgementWritten(Span interchangeSpan, String type, String file) {
        (interchangeSpan == null ? Span.current() : interchangeSpan).addEvent(ACKNOWLEDGEMENT_WRITTEN, Attributes.of(ACKNOWLEDGEMENT_TYPE, type,
                ACKNOWLEDGEMENT_FILE, file));
    }
}
