package io.ordersync.ops;

import io.ordersync.edi.PartnerProfiles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /api/v1/edi/partners: each trading partner's profile at a glance (standard, identity, legal entity,
 * acknowledgements expected and when they are overdue) with what happened with it: interchanges received by status
 * and the last one, repeats received (duplicates: nothing created), documents sent by acknowledgement state (OVERDUE: awaiting past due). Grouped counts over the
 * partner indexes. The partner's SLA scorecard is {@code GET /api/v1/sla?partner=...}.
 */
public class PartnerOverview {

    private final PartnerProfiles profiles;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PartnerOverview(PartnerProfiles profiles, DataSource dataSource, Clock clock) {
        this.profiles = profiles;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    public List<Map<String, Object>> partners() {
        Instant now = clock.instant();
        Map<String, Map<String, Long>> received = new TreeMap<>();
        Map<String, Instant> lastReceived = new TreeMap<>();
        jdbc.query("SELECT partner, status, COUNT(*) AS n, MAX(received_at) AS last FROM edi_interchanges"
                + " WHERE partner IS NOT NULL GROUP BY partner, status", rs -> {
                    String partner = rs.getString("partner");
                    received.computeIfAbsent(partner, p -> new TreeMap<>()).put(rs.getString("status"), rs.getLong("n"));
                    Instant last = rs.getTimestamp("last").toInstant();
                    lastReceived.merge(partner, last, (a, b) -> a.isAfter(b) ? a : b);
                });
        Map<String, Long> duplicates = new TreeMap<>();
        jdbc.query("SELECT i.partner, COUNT(*) AS n FROM edi_duplicates d JOIN edi_interchanges i"
                + " ON i.interchange_id = d.interchange_id WHERE i.partner IS NOT NULL GROUP BY i.partner", rs -> {
                    duplicates.put(rs.getString("partner"), rs.getLong("n"));
                });
        Map<String, Map<String, Long>> sent = new TreeMap<>();
        jdbc.query("SELECT partner, ack_status, COUNT(*) AS n, SUM(CASE WHEN ack_status = 'AWAITING'"
                + " AND ack_due_by < ? THEN 1 ELSE 0 END) AS overdue FROM edi_sent_documents"
                + " GROUP BY partner, ack_status", rs -> {
                    Map<String, Long> states = sent.computeIfAbsent(rs.getString("partner"), p -> new TreeMap<>());
                    long overdue = rs.getLong("overdue");
                    long others = rs.getLong("n") - overdue;
                    if (others > 0) {
                        states.put(rs.getString("ack_status"), others);
                    }
                    if (overdue > 0) {
                        states.put("OVERDUE", overdue);
                    }
                }, Timestamp.from(now));
        List<Map<String, Object>> partners = new ArrayList<>();
        new TreeMap<>(profiles.all()).forEach((id, profile) -> {
            Map<String, Object> partner = new LinkedHashMap<>();
            partner.put("partner", id);
            partner.put("name", profile.name());
            partner.put("standard", profile.standard());
            partner.put("versions", profile.versions());
            partner.put("legalEntity", profile.legalEntity());
            partner.put("usage", profile.usage());
            if (profile.identity() != null) {
                partner.put("identity", profile.identity());
            }
            if (profile.acknowledgements() != null) {
                partner.put("acknowledgements", profile.acknowledgements());
            }
            partner.put("interchangesReceived", received.getOrDefault(id, Map.of()));
            partner.put("duplicatesReceived", duplicates.getOrDefault(id, 0L));
            partner.put("lastReceivedAt", lastReceived.get(id));
            partner.put("documentsSent", sent.getOrDefault(id, Map.of()));
            partners.add(partner);
        });
        return partners;
    }
}
