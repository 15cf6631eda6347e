package io.ordersync;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.app.Database;
import java.util.UUID;

/** Databases for tests that need one of their own. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new in-memory H2 database ({@code name} plus a random suffix), migrated by Flyway as the runtime does. */
    public static HikariDataSource migratedH2(String name, int maxPoolSize) {
        String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        HikariDataSource dataSource = Database.pool(url, "sa", "", maxPoolSize);
        Database.migrate(dataSource, url);
        return dataSource;
    }

    /**
     * A new database on the test JVM's PostgreSQL ({@link TestPostgres}), migrated by Flyway as the runtime does; it
     * lives as long as the server, i.e. until the JVM exits.
     */
    public static HikariDataSource migratedPostgres(int maxPoolSize) {
        String url = TestPostgres.newDatabase().jdbcUrl();
        HikariDataSource dataSource = Database.pool(url, TestPostgres.USER, TestPostgres.PASSWORD, maxPoolSize);
        Database.migrate(dataSource, url);
        return dataSource;
    }
}
