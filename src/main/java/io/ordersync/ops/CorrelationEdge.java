package io.ordersync.ops;

import io.ordersync.support.Correlation;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every {@code /api} and {@code /soap} request its correlation id where it arrives, before any route or the
 * {@link ServiceGate}: the caller's {@code X-Correlation-Id} when it is a sane token, else a new one, written back
 * into the request so that the route adopts the same id ({@link Correlation#assign}), and put on the answer when
 * nothing else did - so that every answer carries it, also the REST API's own 404/405, the gate's 503 and answers of
 * routes that never look at the id.
 * <p>
 * Installed like the gate, through the main HTTP server's authentication hook, the one place where camel-main adds
 * handlers of ours to the router before the routes' own; installed first, it runs before the gate.
 */
public final class CorrelationEdge implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CorrelationEdge.class);

    /** Paths of the API and the SOAP service. */
    static final String[] PATHS = {"/api/*", "/soap/*"};

    private CorrelationEdge() {
    }

    /** Puts the handler in front of the API paths of camel-main's HTTP server; call before the context starts. */
    public static void install(CamelContext context) {
        if (!EdgeHandlers.add(context, new CorrelationEdge(), PATHS)) {
            LOG.debug("No main HTTP server: no correlation edge");
        }
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String given = request.getHeader(Correlation.HEADER);
        String id = Correlation.isSane(given) ? given : UUID.randomUUID().toString();
        request.headers().set(Correlation.HEADER, id);
        HttpServerResponse response = routing.response();
        routing.addHeadersEndHandler(ignored -> {
            if (!response.headers().contains(Correlation.HEADER)) {
                response.putHeader(Correlation.HEADER, id);
            }
        });
        routing.next();
    }
}
