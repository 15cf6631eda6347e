package io.ordersync.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query builder and the request's checks, without a database (SupportSearchTest runs the SQL on both). */
class SearchSqlTest {

    private static SearchRequest request(String q, String kind, String legalEntity, String status, String channel,
                                         String from, String to, String limit, String cursor) {
        return SearchRequest.parse(q, kind, legalEntity, status, channel, from, to, limit, cursor);
    }

    @Test
    void an_order_is_looked_up_by_each_indexed_column_with_the_value_in_the_case_of_the_column() {
        SearchSql.Query query = SearchSql.page(SearchKind.ORDER,
                request(" Po-7 ", null, null, null, null, null, null, null, null), 51);

        assertThat(query.sql()).contains("order_id = ?", "external_id_search = ?", "customer_po_search = ?",
                "erp_order_number_search = ?", "correlation_id = ?")
                .contains(" UNION ").doesNotContain(" OR ").doesNotContain("canonical_json")
                .endsWith("ORDER BY o.received_at DESC, o.order_id DESC FETCH FIRST 51 ROWS ONLY");
        assertThat(query.args()).containsExactly("po-7", "PO-7", "PO-7", "PO-7", "Po-7");
    }

    @Test
    void filters_become_conditions_on_the_kinds_own_columns_and_legal_entity_leaves_interchanges_out() {
        SearchRequest request = request("X", null, "de01", "new", "crm", "2026-12-01T00:00:00Z",
                "2026-12-02T00:00:00+01:00", "10", null);

        SearchSql.Query deadLetters = SearchSql.count(SearchKind.DEAD_LETTER, request);
        assertThat(deadLetters.sql()).startsWith("SELECT COUNT(*) FROM (SELECT dead_letter_id FROM dead_letters")
                .contains(") m JOIN dead_letters d ON d.dead_letter_id = m.dead_letter_id LEFT JOIN orders o")
                .contains("AND o.legal_entity = ?", "AND o.source_system = ?", "AND d.status = ?",
                        "AND d.last_failure_at >= ?", "AND d.last_failure_at < ?");
        assertThat(deadLetters.args()).containsExactly("x", "X", "DE01", "CRM", "NEW",
                Timestamp.from(Instant.parse("2026-12-01T00:00:00Z")),
                Timestamp.from(Instant.parse("2026-12-01T23:00:00Z")));
        assertThat(SearchSql.page(SearchKind.SENT_DOCUMENT, request, 11).sql()).contains("s.ack_status = ?");
        assertThat(SearchSql.applies(SearchKind.INTERCHANGE, request)).isFalse();
        assertThat(SearchSql.applies(SearchKind.INTERCHANGE, request("X", null, null, null, "edi", null, null, null,
                null))).isTrue();
        assertThat(SearchSql.applies(SearchKind.INTERCHANGE, request("X", null, null, null, "CRM", null, null, null,
                null))).isFalse();
    }

    @Test
    void the_page_after_a_cursor_continues_newest_first_across_the_kinds() {
        Instant at = Instant.parse("2026-12-06T10:15:30.123456Z");
        String cursor = new SearchRequest.Position(at, SearchKind.INTERCHANGE, "42").cursor();
        SearchRequest request = request("X", null, null, null, null, null, null, "5", cursor);
        assertThat(request.after()).isEqualTo(new SearchRequest.Position(at, SearchKind.INTERCHANGE, "42"));

        // orders come before interchanges at the same time: only older ones are left
        SearchSql.Query orders = SearchSql.page(SearchKind.ORDER, request, 6);
        assertThat(orders.sql()).contains("AND o.received_at < ?").doesNotContain("o.order_id < ?");
        assertThat(orders.args().get(orders.args().size() - 1)).isEqualTo(Timestamp.from(at));
        // the same kind: older, or as old with a smaller id
        SearchSql.Query interchanges = SearchSql.page(SearchKind.INTERCHANGE, request, 6);
        assertThat(interchanges.sql()).contains(
                "AND (i.received_at < ? OR (i.received_at = ? AND i.interchange_id < ?))");
        assertThat(interchanges.args().subList(interchanges.args().size() - 3, interchanges.args().size()))
                .isEqualTo(List.of(Timestamp.from(at), Timestamp.from(at), 42L));
        // dead letters come after interchanges: as old is still to come
        assertThat(SearchSql.page(SearchKind.DEAD_LETTER, request, 6).sql()).contains("AND d.last_failure_at <= ?");
    }

    @Test
    void parameters_that_cannot_be_used_are_refused_naming_the_parameter() {
        assertRefused("q", () -> request(null, null, null, null, null, null, null, null, null));
        assertRefused("q", () -> request("  ", null, null, null, null, null, null, null, null));
        assertRefused("kind", () -> request("x", "customer", null, null, null, null, null, null, null));
        assertRefused("from", () -> request("x", null, null, null, null, "2026-12-06", null, null, null));
        assertRefused("to", () -> request("x", null, null, null, null, null, "yesterday", null, null));
        assertRefused("to", () -> request("x", null, null, null, null, "2026-12-06T10:00:00Z",
                "2026-12-06T10:00:00Z", null, null));
        assertRefused("limit", () -> request("x", null, null, null, null, null, null, "0", null));
        assertRefused("limit", () -> request("x", null, null, null, null, null, null, "201", null));
        assertRefused("cursor", () -> request("x", null, null, null, null, null, null, null, "not-a-cursor"));
        String orderCursorWithWordId = new SearchRequest.Position(Instant.EPOCH, SearchKind.DEAD_LETTER, "abc")
                .cursor();
        assertRefused("cursor", () -> request("x", null, null, null, null, null, null, null, orderCursorWithWordId));

        SearchRequest defaults = request("x", null, null, null, null, null, null, null, null);
        assertThat(defaults.limit()).isEqualTo(50);
        assertThat(defaults.kinds()).containsExactly(SearchKind.values());
        assertThat(request("x", "Dead-Letter", null, null, null, null, null, null, null).kinds())
                .containsExactly(SearchKind.DEAD_LETTER);
    }

    private static void assertRefused(String parameter, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SearchRequest.InvalidSearch.class,
                invalid -> assertThat(invalid.parameter()).isEqualTo(parameter));
    }
}
