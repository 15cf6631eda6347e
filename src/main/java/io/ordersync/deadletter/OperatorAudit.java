package io.ordersync.deadletter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit of what operators did (table {@code operator_actions}): who, when, which action on what, the state before
 * and after, and a detail. Written by every changing support operation (replays, edited replays, batch replays,
 * discards, job runs), in the same request; read by {@code GET /api/v1/audit}.
 */
public class OperatorAudit {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAudit.class);
    /** The most actions one page answers. */
    public static final int MAX_LIMIT = 500;
    static final int MAX_DETAIL_CHARS = 2000;

    /** One action. {@code before}/{@code after}: the target's state (JSON or a status), null when not applicable. */
    public record Action(long actionId, String actor, String action, String target, Instant occurredAt, String before,
                         String after, String detail) {}

    private final JdbcTemplate jdbc;

    public OperatorAudit(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void record(String actor, String action, String target, String before, String after, String detail) {
        String shortDetail = detail == null || detail.length() <= MAX_DETAIL_CHARS ? detail
                : detail.substring(0, MAX_DETAIL_CHARS - 3) + "...";
        jdbc.update("INSERT INTO operator_actions (actor, action, target, occurred_at, before_state, after_state,"
                + " detail) VALUES (?,?,?,?,?,?,?)", actor == null ? "(unknown)" : actor, action, target,
                Timestamp.from(Instant.now()), before, after, shortDetail);
        LOG.info("Audit: {} {} {} ({} -> {})", actor, action, target, before, after);
    }

    /**
     * A reconciliation job run on request ({@code POST /api/v1/reconciliation/jobs/{job}/run}, or started without
     * waiting with {@code .../runs}); its run view (as the API answers it) gives the outcome - RUNNING for a run
     * started without waiting. Returns the run unchanged, for the answer.
     */
    public Object recordJobRun(String actor, String job, Object run) {
        com.fasterxml.jackson.databind.JsonNode view = io.ordersync.support.Json.mapper().valueToTree(run).path("run");
        record(actor, "RUN_JOB", "reconciliation-job:" + job, null, view.path("status").asText(null),
                "run " + view.path("runId").asText("?") + ": checked " + view.path("checked").asText("?")
                        + ", mismatches " + view.path("mismatches").asText("?") + ", healed "
                        + view.path("healed").asText("?"));
        return run;
    }

    /** Newest first; filters optional; the next page: {@code beforeId} = the last id of this one. */
    public List<Action> list(String actor, String action, String target, Long beforeId, Integer limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM operator_actions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action);
        }
        if (target != null) {
            sql.append(" AND target = ?");
            args.add(target);
        }
        if (beforeId != null) {
            sql.append(" AND action_id < ?");
            args.add(beforeId);
        }
        int rows = Math.max(1, Math.min(limit == null ? 100 : limit, MAX_LIMIT));
        sql.append(" ORDER BY action_id DESC FETCH FIRST ").append(rows).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, n) -> new Action(rs.getLong("action_id"), rs.getString("actor"),
                rs.getString("action"), rs.getString("target"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("before_state"), rs.getString("after_state"), rs.getString("detail")),
                args.toArray());
    }
}
