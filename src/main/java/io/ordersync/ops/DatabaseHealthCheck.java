package io.ordersync.ops;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the database hands out a valid connection. Bounded: the pool's connection timeout (short in the runtime)
 * plus the validation's own limit, so that /observe/health answers DOWN within a couple of seconds when the database
 * is gone instead of hanging as long as a client's request would.
 */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private final int validationTimeoutSeconds;

    public DatabaseHealthCheck(DataSource dataSource, int validationTimeoutSeconds) {
        super("ordersync", "database");
        this.dataSource = dataSource;
        this.validationTimeoutSeconds = validationTimeoutSeconds;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(validationTimeoutSeconds)) {
                builder.detail("database", connection.getMetaData().getDatabaseProductName()).up();
            } else {
                builder.message("database connection is not valid").down();
            }
        } catch (Exception e) {
            builder.message("database unreachable: " + e.getMessage()).down();
        }
    }
}
