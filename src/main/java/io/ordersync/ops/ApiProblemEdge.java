package io.ordersync.ops;

import io.ordersync.support.ApiProblem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge half of {@link ApiProblem}: a Vert.x handler in front of {@code /api/*} that gives every answer with
 * an error status and a JSON body the content type {@code application/problem+json} ({@link ApiProblem#contentType}),
 * whichever route, bean or edge handler wrote it. Kept apart from {@link ApiProblem} so that the problem bodies,
 * which every capability writes, do not pull Vert.x web into the helpers below them.
 */
public final class ApiProblemEdge implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblemEdge.class);

    private ApiProblemEdge() {
    }

    /**
     * Puts the content-type rule in front of {@code /api/*} of camel-main's HTTP server; call before the context
     * starts, before the edge handlers that answer themselves (gate, body checks), so their answers pass it too.
     */
    public static void install(CamelContext context) {
        if (!EdgeHandlers.add(context, new ApiProblemEdge(), "/api/*")) {
            LOG.debug("No main HTTP server: no problem content type");
        }
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerResponse response = routing.response();
        routing.addHeadersEndHandler(ignored -> {
            String given = response.headers().get("Content-Type");
            String problem = ApiProblem.contentType(response.getStatusCode(), given);
            if (problem != null && !problem.equals(given)) {
                response.putHeader("Content-Type", problem);
            }
        });
        routing.next();
    }
}
