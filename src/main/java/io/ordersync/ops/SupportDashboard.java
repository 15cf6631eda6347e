package io.ordersync.ops;

import io.ordersync.reconcile.ReconciliationRuns;
import io.ordersync.sla.SlaTracker;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /api/v1/dashboard: what needs attention now, in one answer - open dead letters by route, reason and age, orders
 * per status with the oldest change (stuck ones: waiting states unchanged for more than {@link #STUCK_AFTER}), EDI
 * acknowledgements overdue, SLA breaches, open order exceptions, the last reconciliation runs, and whether the
 * database, Kafka, the ERPs and the CRM are reachable (the runtime's health checks). Every figure is a grouped count
 * over an index, so the answer stays quick with many orders.
 */
public class SupportDashboard {

    /** An order in a waiting state unchanged for longer than this counts as stuck. */
    static final Duration STUCK_AFTER = Duration.ofHours(1);
    /** Statuses in which an order waits for something else to happen (the ERP, a person, stock). */
    static final List<String> WAITING = List.of("RECEIVED", "FAILED", "BACKORDERED");

    private final JdbcTemplate jdbc;
    private final SlaTracker sla;
    private final ReconciliationRuns runs;
    private final Clock clock;

    public SupportDashboard(DataSource dataSource, SlaTracker sla, ReconciliationRuns runs, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sla = sla;
        this.runs = runs;
        this.clock = clock;
    }

    public Map<String, Object> view(CamelContext context) {
        Instant now = clock.instant();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("generatedAt", now);
        view.put("deadLetters", deadLetters(now));
        view.put("orders", orders(now));
        view.put("acknowledgements", acknowledgements(now));
        view.put("sla", slaBreaches());
        view.put("openExceptions", count("SELECT COUNT(*) FROM order_exceptions WHERE status = 'OPEN'"));
        view.put("reconciliation", runs.list(null, 10));
        view.put("reachability", reachability(context));
        return view;
    }

    private Map<String, Object> deadLetters(Instant now) {
        Map<String, Object> letters = new LinkedHashMap<>();
        List<Map<String, Object>> byRoute = new ArrayList<>();
        Map<String, Long> byReason = new TreeMap<>();
        long[] open = {0};
        Instant[] oldest = {null};
        jdbc.query("SELECT route_id, exception_type, COUNT(*) AS letters, MIN(first_failure_at) AS oldest"
                + " FROM dead_letters WHERE status = 'NEW' GROUP BY route_id, exception_type ORDER BY route_id", rs -> {
                    long count = rs.getLong("letters");
                    Instant first = rs.getTimestamp("oldest").toInstant();
                    String reason = rs.getString("exception_type");
                    reason = reason == null ? "(none)" : reason.substring(reason.lastIndexOf('.') + 1);
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("routeId", rs.getString("route_id"));
                    group.put("reason", reason);
                    group.put("count", count);
                    group.put("oldestFailureAt", first);
                    byRoute.add(group);
                    byReason.merge(reason, count, Long::sum);
                    open[0] += count;
                    oldest[0] = oldest[0] == null || first.isBefore(oldest[0]) ? first : oldest[0];
                });
        Map<String, Long> byAge = new LinkedHashMap<>();
        // (HOUR and DAY are keywords in H2: the names say it otherwise)
        jdbc.query("SELECT SUM(CASE WHEN first_failure_at >= ? THEN 1 ELSE 0 END) AS under_an_hour,"
                + " SUM(CASE WHEN first_failure_at < ? AND first_failure_at >= ? THEN 1 ELSE 0 END) AS under_a_day,"
                + " SUM(CASE WHEN first_failure_at < ? THEN 1 ELSE 0 END) AS over_a_day"
                + " FROM dead_letters WHERE status = 'NEW'", rs -> {
                    byAge.put("underAnHour", rs.getLong("under_an_hour"));
                    byAge.put("anHourToADay", rs.getLong("under_a_day"));
                    byAge.put("overADay", rs.getLong("over_a_day"));
                }, Timestamp.from(now.minus(Duration.ofHours(1))), Timestamp.from(now.minus(Duration.ofHours(1))),
                Timestamp.from(now.minus(Duration.ofDays(1))), Timestamp.from(now.minus(Duration.ofDays(1))));
        letters.put("open", open[0]);
        letters.put("oldestFailureAt", oldest[0]);
        letters.put("byAge", byAge);
        letters.put("byReason", byReason);
        letters.put("byRouteAndReason", byRoute);
        return letters;
    }

    private Map<String, Object> orders(Instant now) {
        Map<String, Object> orders = new LinkedHashMap<>();
        Map<String, Map<String, Object>> byStatus = new TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) AS orders, MIN(updated_at) AS oldest FROM orders GROUP BY status", rs -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("count", rs.getLong("orders"));
            state.put("oldestChangeAt", rs.getTimestamp("oldest").toInstant());
            byStatus.put(rs.getString("status"), state);
        });
        String marks = String.join(",", java.util.Collections.nCopies(WAITING.size(), "?"));
        List<Object> args = new ArrayList<>(WAITING);
        args.add(Timestamp.from(now.minus(STUCK_AFTER)));
        Map<String, Long> stuck = new TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) AS orders FROM orders WHERE status IN (" + marks + ") AND updated_at < ?"
                + " GROUP BY status", rs -> {
                    stuck.put(rs.getString("status"), rs.getLong("orders"));
                }, args.toArray());
        orders.put("byStatus", byStatus);
        orders.put("stuck", stuck);
        orders.put("stuckAfter", STUCK_AFTER.toString());
        return orders;
    }

    private Map<String, Object> acknowledgements(Instant now) {
        Map<String, Object> acks = new LinkedHashMap<>();
        acks.put("overdue", count("SELECT COUNT(*) FROM edi_sent_documents WHERE ack_status = 'AWAITING'"
                + " AND ack_due_by < ?", Timestamp.from(now)));
        acks.put("awaiting", count("SELECT COUNT(*) FROM edi_sent_documents WHERE ack_status = 'AWAITING'"
                + " AND ack_due_by >= ?", Timestamp.from(now)));
        acks.put("rejected", count("SELECT COUNT(*) FROM edi_sent_documents WHERE ack_status = 'REJECTED'"));
        return acks;
    }

    private Map<String, Long> slaBreaches() {
        Map<String, Long> breaches = new TreeMap<>();
        breaches.put("WARNING", 0L);
        breaches.put("MISSED", 0L);
        Object summary = sla.report(null, null, null).get("summary");
        if (summary instanceof List<?> groups) {
            for (Object group : groups) {
                if (group instanceof SlaTracker.Summary s) {
                    s.states().forEach((state, n) -> breaches.computeIfPresent(state, (k, v) -> v + n));
                }
            }
        }
        return breaches;
    }

    /**
     * The systems' checks (database, Kafka, each ERP, the CRM, the context), each with {@code reachable}: UP and not
     * saying its system is unavailable; of Camel's per-route and per-consumer checks only those not UP (there is one per
     * route), with a count of all of them.
     */
    private Map<String, Object> reachability(CamelContext context) {
        List<Map<String, Object>> checks = new ArrayList<>();
        long routeChecks = 0;
        long routeChecksDown = 0;
        for (HealthCheck.Result result : HealthCheckHelper.invoke(context)) {
            String id = result.getCheck().getId();
            boolean perRoute = id.startsWith("route:") || id.startsWith("consumer:");
            boolean up = result.getState() == HealthCheck.State.UP;
            if (perRoute) {
                routeChecks++;
                routeChecksDown += up ? 0 : 1;
                if (up) {
                    continue;
                }
            }
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", id);
            check.put("state", result.getState().name());
            check.put("reachable", up && !saysUnavailable(result));
            check.put("message", result.getMessage().orElse(null));
            checks.add(check);
        }
        checks.sort(java.util.Comparator.comparing(c -> String.valueOf(c.get("check"))));
        Map<String, Object> reachability = new LinkedHashMap<>();
        reachability.put("checks", checks);
        reachability.put("routeChecks", routeChecks);
        reachability.put("routeChecksDown", routeChecksDown);
        return reachability;
    }

    /**
     * A check that stays UP while its system cannot be reached (an ERP: the runtime must stay in service, its orders
     * wait) says so in a detail {@code <system>.available = false}.
     */
    private static boolean saysUnavailable(HealthCheck.Result result) {
        return result.getDetails().entrySet().stream().anyMatch(detail -> detail.getKey().endsWith(".available")
                && Boolean.FALSE.equals(detail.getValue()));
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
