package io.ordersync.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's JDBC job store tables (QRTZ_*), from the DDL scripts the Quartz jar ships for H2 and PostgreSQL, so the
 * tables always match the Quartz version on the classpath and Flyway still owns the schema.
 */
public class QuartzJobStoreMigration implements JavaMigration {

    @Override
    public org.flywaydb.core.api.MigrationVersion getVersion() {
        return org.flywaydb.core.api.MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "quartz job store";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase();
        String script = product.contains("postgres") ? "tables_postgres.sql" : "tables_h2.sql";
        for (String statement : statements(script)) {
            try (Statement sql = context.getConnection().createStatement()) {
                sql.execute(statement);
            }
        }
    }

    /** The script's CREATE statements; its DROPs (a fresh schema has nothing to drop) and COMMIT are Flyway's job. */
    static java.util.List<String> statements(String script) throws IOException {
        try (InputStream in = QuartzJobStoreMigration.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Quartz DDL " + script + " is not on the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            java.util.List<String> statements = new java.util.ArrayList<>();
            for (String statement : text.split(";")) {
                String trimmed = statement.strip();
                String upper = trimmed.toUpperCase();
                if (!trimmed.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                    statements.add(trimmed);
                }
            }
            return statements;
        }
    }
}
