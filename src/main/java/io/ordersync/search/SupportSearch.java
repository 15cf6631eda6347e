package io.ordersync.search;

import io.ordersync.support.ApiProblem;
import io.ordersync.support.Correlation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /api/v1/search: one value looked up in orders, EDI interchanges, dead letters and EDI documents sent, with
 * filters, newest first, a page at a time. The answer counts the matches of each kind and lists the page's hits,
 * each with a one-line summary and the API path of its details. Reads only (the tables' own indexes, see V14).
 */
public class SupportSearch {

    /** One hit: what it is, its summary values, and where its details are. */
    public record Hit(String kind, String id, Instant time, String status, String legalEntity, String partner,
                      String customerPo, String orderId, String summary, String link) {
    }

    /** The answer: matches per kind (all kinds, whatever {@code kind} says), the total of the kinds listed, a page. */
    public record Answer(String q, Map<String, Long> counts, long total, List<Hit> hits, String nextCursor) {
    }

    private record Row(SearchKind kind, Hit hit) {
    }

    private final JdbcTemplate jdbc;

    public SupportSearch(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The route's call: the query parameters from the headers; a parameter that cannot be used is answered 400. */
    public Object search(Exchange exchange) {
        Message in = exchange.getMessage();
        SearchRequest request;
        try {
            request = SearchRequest.parse(in.getHeader("q", String.class), in.getHeader("kind", String.class),
                    in.getHeader("legalEntity", String.class), in.getHeader("status", String.class),
                    in.getHeader("channel", String.class), in.getHeader("from", String.class),
                    in.getHeader("to", String.class), in.getHeader("limit", String.class),
                    in.getHeader("cursor", String.class));
        } catch (SearchRequest.InvalidSearch invalid) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            Map<String, Object> problem = ApiProblem.body(400, "INVALID_PARAMETER", invalid.getMessage());
            problem.put("fieldErrors", List.of(Map.of("field", invalid.parameter(), "message", invalid.getMessage())));
            problem.put("correlationId", Correlation.current(exchange));
            return problem;
        }
        return search(request);
    }

    /** The counts and one page of hits of the request. */
    public Answer search(SearchRequest request) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        List<Row> rows = new ArrayList<>();
        for (SearchKind kind : SearchKind.values()) {
            long count = 0;
            if (SearchSql.applies(kind, request)) {
                SearchSql.Query query = SearchSql.count(kind, request);
                count = jdbc.queryForObject(query.sql(), Long.class, query.args().toArray());
                if (count > 0 && request.kinds().contains(kind)) {
                    // one more than a page: whether there is a next page
                    SearchSql.Query page = SearchSql.page(kind, request, request.limit() + 1);
                    rows.addAll(jdbc.query(page.sql(), (rs, n) -> new Row(kind, hit(kind, rs)), page.args().toArray()));
                }
            }
            counts.put(kind.apiName(), count);
            if (request.kinds().contains(kind)) {
                total += count;
            }
        }
        // newest first; of the same time, in the kinds' order, then by id descending (as each kind's query)
        rows.sort(Comparator.comparing((Row row) -> row.hit().time()).reversed()
                .thenComparing(row -> row.kind().ordinal())
                .thenComparing(SupportSearch::idOrder, Comparator.reverseOrder()));
        String nextCursor = null;
        if (rows.size() > request.limit()) {
            rows = rows.subList(0, request.limit());
            Row last = rows.get(rows.size() - 1);
            nextCursor = new SearchRequest.Position(last.hit().time(), last.kind(), last.hit().id()).cursor();
        }
        return new Answer(request.q(), counts, total, rows.stream().map(Row::hit).toList(), nextCursor);
    }

    /** Ids compared as the database orders them: numbers as numbers, order ids as text. */
    private static IdKey idOrder(Row row) {
        return new IdKey(row.kind().numericIds() ? Long.parseLong(row.hit().id()) : 0L, row.hit().id());
    }

    private record IdKey(long number, String text) implements Comparable<IdKey> {
        @Override
        public int compareTo(IdKey other) {
            int byNumber = Long.compare(number, other.number);
            return byNumber != 0 ? byNumber : text.compareTo(other.text);
        }
    }

    private static Hit hit(SearchKind kind, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Timestamp at = rs.getTimestamp("at");
        Instant time = at.toInstant();
        String status = rs.getString("status");
        String legalEntity = rs.getString("legal_entity");
        String partner = rs.getString("partner");
        String po = rs.getString("customer_po");
        String detail1 = rs.getString("detail_1");
        String detail2 = rs.getString("detail_2");
        String orderId = rs.getString("order_id");
        List<String> parts = new ArrayList<>();
        String link;
        switch (kind) {
            case ORDER -> {
                parts.add("order " + id + " " + status);
                parts.add(detail1 + " " + detail2);
                link = "/api/v1/orders/" + id;
            }
            case INTERCHANGE -> {
                parts.add("interchange " + detail2 + " (" + detail1 + ") " + status);
                link = "/api/v1/edi/interchanges" + (partner == null ? "" : "?partner=" + partner);
            }
            case DEAD_LETTER -> {
                parts.add("dead letter " + id + " " + status + " in " + detail1);
                if (detail2 != null) {
                    parts.add(detail2.substring(detail2.lastIndexOf('.') + 1));
                }
                link = "/api/v1/dead-letters/" + id;
            }
            case SENT_DOCUMENT -> {
                parts.add(detail1 + " sent in interchange " + detail2 + ", acknowledgement " + status);
                link = "/api/v1/edi/sent-documents?partner=" + partner;
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (orderId != null && kind != SearchKind.ORDER) {
            parts.add("order " + orderId);
        }
        if (partner != null) {
            parts.add("partner " + partner);
        }
        if (po != null) {
            parts.add("PO " + po);
        }
        if (legalEntity != null) {
            parts.add(legalEntity);
        }
        parts.add(time.toString());
        return new Hit(kind.apiName(), id, time, status, legalEntity, partner, po, orderId, String.join(", ", parts),
                link);
    }
}
