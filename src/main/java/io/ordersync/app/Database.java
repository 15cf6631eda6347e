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

    public static HikariDataSource pool(String url, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ordersync");
        config.setJdbcUrl(durable(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setConnectionTimeout(10_000);
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

    /** Brings the schema to the newest version; the same migrations serve H2 and PostgreSQL. */
    public static void migrate(DataSource dataSource, String url) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("clob", postgres ? "TEXT" : "CLOB"))
                .javaMigrations(new QuartzJobStoreMigration())
                .load()
                .migrate();
    }
}
