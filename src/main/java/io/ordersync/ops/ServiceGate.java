package io.ordersync.ops;

import io.ordersync.support.ApiProblem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /api/*} and {@code /soap/*} with {@code 503}, {@code Retry-After} and a JSON body while the runtime
 * is not started: Camel's HTTP server listens before the routes behind it exist, so during each start (about two
 * seconds) it would answer 404 with an HTML page, which a client may take as final and drop its order. The same
 * applies while the runtime stops. {@code /observe} stays open, so liveness and readiness can be asked meanwhile.
 * <p>
 * Why a gate rather than opening the port only once the routes run: the platform-http routes attach themselves to
 * the server's router when they start, so the router (created with the server) must exist first; and a port that is
 * open from the start lets {@code /observe/health/live} answer during a long start. The gate is put on the router
 * through the server's authentication hook, the one place where Camel's main HTTP server adds handlers of ours to its
 * router before it opens the port; it lets every request through once the runtime has started.
 */
public final class ServiceGate implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceGate.class);

    /** Paths whose routes start with the runtime. */
    static final String[] GATED_PATHS = {"/api/*", "/soap/*"};

    /** Seconds a client is asked to wait; a start takes a few. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final CamelContext context;

    ServiceGate(CamelContext context) {
        this.context = context;
    }

    /** Puts the gate in front of the API paths of camel-main's HTTP server; call before the context starts. */
    public static void install(CamelContext context) {
        if (!EdgeHandlers.add(context, new ServiceGate(context), GATED_PATHS)) {
            LOG.debug("No main HTTP server: nothing to gate");
        }
    }

    @Override
    public void handle(RoutingContext routing) {
        if (context.isStarted()) {
            routing.next();
            return;
        }
        String state = context.isStopping() || context.isStopped() ? "stopping" : "starting";
        HttpServerResponse response = routing.response();
        response.setStatusCode(503)
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader("Content-Type", ApiProblem.CONTENT_TYPE)
                .end(io.ordersync.support.Json.write(ApiProblem.body(503, "TEMPORARILY_UNAVAILABLE", "ordersync is "
                        + state + "; nothing was accepted, retry in " + RETRY_AFTER_SECONDS + " s")));
    }
}
