package io.ordersync.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Every reconciliation run and its findings, in the database (any replica may have run it). A run is RUNNING from its
 * start, with its progress (items checked of {@code toCheck}, mismatches and healed so far) written while it runs,
 * until it is COMPLETED or FAILED - or ABANDONED, when the process running it died (see {@link #abandonDead}). Only one
 * run of a job is RUNNING at a time (the unique {@code running_job} of V20).
 */
public class ReconciliationRuns {

    /**
     * A RUNNING run whose progress was not written for this long has lost its process: a live run writes its progress
     * at least once a second while items go through (see Reconciliation's Tally), and one item - a CRM or ERP read
     * with its response timeout, a re-publication - takes far less.
     */
    public static final Duration DEAD_AFTER = Duration.ofMinutes(5);
    private static final Instant JVM_STARTED = Instant.ofEpochMilli(
            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

    public record Run(long runId, String job, String triggerSource, String status, Instant startedAt,
                      Instant finishedAt, int checked, Integer toCheck, int mismatches, int healed,
                      Instant progressAt, String instanceName, String errorMessage) {}

    /** A run of the job is RUNNING already: a second one is not started. */
    public static class AlreadyRunningException extends RuntimeException {
        private final long runId;

        public AlreadyRunningException(String job, long runId) {
            super("reconciliation job " + job + " is running already (run " + runId + ")");
            this.runId = runId;
        }

        public long runId() {
            return runId;
        }
    }

    public record Finding(String kind, String orderId, String subject, String expected, String actual,
                          String message, boolean healed, String healDetail) {}

    private final JdbcTemplate jdbc;

    public ReconciliationRuns(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records a RUNNING run of the job.
     *
     * @throws AlreadyRunningException when a run of the job is RUNNING (on any replica)
     */
    public long start(String job, String triggerSource, String instanceName, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO reconciliation_runs (job, trigger_source, status,"
                        + " started_at, checked, mismatches, healed, instance_name, progress_at, running_job)"
                        + " VALUES (?,?,'RUNNING',?,0,0,0,?,?,?)", new String[] {"run_id"});
                ps.setString(1, job);
                ps.setString(2, triggerSource);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, instanceName);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setString(6, job);
                return ps;
            }, keys);
        } catch (DuplicateKeyException running) {
            Long runId = jdbc.query("SELECT run_id FROM reconciliation_runs WHERE running_job = ?",
                    (rs, n) -> rs.getLong(1), job).stream().findFirst().orElse(-1L);
            throw new AlreadyRunningException(job, runId);
        }
        return keys.getKey().longValue();
    }

    /** The number of items the run's check goes through, once the check has listed them. */
    public void toCheck(long runId, int items, Instant now) {
        jdbc.update("UPDATE reconciliation_runs SET to_check = ?, progress_at = ? WHERE run_id = ?", items,
                Timestamp.from(now), runId);
    }

    /**
     * Marks ABANDONED the RUNNING runs whose process died: those of another process of this host ({@code host:pid})
     * no longer alive, and those of any other process whose progress was not written for {@link #DEAD_AFTER}; never
     * one of this JVM. Called
     * when the runtime starts (a run killed with its JVM then shows ABANDONED at once after a restart) and before
     * every start of a run (a replica that never comes back blocks its job for {@link #DEAD_AFTER} at most). Simple
     * on purpose: no lease or cluster membership, the run's own progress is its sign of life.
     *
     * @return the runs marked
     */
    public int abandonDead(String host, Instant now) {
        int marked = 0;
        for (Run run : jdbc.query("SELECT * FROM reconciliation_runs WHERE status = 'RUNNING'",
                ReconciliationRuns::run)) {
            Instant lastSign = run.progressAt() == null ? run.startedAt() : run.progressAt();
            // a run of this JVM is alive; of another process of this host, whether that process lives is known (a
            // pid alive after a restart may be another process's: the staleness rule still applies); of another
            // host, only its progress tells
            boolean dead = !thisJvm(run, host) && (processGone(run.instanceName(), host)
                    || lastSign.isBefore(now.minus(DEAD_AFTER)));
            if (dead) {
                marked += jdbc.update("UPDATE reconciliation_runs SET status = 'ABANDONED', finished_at = ?,"
                        + " running_job = NULL, error_message = ? WHERE run_id = ? AND status = 'RUNNING'",
                        Timestamp.from(now), "the process running it (" + run.instanceName() + ") stopped before it"
                                + " finished; last progress at " + lastSign, run.runId());
            }
        }
        return marked;
    }

    /** Recorded by this very JVM: this host and pid, and not before this JVM started (a pid is reused). */
    private static boolean thisJvm(Run run, String host) {
        return (host + ":" + ProcessHandle.current().pid()).equals(run.instanceName())
                && !run.startedAt().isBefore(JVM_STARTED);
    }

    /** Recorded by another process of this host ({@code host:pid}) that is no longer alive. */
    private static boolean processGone(String instanceName, String host) {
        if (instanceName == null || !instanceName.startsWith(host + ":")) {
            return false;
        }
        try {
            long pid = Long.parseLong(instanceName.substring(host.length() + 1));
            // this pid but not this JVM: an earlier process that had the same pid (a container's pid 1)
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException notOurs) {
            return false;
        }
    }

    public void addFinding(long runId, Finding finding) {
        jdbc.update("INSERT INTO reconciliation_findings (run_id, kind, order_id, subject, expected, actual, message,"
                        + " healed, heal_detail) VALUES (?,?,?,?,?,?,?,?,?)", runId, finding.kind(), finding.orderId(),
                cut(finding.subject(), 200), cut(finding.expected(), 500), cut(finding.actual(), 500),
                finding.message(), finding.healed(), cut(finding.healDetail(), 500));
    }

    /** Progress of a long run, visible while it runs. */
    public void progress(long runId, int checked, int mismatches, int healed, Instant now) {
        jdbc.update("UPDATE reconciliation_runs SET checked = ?, mismatches = ?, healed = ?, progress_at = ?"
                + " WHERE run_id = ?", checked, mismatches, healed, Timestamp.from(now), runId);
    }

    public void finish(long runId, String status, int checked, int mismatches, int healed, String error, Instant now) {
        jdbc.update("UPDATE reconciliation_runs SET status = ?, finished_at = ?, checked = ?, mismatches = ?,"
                        + " healed = ?, error_message = ?, progress_at = ?, running_job = NULL WHERE run_id = ?",
                status, Timestamp.from(now), checked, mismatches, healed, error, Timestamp.from(now), runId);
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
        Timestamp progressAt = rs.getTimestamp("progress_at");
        int toCheck = rs.getInt("to_check");
        return new Run(rs.getLong("run_id"), rs.getString("job"), rs.getString("trigger_source"),
                rs.getString("status"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("checked"),
                rs.wasNull() ? null : toCheck, rs.getInt("mismatches"), rs.getInt("healed"),
                progressAt == null ? null : progressAt.toInstant(), rs.getString("instance_name"),
                rs.getString("error_message"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
