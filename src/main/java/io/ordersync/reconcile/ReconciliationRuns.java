package io.ordersync.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Every reconciliation run and its findings, in the database (any replica may have run it). */
public class ReconciliationRuns {

    public record Run(long runId, String job, String triggerSource, String status, Instant startedAt,
                      Instant finishedAt, int checked, int mismatches, int healed, String instanceName,
                      String errorMessage) {}

    public record Finding(String kind, String orderId, String subject, String expected, String actual,
                          String message, boolean healed, String healDetail) {}

    private final JdbcTemplate jdbc;

    public ReconciliationRuns(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public long start(String job, String triggerSource, String instanceName, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO reconciliation_runs (job, trigger_source, status, started_at,"
                    + " checked, mismatches, healed, instance_name) VALUES (?,?,'RUNNING',?,0,0,0,?)",
                    new String[] {"run_id"});
            ps.setString(1, job);
            ps.setString(2, triggerSource);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, instanceName);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void addFinding(long runId, Finding finding) {
        jdbc.update("INSERT INTO reconciliation_findings (run_id, kind, order_id, subject, expected, actual, message,"
                        + " healed, heal_detail) VALUES (?,?,?,?,?,?,?,?,?)", runId, finding.kind(), finding.orderId(),
                cut(finding.subject(), 200), cut(finding.expected(), 500), cut(finding.actual(), 500),
                finding.message(), finding.healed(), cut(finding.healDetail(), 500));
    }

    /** Progress of a long run, visible while it runs. */
    public void progress(long runId, int checked, int mismatches, int healed) {
        jdbc.update("UPDATE reconciliation_runs SET checked = ?, mismatches = ?, healed = ? WHERE run_id = ?",
                checked, mismatches, healed, runId);
    }

    public void finish(long runId, String status, int checked, int mismatches, int healed, String error, Instant now) {
        jdbc.update("UPDATE reconciliation_runs SET status = ?, finished_at = ?, checked = ?, mismatches = ?,"
                        + " healed = ?, error_message = ? WHERE run_id = ?", status, Timestamp.from(now), checked,
                mismatches, healed, error, runId);
    }

    /** Newest first; job optional. */
    public List<Run> list(String job, int limit) {
        String where = job == null || job.isBlank() ? "" : " WHERE job = ?";
        Object[] args = job == null || job.isBlank() ? new Object[0] : new Object[] {job};
        return jdbc.query("SELECT * FROM reconciliation_runs" + where + " ORDER BY run_id DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY", ReconciliationRuns::run, args);
    }

    public Optional<Run> find(long runId) {
        return jdbc.query("SELECT * FROM reconciliation_runs WHERE run_id = ?", ReconciliationRuns::run, runId)
                .stream().findFirst();
    }

    public Optional<Run> lastFinished(String job) {
        return jdbc.query("SELECT * FROM reconciliation_runs WHERE job = ? AND finished_at IS NOT NULL"
                + " ORDER BY run_id DESC FETCH FIRST 1 ROWS ONLY", ReconciliationRuns::run, job).stream().findFirst();
    }

    public List<Finding> findings(long runId) {
        return jdbc.query("SELECT * FROM reconciliation_findings WHERE run_id = ? ORDER BY finding_id",
                (rs, n) -> new Finding(rs.getString("kind"), rs.getString("order_id"), rs.getString("subject"),
                        rs.getString("expected"), rs.getString("actual"), rs.getString("message"),
                        rs.getBoolean("healed"), rs.getString("heal_detail")), runId);
    }

    private static Run run(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Run(rs.getLong("run_id"), rs.getString("job"), rs.getString("trigger_source"),
                rs.getString("status"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("checked"), rs.getInt("mismatches"),
                rs.getInt("healed"), rs.getString("instance_name"), rs.getString("error_message"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
