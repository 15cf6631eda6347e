package io.ordersync.ops;

import io.ordersync.support.Wiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The HTTP edges every /api and /soap request passes before its route (correlation id, problem answers, the service
 * gate, the OpenAPI contract, request bodies), and the admin console: started before the database, so that a taken
 * admin port fails the start before the other services run.
 */
public class EdgeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        // every /api and /soap request gets its correlation id first, so every answer carries it (the gate's too)
        CorrelationEdge.install(context);
        // every error answer of /api is application/problem+json (RFC 9457), whoever wrote it; before the handlers
        // below, which answer some requests themselves
        ApiProblemEdge.install(context);
        // /api and /soap answer 503 + Retry-After until every route has started (and again while stopping)
        ServiceGate.install(context);
        // the API's OpenAPI contract, enforced on every request (route configuration api); form bodies are refused
        // with 415 before they are read (Camel's HTTP server would turn them into headers)
        ApiContract apiContract = ApiContract.load();
        context.getRegistry().bind("apiContract", apiContract);
        // request bodies: credentials, the path's size limit and the in-flight budget checked before the body is read
        RequestBodyEdge bodyEdge = RequestBodyEdge.installChecks(context, BodyLimits.from(Wiring.settings(context)));
        FormBodyRefusal.install(context, apiContract);
        bodyEdge.installReader();
        context.getRegistry().bind("requestBodyEdge", bodyEdge);
        context.addStartupListener(bodyEdge.meters());

        // first of the services the wiring starts, so that a taken admin port fails the start before the others run
        if (Wiring.flag(context, "ordersync.admin.enabled")) {
            AdminUsers adminUsers = AdminUsers.parse(Wiring.optional(context, "ordersync.admin.users").orElse(""),
                    Wiring.optional(context, "ordersync.admin.roles").orElse(""));
            context.getRegistry().bind("adminUsers", adminUsers);
            String apiHost = Wiring.optional(context, "camel.server.host").filter(h -> !h.isBlank()
                    && !"0.0.0.0".equals(h) && !"::".equals(h)).orElse("127.0.0.1");
            java.net.URI api = java.net.URI.create("http://" + (apiHost.contains(":") ? "[" + apiHost + "]" : apiHost)
                    + ":" + Wiring.port(context, "camel.server.port"));
            AdminConsole adminConsole = AdminConsole.start(Wiring.required(context, "ordersync.admin.host"),
                    Wiring.port(context, "ordersync.admin.port"), adminUsers, () -> api);
            Wiring.closeOnStop(context, adminConsole);
            context.getRegistry().bind("adminConsole", adminConsole);
        }
    }
}
