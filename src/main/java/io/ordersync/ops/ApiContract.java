package io.ordersync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;

/**
 * The HTTP API's contract ({@code openapi/ordersync-api.yaml}, the same document the REST routes are built from),
 * enforced on every request before a route reads it: the request body's Content-Type, and the type, enum and range of
 * every path and query parameter. A request that breaks the contract is refused with a 4xx naming what was wrong and
 * what is accepted ({@link RefusedRequest}, answered by {@link ApiErrors}), so no bad input reaches a bean as a
 * conversion failure (which would be answered like a server fault).
 */
public final class ApiContract {

    public static final String RESOURCE = "openapi/ordersync-api.yaml";

    /** A request that breaks the contract: answered with {@link #status()} and {@link #code()}. */
    public static final class RefusedRequest extends RuntimeException {
        private final int status;
        private final String code;
        private final String field;

        RefusedRequest(int status, String code, String field, String message) {
            super(message);
            this.status = status;
            this.code = code;
            this.field = field;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        /** The parameter (or {@code Content-Type}) that was wrong. */
        public String field() {
            return field;
        }
    }

    /** One path, query or header parameter as the contract declares it (maxLength: of a string, or null). */
    public record Parameter(String name, String in, boolean required, String type, List<String> allowed,
                            Long minimum, Long maximum, Integer maxLength) {
    }

    /** One operation: method, path template, parameters, and the media types of its body (null: no body). */
    public record Operation(String operationId, String method, String path, Pattern pathPattern,
                            List<Parameter> parameters, List<String> bodyTypes) {
    }

    private final Map<String, Operation> operations;

    private ApiContract(Map<String, Operation> operations) {
        this.operations = operations;
    }

    /** The contract's text, as on the classpath (GET /api/v1/openapi.yaml): read at its first call, then kept. */
    public static String document() {
        return Document.TEXT;
    }

    /** Holds the text, read when first asked for. */
    private static final class Document {
        static final String TEXT = read();

        private static String read() {
            try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the classpath");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The contract on the classpath: the same text {@link #document()} serves. */
    public static ApiContract load() {
        try {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(document()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiContract parse(JsonNode document) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode operation = method.getValue();
            if (!operation.has("operationId")) {
                return;
            }
            List<Parameter> parameters = new ArrayList<>();
            for (JsonNode parameter : operation.path("parameters")) {
                String in = parameter.path("in").asText();
                JsonNode schema = parameter.path("schema");
                // header parameters ($ref CorrelationId) are replaced when insane, never refused; a header the
                // contract bounds (Idempotency-Key) is checked against its maxLength
                if (!"query".equals(in) && !"path".equals(in) && !("header".equals(in) && schema.has("maxLength"))) {
                    continue;
                }
                List<String> allowed = new ArrayList<>();
                schema.path("enum").forEach(value -> allowed.add(value.asText()));
                parameters.add(new Parameter(parameter.path("name").asText(), in,
                        parameter.path("required").asBoolean(false), schema.path("type").asText("string"),
                        List.copyOf(allowed), schema.has("minimum") ? schema.get("minimum").asLong() : null,
                        schema.has("maximum") ? schema.get("maximum").asLong() : null,
                        schema.has("maxLength") ? schema.get("maxLength").asInt() : null));
            }
            List<String> bodyTypes = null;
            if (operation.has("requestBody")) {
                bodyTypes = new ArrayList<>();
                operation.path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
                bodyTypes = List.copyOf(bodyTypes);
            }
            String template = path.getKey();
            Pattern pattern = Pattern.compile(template.replaceAll("\\{[^/}]+}", "[^/]+"));
            String id = operation.get("operationId").asText();
            operations.put(id, new Operation(id, method.getKey().toUpperCase(Locale.ROOT), template, pattern,
                    List.copyOf(parameters), bodyTypes));
        }));
        return new ApiContract(Map.copyOf(operations));
    }

    public Collection<Operation> operations() {
        return operations.values();
    }

    public Optional<Operation> operation(String operationId) {
        return Optional.ofNullable(operations.get(operationId));
    }

    /** The operation serving an HTTP method and path, when the contract has one. */
    public Optional<Operation> operation(String method, String path) {
        return operations.values().stream()
                .filter(op -> op.method().equalsIgnoreCase(method) && op.pathPattern().matcher(path).matches())
                .findFirst();
    }

