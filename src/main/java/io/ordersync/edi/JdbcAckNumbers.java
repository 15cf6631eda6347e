package io.ordersync.edi;

import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound control numbers from the database: the UPDATE takes the row lock, so concurrent callers (threads or
 * replicas) each get their own number; the first use of a sequence inserts its row (a concurrent first insert
 * loses on the primary key and retries as an update).
 */
class JdbcAckNumbers implements AckNumbers {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcAckNumbers(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public long next(String partner, String kind) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Long value = transactions.execute(tx -> {
                    int updated = jdbc.update("UPDATE edi_control_numbers SET last_value = last_value + 1"
                            + " WHERE partner = ? AND kind = ?", partner, kind);
                    if (updated == 0) {
                        jdbc.update("INSERT INTO edi_control_numbers (partner, kind, last_value) VALUES (?,?,1)",
                                partner, kind);
                        return 1L;
                    }
                    return jdbc.queryForObject("SELECT last_value FROM edi_control_numbers WHERE partner = ?"
                            + " AND kind = ?", Long.class, partner, kind);
                });
                return value;
            } catch (DuplicateKeyException concurrentFirstUse) {
                // another caller created the row first: take the update path
            }
        }
        throw new IllegalStateException("no control number for " + partner + " " + kind);
    }
}
