package io.ordersync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ordersync.support.Correlation;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The header allow-lists of the HTTP edge (every {@code platform-http} route: the contract-first REST API, SOAP and
 * the EDI upload), set for the whole component ({@code camel.component.platform-http.headerFilterStrategy}), so no
 * route can forget it.
 * <p>
 * <b>In</b>: a caller's request header or query parameter becomes a message header only when ordersync reads it:
 * the request headers of {@link #REQUEST_HEADERS}, taken from the request's headers only, and the query parameters
 * the OpenAPI contract declares for the operation asked for ({@code openapi/ordersync-api.yaml}), taken from the
 * query only. Everything else is dropped before any route sees it: nothing a caller sends can become a control
 * header of a component further on ({@code kafka.OVERRIDE_TOPIC}, {@code kafka.PARTITION_KEY}, {@code kafka.KEY},
 * {@code Camel*}, ...). Path parameters are not headers of the request: the REST API sets them from the contract's
 * path template.
 * <p>
 * <b>Out</b>: only the response headers ordersync sets ({@link #RESPONSE_HEADERS}) leave as HTTP headers; the
 * message's other headers (what a caller sent, parameters, internal headers such as {@code kafka.KEY}) stay inside.
 */
public class HttpEdgeHeaders implements HeaderFilterStrategy {

    /** Request headers ordersync reads from callers. */
    public static final Set<String> REQUEST_HEADERS = caseInsensitive("Content-Type", "Content-Length", "Accept",
            "Authorization", "X-API-Key", AdminUsers.CONSOLE_HEADER, "Idempotency-Key", Correlation.HEADER,
            "SOAPAction", "traceparent", "tracestate");

    /** Response headers ordersync sets (Content-Length is written by the HTTP server itself). */
    public static final Set<String> RESPONSE_HEADERS = caseInsensitive("Content-Type", Correlation.HEADER,
            "Retry-After", "WWW-Authenticate", "Location", "Allow");

    static final String CONTRACT = "openapi/ordersync-api.yaml";

    private final List<Operation> operations;

    public HttpEdgeHeaders() {
        this(CONTRACT);
    }

    HttpEdgeHeaders(String contractResource) {
        this.operations = readOperations(contractResource);
    }

    /** true: the message header does not become a response header. */
    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(headerName);
    }

    /** true: the request header or query parameter does not become a message header. */
    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        HttpServerRequest request = exchange != null && exchange.getMessage() instanceof HttpMessage http
                ? http.getRequest() : null;
        if (request == null || headerName == null) {
            return true;
        }
        String value = headerValue == null ? null : headerValue.toString();
        if (REQUEST_HEADERS.contains(headerName)) {
            // the same name in the query (e.g. ?X-API-Key=...) does not count as the header
            return !request.headers().getAll(headerName).contains(value);
        }
        if (queryParameters(request.method().name(), request.path()).contains(headerName)) {
            return !request.params().getAll(headerName).contains(value);
        }
        return true;
    }

    /** The query parameters the contract declares for this method and path (none for paths outside it). */
    Set<String> queryParameters(String method, String path) {
        if (path == null) {
            return Set.of();
        }
        for (Operation operation : operations) {
            if (operation.method().equalsIgnoreCase(method) && operation.path().matcher(path).matches()) {
                return operation.queryParameters();
            }
        }
        return Set.of();
    }

    private record Operation(String method, Pattern path, Set<String> queryParameters) {
    }

    private static List<Operation> readOperations(String resource) {
        JsonNode contract;
        try (InputStream in = HttpEdgeHeaders.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the API contract " + resource + " is not on the classpath");
            }
            contract = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API contract " + resource, e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern template = template(path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace")
                        .contains(method.getKey())) {
                    continue;
                }
                Set<String> query = new TreeSet<>();
                collectQuery(contract, path.getValue().path("parameters"), query);
                collectQuery(contract, method.getValue().path("parameters"), query);
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), template,
                        Collections.unmodifiableSet(query)));
            }
        }
        // literal paths before templates (/runs/latest before /runs/{id}), as the REST API matches them
        operations.sort((a, b) -> Long.compare(a.path().pattern().chars().filter(c -> c == '[').count(),
                b.path().pattern().chars().filter(c -> c == '[').count()));
        return List.copyOf(operations);
    }

    private static void collectQuery(JsonNode contract, JsonNode parameters, Set<String> query) {
        for (JsonNode parameter : parameters) {
            JsonNode resolved = parameter;
            String ref = parameter.path("$ref").asText("");
            if (ref.startsWith("#/")) {
                resolved = contract.at(ref.substring(1));
            }
            if ("query".equals(resolved.path("in").asText())) {
                query.add(resolved.path("name").asText());
            }
        }
    }

    /** {@code /api/v1/orders/{orderId}} as a pattern of whole paths, a parameter being one path segment. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
