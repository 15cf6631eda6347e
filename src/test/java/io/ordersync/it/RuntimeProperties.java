package io.ordersync.it;

import io.ordersync.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way a runtime-booting test sets the properties the runtime boots with.
 *
 * <p>They are JVM system properties, which take precedence over application.properties in Camel's property
 * resolution, exactly as an operator's {@code -Dname=value} would. They must be set before the runtime starts: in a
 * static initializer of the test class (or of a class it extends), since the test extension boots the runtime before
 * the first test runs. Static initializers run from the base class down ({@link PipelineTestSupport}'s defaults
 * first), so a subclass's setting replaces the base's. They stay set for the life of the JVM, which is why each test
 * class that boots the runtime runs in a JVM of its own (failsafe's {@code reuseForks=false}).
 */
public final class RuntimeProperties {

    private RuntimeProperties() {
    }

    /** Sets the property {@code name} for the runtime under test. */
    public static void set(String name, Object value) {
        System.setProperty(name, String.valueOf(value));
    }

    /** The property as set for the runtime under test, or null. */
    public static String get(String name) {
        return System.getProperty(name);
    }

    /** The property as set for the runtime under test, or {@code otherwise}. */
    public static String get(String name, String otherwise) {
        return System.getProperty(name, otherwise);
    }

    /** Removes the property (the runtime's own default applies again at its next start). */
    public static void clear(String name) {
        System.clearProperty(name);
    }

    /** A new temporary directory, given to the runtime as the property {@code name}. */
    public static Path temporaryDirectory(String name, String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            set(name, directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime's database: the JDBC URL (user and password stay as they are). */
    public static void useDatabase(String jdbcUrl) {
        set("ordersync.db.url", jdbcUrl);
    }

    /** The runtime's database: a database of its own on the test JVM's PostgreSQL. */
    public static void usePostgres(TestPostgres.Database database) {
        useDatabase(database.jdbcUrl());
        set("ordersync.db.user", TestPostgres.USER);
        set("ordersync.db.password", TestPostgres.PASSWORD);
    }

    /**
     * The settings of scenario classes, now: their static initializers run in the order given. A class whose @Nested
     * scenario groups share its runtime calls this in its own static initializer, since a nested group's class is
     * otherwise initialized only when its first test runs, after the runtime booted.
     */
    public static void settingsOf(Class<?>... scenarioClasses) {
        for (Class<?> scenarios : scenarioClasses) {
            try {
                Class.forName(scenarios.getName(), true, scenarios.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Camel stops each Kafka consumer only after its current poll (default 5 s); this keeps the shutdown short. */
    public static void shortKafkaPolls() {
        set("camel.component.kafka.pollTimeoutMs", 500);
    }

    /** The Hawtio admin console does not start: for tests it plays no part in, since it takes seconds to boot. */
    public static void withoutAdminConsole() {
        set("ordersync.admin.enabled", false);
    }

    /**
     * Roles of the test callers: the CRM key ({@link PipelineTestSupport#API_KEY}) has every role, as partner of the
     * partners given (a role naming a partner that is not configured stops startup); support is an operator who also
     * submits SOAP orders (the SOAP scenarios show Basic credentials on the SOAP service).
     */
    public static void useTestRoles(String... partners) {
        StringBuilder crm = new StringBuilder("crm=submitter:orders,submitter:soap,submitter:quotes,operator,"
                + "status-source:erp,status-source:wms,status-source:tms,status-source:ar");
        for (String partner : partners) {
            crm.append(",partner:").append(partner);
        }
        set("ordersync.api.roles", crm + ";support=operator,submitter:soap" + ";shop=submitter:orders,submitter:soap");
    }
}
