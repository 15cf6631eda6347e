package io.ordersync;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.app.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** A real PostgreSQL (zonky embedded binaries) with a clean data directory; close it when done. */
    public static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The server's {@code postgres} database, migrated by Flyway as the runtime does. */
    public static HikariDataSource migratedPostgres(EmbeddedPostgres postgres, int maxPoolSize) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        HikariDataSource dataSource = Database.pool(url, "postgres", "", maxPoolSize);
        Database.migrate(dataSource, url);
        return dataSource;
    }
}
