package io.ordersync;

import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * H2 and a real PostgreSQL for a test class that runs each test on both: an in-memory H2 database and a database of its
 * own on the test JVM's PostgreSQL ({@link TestPostgres}), each created and migrated by Flyway on first use, shared by
 * the class's tests, their pools closed with {@link #close}. Tests keep apart by their own keys.
 */
public final class BothDatabases implements AutoCloseable {

    public static final String H2 = "H2";
    public static final String POSTGRESQL = "PostgreSQL";

    private final String name;
    private final int maxPoolSize;
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

    /** {@code name} tells the H2 database apart; each pool holds up to {@code maxPoolSize} connections. */
    public BothDatabases(String name, int maxPoolSize) {
        this.name = name;
        this.maxPoolSize = maxPoolSize;
    }

    /** The names, for {@code @MethodSource}. */
    public static Stream<String> names() {
        return Stream.of(H2, POSTGRESQL);
    }

    public synchronized HikariDataSource get(String database) {
        return pools.computeIfAbsent(database, db -> switch (db) {
            case H2 -> TestDatabases.migratedH2(name, maxPoolSize);
            case POSTGRESQL -> TestDatabases.migratedPostgres(maxPoolSize);
            default -> throw new IllegalArgumentException("no database " + db);
        });
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
