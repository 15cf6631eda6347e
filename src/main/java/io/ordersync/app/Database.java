package io.ordersync.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool and the schema: H2 file database by default, PostgreSQL by URL. Flyway owns the schema. */
public final class Database {

    private Database() {
    }

    /** A pool that waits up to 10 s for a connection (tools and tests; the runtime sets its own wait). */
    public static HikariDataSource pool(String url, String user, String password, int maxPoolSize) {
        return pool(url, user, password, maxPoolSize, 10_000);
    }

    /**
     * A pool that waits at most {@code connectionTimeoutMs} for a connection. The runtime keeps this short: with the
     * database down every request would otherwise hold its caller this long before the 503 (and health checks too).
     * A connection's aliveness check (before it is handed out) gets half of it, at least Hikari's minimum 250 ms.
     */
    public static HikariDataSource pool(String url, String user, String password, int maxPoolSize,
                                        long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ordersync");
        config.setJdbcUrl(shortLobReferences(durable(url)));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setValidationTimeout(Math.max(250, connectionTimeoutMs / 2));
        return new HikariDataSource(config);
    }

    /**
     * An H2 file URL that writes each commit to its file before the commit returns: {@code WRITE_DELAY=0} is added
     * unless the URL sets a write delay itself (H2's default, 500 ms, loses the last commits on a crash). Other URLs
     * are returned as they are.
     */
    static String durable(String url) {
        boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        if (!h2File || url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    /**
     * An H2 URL with {@code LOB_TIMEOUT=}{@value #H2_LOB_TIMEOUT_MS} unless it sets one itself. H2 keeps a reference to
     * every large text value a query returned (canonical orders, journal payloads: CLOB columns) for that long, so that
     * a caller may still read it; by default for five minutes, which under load held about 270,000 such references
     * (some 30 MB of live heap, measured with the load harness). ordersync reads each value into a String within the
     * statement that returned it. Other URLs are returned as they are.
     */
    static String shortLobReferences(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains(";LOB_TIMEOUT=")) {
            return url;
        }
        return url + ";LOB_TIMEOUT=" + H2_LOB_TIMEOUT_MS;
    }

    /** How long H2 keeps a returned large value readable (see {@link #shortLobReferences}). */
    static final int H2_LOB_TIMEOUT_MS = 30_000;

    /** Brings the schema to the newest version; the same migrations serve H2 and PostgreSQL. */
    public static void migrate(DataSource dataSource, String url) {
        migrate(dataSource, url, "latest");
    }

    /** Brings the schema up to the version {@code target} ("latest": the newest); tests of a migration stop before it. */
    static void migrate(DataSource dataSource, String url, String target) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // stored: what PostgreSQL needs after a generated column's expression (H2 stores them anyway)
                .placeholders(Map.of("clob", postgres ? "TEXT" : "CLOB", "stored", postgres ? "STORED" : ""))
                .javaMigrations(new QuartzJobStoreMigration(), new OrderPurchaseOrderBackfill())
                .target(target)
                .load()
                .migrate();
    }
}
