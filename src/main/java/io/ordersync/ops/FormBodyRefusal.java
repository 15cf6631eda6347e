package io.ordersync.ops;

import io.ordersync.support.ApiProblem;
import io.ordersync.support.Correlation;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses form bodies ({@code application/x-www-form-urlencoded}, curl's default for {@code -d}, and
 * {@code multipart/form-data}) on {@code /api/*} with {@code 415} and a JSON body naming the Content-Type the operation
 * takes, before the body is read. No operation of the API takes a form; left to Camel's HTTP server, a form body would
 * be parsed into message headers named after the body's text (an EDI file or JSON document becoming a header name).
 * Installed on the server's router like {@link ServiceGate}, ahead of the routes and their body handler.
 */
public final class FormBodyRefusal implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FormBodyRefusal.class);

    static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data");

    private static final Pattern SANE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final ApiContract contract;

    FormBodyRefusal(ApiContract contract) {
        this.contract = contract;
    }

    /** Puts the refusal in front of {@code /api/*} of camel-main's HTTP server; call before the context starts. */
    public static void install(CamelContext context, ApiContract contract) {
        EdgeHandlers.add(context, new FormBodyRefusal(contract), "/api/*");
    }

    private static Map<String, Object> answer(String message, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "UNSUPPORTED_MEDIA_TYPE");
        body.put("message", message);
        body.put("correlationId", correlationId);
        body.put("fieldErrors", List.of(Map.of("field", "Content-Type", "message", message)));
        return ApiProblem.body(415, body);
    }

    @Override
    public void handle(RoutingContext routing) {
        String contentType = routing.request().getHeader("Content-Type");
        if (!FORM_TYPES.contains(ApiContract.mediaType(contentType))) {
            routing.next();
            return;
        }
        String method = routing.request().method().name();
        String path = routing.normalizedPath();
        String message = contract.operation(method, path)
                .filter(operation -> operation.bodyTypes() != null)
                .map(operation -> ApiContract.unsupportedMediaType(operation, contentType).getMessage())
                .orElse("Content-Type " + ApiContract.mediaType(contentType) + " is not accepted by " + method + " "
                        + ApiContract.abbreviate(path) + ": the API takes no form bodies");
        String given = routing.request().getHeader(Correlation.HEADER);
        String correlationId = given != null && SANE_CORRELATION_ID.matcher(given).matches() ? given
                : UUID.randomUUID().toString();
        LOG.warn("Refused a form body on {} {} (415)", method, ApiContract.abbreviate(path));
        routing.response().setStatusCode(415)
                .putHeader("Content-Type", "application/json")
                .putHeader(Correlation.HEADER, correlationId)
                // the body is not read: the connection is not reused for a next request
                .putHeader("Connection", "close")
                .end(io.ordersync.support.Json.write(answer(message, correlationId)));
    }
}
