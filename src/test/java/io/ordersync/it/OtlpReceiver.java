package io.ordersync.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test JVM, as a collector (Jaeger, Tempo, the OpenTelemetry Collector) is one:
 * {@code POST /v1/traces} with a protobuf {@code ExportTraceServiceRequest}. It keeps every span it is sent, so a
 * test sees what the runtime's real exporter delivered over the wire, not what the tracer meant to send.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span as received: ids in lower-case hex, parent empty for a root; attributes and events as text. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                        Map<String, String> attributes, List<Event> events) {

        String attribute(String key) {
            return attributes.get(key);
        }
    }

    record Event(String name, Map<String, String> attributes) {}

    private static OtlpReceiver shared;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean keeping;

    private OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::receive);
        server.start();
    }

    /** The receiver of this JVM, started at the first call (before the runtime boots, from a static initializer). */
    static synchronized OtlpReceiver shared() {
        if (shared == null) {
            shared = new OtlpReceiver();
        }
        return shared;
    }

    /** The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * From now on the spans received are kept; before, they are only counted. A runtime shared with other scenario
     * groups sends spans of everything they do, which the tests of tracing do not look at.
     */
    void keepFromNowOn() {
        keeping = true;
    }

    /** Every span received, kept or not. */
    long received() {
        return received.get();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Requests that were not OTLP trace exports (wrong path, method or body): none is expected. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())) {
                refusals.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                refusals.add("unreadable export: " + e.getMessage());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = attributes(resourceSpans.getResource()).get("service.name");
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                        received.incrementAndGet();
                        if (!keeping) {
                            continue;
                        }
                        List<Event> events = new ArrayList<>();
                        span.getEventsList().forEach(event -> events.add(
                                new Event(event.getName(), text(event.getAttributesList()))));
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                                hex(span.getParentSpanId()), span.getName(), span.getKind().name(),
                                text(span.getAttributesList()), events));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static Map<String, String> attributes(Resource resource) {
        return text(resource.getAttributesList());
    }

    private static Map<String, String> text(List<KeyValue> keyValues) {
        Map<String, String> text = new LinkedHashMap<>();
        keyValues.forEach(keyValue -> text.put(keyValue.getKey(), text(keyValue.getValue())));
        return text;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