    /**
     * Route step (route configuration {@code api}, after authentication): checks the request of the operation the
     * route serves (its {@code direct:<operationId>} endpoint) against the contract. Blank optional query parameters
     * count as absent, and enum values are accepted in any case and handed on in the contract's spelling.
     *
     * @throws RefusedRequest naming the parameter and what it accepts
     */
    public void check(Exchange exchange) {
        // the API routes consume direct:<operationId>; interceptFrom names the intercepted route's endpoint
        String uri = exchange.getProperty(ExchangePropertyKey.INTERCEPTED_ROUTE_ENDPOINT_URI, "", String.class);
        String operationId = uri.substring(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf(':')) + 1);
        Operation operation = operations.get(operationId);
        if (operation == null) {
            return;
        }
        Message message = exchange.getMessage();
        if (operation.bodyTypes() != null) {
            String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
            checkContentType(operation, contentType);
            if (mediaType(contentType).equals("application/json")) {
                // read once here (the route reads the same bytes): encoding, repeated members, control characters
                byte[] body = message.getBody(byte[].class);
                message.setBody(body);
                JsonBodyCheck.check(contentType, body);
            }
        }
        for (Parameter parameter : operation.parameters()) {
            String value = message.getHeader(parameter.name(), String.class);
            if (value == null || value.isBlank()) {
                if (parameter.required()) {
                    throw invalid(parameter, value, "is required");
                }
                message.removeHeader(parameter.name());
                continue;
            }
            message.setHeader(parameter.name(), checked(parameter, value.strip()));
        }
    }

    /** The body's media type must be one the operation declares (parameters such as charset aside). */
    void checkContentType(Operation operation, String contentType) {
        String mediaType = mediaType(contentType);
        for (String accepted : operation.bodyTypes()) {
            if (accepted.equalsIgnoreCase(mediaType)) {
                return;
            }
        }
        throw unsupportedMediaType(operation, contentType);
    }

    /** The answer for a body whose Content-Type the operation does not take. */
    public static RefusedRequest unsupportedMediaType(Operation operation, String contentType) {
        String given = contentType == null || contentType.isBlank() ? "no Content-Type"
                : "Content-Type " + abbreviate(mediaType(contentType));
        return new RefusedRequest(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type", given + " is not accepted by "
                + operation.method() + " " + operation.path() + "; send the body as "
                + String.join(" or ", operation.bodyTypes()));
    }

    /** The media type of a Content-Type header value, lower case, without parameters; "" when there is none. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Object checked(Parameter parameter, String value) {
        if (parameter.maxLength() != null && value.length() > parameter.maxLength()) {
            throw invalid(parameter, value, "must have at most " + parameter.maxLength() + " characters (has "
                    + value.length() + ")");
        }
        switch (parameter.type()) {
            case "integer" -> {
                long number;
                try {
                    number = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw invalid(parameter, value, "must be a whole number" + range(parameter));
                }
                if (parameter.minimum() != null && number < parameter.minimum()
                        || parameter.maximum() != null && number > parameter.maximum()) {
                    throw invalid(parameter, value, "must be" + range(parameter));
                }
                return value;
            }
            case "boolean" -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw invalid(parameter, value, "must be true or false");
                }
                return value.toLowerCase(Locale.ROOT);
            }
            default -> {
                if (parameter.allowed().isEmpty()) {
                    return value;
                }
                for (String allowed : parameter.allowed()) {
                    if (allowed.equalsIgnoreCase(value)) {
                        return allowed;
                    }
                }
                throw invalid(parameter, value, "must be one of " + String.join(", ", parameter.allowed()));
            }
        }
    }

    private static String range(Parameter parameter) {
        if (parameter.minimum() != null && parameter.maximum() != null) {
            return " from " + parameter.minimum() + " to " + parameter.maximum();
        }
        if (parameter.minimum() != null) {
            return " of at least " + parameter.minimum();
        }
        return parameter.maximum() != null ? " of at most " + parameter.maximum() : "";
    }

    private static RefusedRequest invalid(Parameter parameter, String value, String rule) {
        String what = ("path".equals(parameter.in()) ? "path parameter " : "header".equals(parameter.in())
                ? "header " : "query parameter ") + parameter.name();
        String given = value == null || value.isBlank() ? "" : ", not '" + abbreviate(value) + "'";
        return new RefusedRequest(400, "INVALID_PARAMETER", parameter.name(), what + " " + rule + given);
    }

    /** Echoes at most a short, printable prefix of what the caller sent. */
    static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
