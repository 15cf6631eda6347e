package io.ordersync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.BothDatabases;
import io.ordersync.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Orders stored before the search columns get their PO and its upper-case copies when the schema is upgraded. */
class OrderPurchaseOrderBackfillTest {

    @ParameterizedTest
    @MethodSource("io.ordersync.BothDatabases#names")
    void orders_stored_before_version_14_are_found_by_their_po_after_the_upgrade(String database) {
        String url = database.equals(BothDatabases.H2)
                ? "jdbc:h2:mem:po-backfill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                : TestPostgres.newDatabase().jdbcUrl();
        try (HikariDataSource dataSource = database.equals(BothDatabases.H2) ? Database.pool(url, "sa", "", 2)
                : Database.pool(url, TestPostgres.USER, TestPostgres.PASSWORD, 2)) {
            Database.migrate(dataSource, url, "13");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            insert(jdbc, "ord-with-po", "{\"orderId\":\"ord-with-po\",\"customerPurchaseOrder\":\"po-\\\"7\\\"-\\u00e9\"}");
            insert(jdbc, "ord-without-po", "{\"orderId\":\"ord-without-po\"}");
            insert(jdbc, "ord-long-po", "{\"customerPurchaseOrder\":\"" + "P".repeat(129) + "\"}");

            Database.migrate(dataSource, url);

            Map<String, Object> withPo = jdbc.queryForMap("SELECT customer_po, customer_po_search, external_id_search"
                    + " FROM orders WHERE order_id = 'ord-with-po'");
            assertThat(withPo.get("customer_po")).isEqualTo("po-\"7\"-\u00e9");
            assertThat(withPo.get("customer_po_search")).isEqualTo("PO-\"7\"-\u00c9");
            assertThat(withPo.get("external_id_search")).isEqualTo("CRM-ORD-WITH-PO");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE customer_po IS NULL", Long.class))
                    .as("no PO, and a PO wider than the column").isEqualTo(2);
            // the ERP order number's copy follows later updates (a generated column)
            jdbc.update("UPDATE orders SET erp_order_number = 'na-55' WHERE order_id = 'ord-without-po'");
            assertThat(jdbc.queryForObject("SELECT order_id FROM orders WHERE erp_order_number_search = 'NA-55'",
                    String.class)).isEqualTo("ord-without-po");
        }
    }

    private static void insert(JdbcTemplate jdbc, String orderId, String canonicalJson) {
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T08:00:00Z"));
        jdbc.update("INSERT INTO orders (order_id, idempotency_key, source_channel, source_system, external_id, status,"
                + " correlation_id, canonical_json, received_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", orderId,
                "CRM:" + orderId, "REST", "CRM", "crm-" + orderId, "ACCEPTED", "c-" + orderId, canonicalJson, now, now);
    }
}
