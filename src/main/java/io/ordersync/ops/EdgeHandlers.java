package io.ordersync.ops;

import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * Puts a Vert.x handler in front of paths of camel-main's HTTP server, before the routes and before Camel's body
 * handler reads anything. Camel offers no other hook there than its authentication entries, so the edge handlers
 * (correlation id, start/stop gate, body checks, form refusal) are registered as such; they run in the order they
 * are added.
 */
final class EdgeHandlers {

    private EdgeHandlers() {
    }

    /**
     * Adds the handler for each path; call before the context starts.
     *
     * @return false when the context has no main HTTP server (nothing added)
     */
    static boolean add(CamelContext context, AuthenticationHandler handler, String... paths) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            return false;
        }
        VertxPlatformHttpServerConfiguration configuration = server.getConfiguration();
        AuthenticationConfig authentication = configuration.getAuthenticationConfig();
        if (authentication == null) {
            authentication = new AuthenticationConfig();
            configuration.setAuthenticationConfig(authentication);
        }
        for (String path : paths) {
            AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
            entry.setPath(path);
            entry.setAuthenticationProviderFactory(vertx -> null);
            entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
                @Override
                public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> AuthenticationHandler
                        createAuthenticationHandler(T provider) {
                    return handler;
                }
            });
            authentication.getEntries().add(entry);
        }
        authentication.setEnabled(true);
        return true;
    }
}
