package io.ordersync.app;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.ops.DatabaseHealthCheck;
import io.ordersync.support.Json;
import io.ordersync.support.Wiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: the connection pool (closed when Camel stops, after everything registered later), the Flyway
 * migration before any bean uses it, and its health check; plus the JSON mapper the routes use.
 */
public class DatabaseConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        String url = Wiring.required(context, "ordersync.db.url");
        HikariDataSource dataSource = Database.pool(url, Wiring.optional(context, "ordersync.db.user").orElse(null),
                Wiring.optional(context, "ordersync.db.password").orElse(null),
                Integer.parseInt(Wiring.optional(context, "ordersync.db.pool-size").orElse("10")),
                Long.parseLong(Wiring.optional(context, "ordersync.db.connection-timeout-ms").orElse("500")));
        Wiring.closeOnStop(context, dataSource);
        Database.migrate(dataSource, url);
        LOG.info("Database {} migrated", url.replaceAll("password=[^;&]*", "password=***"));
        context.getRegistry().bind("dataSource", dataSource);
        // a copy: camel-jslt switches features on the mapper it is given
        context.getRegistry().bind("jsonMapper", Json.mapper().copy());
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DatabaseHealthCheck(dataSource, 1));
        }
    }
}
