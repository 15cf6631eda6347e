package io.ordersync.edi;

import io.ordersync.app.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Interchange control numbers received, for duplicate detection, and the duplicates refused. */
public class EdiInterchangeStore {

    private final JdbcTemplate jdbc;

    public EdiInterchangeStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The earlier interchange with this sender, receiver and control number, if any. */
    public Optional<Long> find(String sender, String receiver, String controlNumber) {
        return jdbc.queryForList("SELECT interchange_id FROM edi_interchanges WHERE sender = ? AND receiver = ?"
                + " AND control_number = ?", Long.class, sender, receiver, controlNumber).stream().findFirst();
    }

    /** Records a processed interchange; false when a concurrent twin got there first. */
    public boolean record(String partner, String standard, String sender, String receiver, String controlNumber,
                          String status, String fileName, int transactions, int orders, Object report) {
        try {
            jdbc.update("INSERT INTO edi_interchanges (partner, standard, sender, receiver, control_number, status,"
                            + " file_name, transactions, orders, received_at, report_json)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    partner, standard, sender, receiver, controlNumber, status, fileName, transactions, orders,
                    Timestamp.from(Instant.now()), Json.write(report));
            return true;
        } catch (DuplicateKeyException twin) {
            return false;
        }
    }

    public void recordDuplicate(long interchangeId, String fileName) {
        jdbc.update("INSERT INTO edi_duplicates (interchange_id, file_name, received_at) VALUES (?,?,?)",
                interchangeId, fileName, Timestamp.from(Instant.now()));
    }

    /** Newest first; {@code duplicatesOnly} lists interchanges that were sent again. */
    public List<Map<String, Object>> list(String partner, String duplicates, int limit) {
        boolean duplicatesOnly = Boolean.parseBoolean(duplicates);
        String sql = "SELECT i.interchange_id, i.partner, i.standard, i.sender, i.receiver, i.control_number,"
                + " i.status, i.file_name, i.transactions, i.orders, i.received_at,"
                + " (SELECT COUNT(*) FROM edi_duplicates d WHERE d.interchange_id = i.interchange_id) AS duplicates"
                + " FROM edi_interchanges i WHERE (? IS NULL OR i.partner = ?)"
                + (duplicatesOnly ? " AND EXISTS (SELECT 1 FROM edi_duplicates d WHERE d.interchange_id"
                + " = i.interchange_id)" : "")
                + " ORDER BY i.interchange_id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY";
        return jdbc.queryForList(sql, partner, partner);
    }
}
