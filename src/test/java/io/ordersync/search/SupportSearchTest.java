package io.ordersync.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.BothDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The search's SQL on H2 and on PostgreSQL, on rows written as the stores write them. */
class SupportSearchTest {

    private static final BothDatabases DATABASES = new BothDatabases("support-search", 2);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");

    @AfterAll
    static void closeDatabases() {
        DATABASES.close();
    }

    private record Fixture(String orderId, String correlationId, String po, String control, long interchangeId) {
    }

    /** One order with two dead letters and two documents sent, and the interchange it came in; all at T0 + n s. */
    private static Fixture fixture(JdbcTemplate jdbc) {
        String key = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "ord-" + UUID.randomUUID();
        String correlationId = "corr-" + key;
        String po = "Po-" + key;
        String control = String.valueOf(100_000_000 + Math.abs(key.hashCode() % 800_000_000));
        jdbc.update("INSERT INTO orders (order_id, idempotency_key, source_channel, source_system, source_partner,"
                + " external_id, legal_entity, status, erp_order_number, correlation_id, canonical_json, received_at,"
                + " updated_at, customer_po) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", orderId, "edi:" + key, "EDI", "EDI",
                "acme-hardware", po, "US01", "ACCEPTED", "NA-" + key, correlationId, "{}", ts(0), ts(0), po);
        jdbc.update("INSERT INTO edi_interchanges (partner, standard, sender, receiver, control_number, status,"
                + " transactions, orders, received_at) VALUES (?,?,?,?,?,?,?,?,?)", "acme-hardware", "X12", "ACME" + key,
                "ORDERSYNC", control, "ACCEPTED", 1, 1, ts(0));
        long interchangeId = jdbc.queryForObject("SELECT interchange_id FROM edi_interchanges WHERE control_number = ?",
                Long.class, control);
        jdbc.update("INSERT INTO edi_received_controls (interchange_id, partner, control_level, sender, receiver,"
                + " set_type, control_number, reuse_number, received_at) VALUES (?,?,?,?,?,?,?,?,?)", interchangeId,
                "acme-hardware", "GROUP", "ACME" + key, "ORDERSYNC", "", "G" + key, 0, ts(0));
        for (int i = 1; i <= 2; i++) {
            jdbc.update("INSERT INTO dead_letters (status, route_id, order_id, correlation_id, attempts,"
                    + " first_failure_at, last_failure_at) VALUES (?,?,?,?,?,?,?)", "NEW", "erp-deliver", orderId,
                    correlationId, 1, ts(1), ts(1));
            jdbc.update("INSERT INTO edi_sent_documents (partner, standard, document_type, interchange_control,"
                    + " group_control, transaction_control, order_id, sent_at, ack_status) VALUES (?,?,?,?,?,?,?,?,?)",
                    "acme-hardware", "X12", "855", "S" + key + i, "SG" + key, "ST" + key + i, orderId, ts(i == 1 ? 1 : 2),
                    "AWAITING");
        }
        return new Fixture(orderId, correlationId, po, control, interchangeId);
    }

    private static Timestamp ts(int seconds) {
        return Timestamp.from(T0.plusSeconds(seconds));
    }

    private static SearchRequest request(String q, String kind, String limit, String cursor) {
        return SearchRequest.parse(q, kind, null, null, null, null, null, limit, cursor);
    }

    @ParameterizedTest
    @MethodSource("io.ordersync.BothDatabases#names")
    void each_kind_is_found_by_each_of_its_values(String database) {
        JdbcTemplate jdbc = new JdbcTemplate(DATABASES.get(database));
        SupportSearch search = new SupportSearch(DATABASES.get(database));
        Fixture f = fixture(jdbc);

        SupportSearch.Answer byPo = search.search(request(f.po().toLowerCase(), null, null, null));
        assertThat(byPo.counts()).containsEntry("order", 1L).containsEntry("dead-letter", 0L);
        assertThat(byPo.hits().get(0).summary()).contains("PO " + f.po(), "US01", "partner acme-hardware",
                "EDI " + f.po());

        SupportSearch.Answer byOrderId = search.search(request(f.orderId().toUpperCase(), null, null, null));
        assertThat(byOrderId.counts()).containsEntry("order", 1L).containsEntry("dead-letter", 2L)
                .containsEntry("sent-document", 2L).containsEntry("interchange", 0L);
        assertThat(byOrderId.total()).isEqualTo(5);
        SupportSearch.Hit sent = byOrderId.hits().stream().filter(h -> h.kind().equals("sent-document")).findFirst()
                .orElseThrow();
        assertThat(sent.link()).isEqualTo("/api/v1/edi/sent-documents?partner=acme-hardware");
        assertThat(sent.summary()).contains("855 sent", "AWAITING", "order " + f.orderId(), "US01");

        assertThat(search.search(request(f.correlationId(), null, null, null)).counts())
                .containsEntry("order", 1L).containsEntry("dead-letter", 2L);
        assertThat(search.search(request(f.control(), null, null, null)).hits()).singleElement()
                .satisfies(hit -> assertThat(hit.id()).isEqualTo(String.valueOf(f.interchangeId())));
        assertThat(search.search(request("G" + f.po().substring(3), "interchange", null, null)).total())
                .as("by group control number").isEqualTo(1);
        assertThat(search.search(request("SG" + f.po().substring(3), null, null, null)).counts())
                .containsEntry("sent-document", 2L);
        assertThat(search.search(request("ST" + f.po().substring(3) + "2", null, null, null)).total()).isEqualTo(1);
        assertThat(search.search(request("NA-" + f.po().substring(3).toUpperCase(), null, null, null)).counts())
                .as("ERP order number in any case").containsEntry("order", 1L);
        assertThat(search.search(request("nothing-" + f.po(), null, null, null)).hits()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.ordersync.BothDatabases#names")
    void pages_of_one_walk_through_every_hit_newest_first_without_gaps_or_repeats(String database) {
        JdbcTemplate jdbc = new JdbcTemplate(DATABASES.get(database));
        SupportSearch search = new SupportSearch(DATABASES.get(database));
        Fixture f = fixture(jdbc);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            SupportSearch.Answer page = search.search(request(f.orderId(), null, "2", cursor));
            page.hits().forEach(hit -> walked.add(hit.kind() + ":" + hit.id() + "@" + hit.time()));
            cursor = page.nextCursor();
        } while (cursor != null && walked.size() < 20);

        List<String> all = search.search(request(f.orderId(), null, "200", null)).hits().stream()
                .map(hit -> hit.kind() + ":" + hit.id() + "@" + hit.time()).toList();
        assertThat(walked).hasSize(5).doesNotHaveDuplicates().isEqualTo(all);
        // newest first; of the same time, dead letters before documents sent (the kinds' order)
        assertThat(all.get(0)).startsWith("sent-document:").endsWith("@" + T0.plusSeconds(2));
        assertThat(all.subList(1, 3)).allMatch(hit -> hit.startsWith("dead-letter:"));
        assertThat(all.get(3)).startsWith("sent-document:");
        assertThat(all.get(4)).startsWith("order:");
    }
}
