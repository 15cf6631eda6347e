package io.ordersync.search;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of a search, per kind: which rows match the value (each by an indexed column, combined with UNION in a
 * derived table so that H2 and PostgreSQL alike look each one up by its index, once), the filters, and the page after a position, newest first.
 * Every query selects the same columns ({@code id, at, status, legal_entity, partner, customer_po, detail_1,
 * detail_2, order_id}), so one reader serves all kinds.
 *
 * <p>How the value is matched: order ids (ord-&lt;uuid&gt;, always lower case) in any case; CRM/source ids, purchase
 * order numbers and ERP order numbers in any case (their upper-case columns of V14); correlation ids, control numbers
 * and partner ids exactly as given. A filter a kind does not have leaves that kind out: legal entity and channel
 * apply to orders, and to dead letters and sent documents through their order; interchanges have no legal entity,
 * and their channel is EDI.
 */
final class SearchSql {

    /** The source system of EDI orders: the only channel an interchange belongs to. */
    static final String EDI_CHANNEL = "EDI";

    /** A statement and its arguments, in order. */
    record Query(String sql, List<Object> args) {
    }

    private SearchSql() {
    }

    /** How many rows of the kind match (the filters, not the page). */
    static Query count(SearchKind kind, SearchRequest request) {
        List<Object> args = new ArrayList<>();
        String from = fromAndWhere(kind, request, args);
        return new Query("SELECT COUNT(*) " + from, args);
    }

    /** At most {@code rows} rows of the kind after the request's position, newest first. */
    static Query page(SearchKind kind, SearchRequest request, int rows) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(columns(kind)).append(' ')
                .append(fromAndWhere(kind, request, args));
        SearchRequest.Position after = request.after();
        if (after != null) {
            Timestamp at = Timestamp.from(after.at());
            int order = Integer.compare(kind.ordinal(), after.kind().ordinal());
            if (order < 0) {
                // this kind's hits of the same time were listed before the position's
                sql.append(" AND ").append(time(kind)).append(" < ?");
                args.add(at);
            } else if (order > 0) {
                sql.append(" AND ").append(time(kind)).append(" <= ?");
                args.add(at);
            } else {
                sql.append(" AND (").append(time(kind)).append(" < ? OR (").append(time(kind)).append(" = ? AND ")
                        .append(id(kind)).append(" < ?))");
                args.add(at);
                args.add(at);
                args.add(kind.numericIds() ? (Object) Long.parseLong(after.id()) : after.id());
            }
        }
        sql.append(" ORDER BY ").append(time(kind)).append(" DESC, ").append(id(kind)).append(" DESC FETCH FIRST ")
                .append(rows).append(" ROWS ONLY");
        return new Query(sql.toString(), args);
    }

    /** Whether the filters leave anything of the kind (else it is not asked at all). */
    static boolean applies(SearchKind kind, SearchRequest request) {
        if (kind == SearchKind.INTERCHANGE) {
            return request.legalEntity() == null
                    && (request.channel() == null || request.channel().equals(EDI_CHANNEL));
        }
        return true;
    }

    private static String columns(SearchKind kind) {
        return switch (kind) {
            case ORDER -> "o.order_id AS id, o.received_at AS at, o.status, o.legal_entity, o.source_partner AS partner,"
                    + " o.customer_po, o.source_system AS detail_1, o.external_id AS detail_2, o.order_id";
            case INTERCHANGE -> "i.interchange_id AS id, i.received_at AS at, i.status, NULL AS legal_entity,"
                    + " i.partner, NULL AS customer_po, i.standard AS detail_1, i.control_number AS detail_2,"
                    + " NULL AS order_id";
            case DEAD_LETTER -> "d.dead_letter_id AS id, d.last_failure_at AS at, d.status, o.legal_entity,"
                    + " o.source_partner AS partner, o.customer_po, d.route_id AS detail_1,"
                    + " d.exception_type AS detail_2, d.order_id";
            case SENT_DOCUMENT -> "s.sent_id AS id, s.sent_at AS at, s.ack_status AS status, o.legal_entity,"
                    + " s.partner, o.customer_po, s.document_type AS detail_1, s.interchange_control AS detail_2,"
                    + " s.order_id";
        };
    }

    private static String time(SearchKind kind) {
        return switch (kind) {
            case ORDER -> "o.received_at";
            case INTERCHANGE -> "i.received_at";
            case DEAD_LETTER -> "d.last_failure_at";
            case SENT_DOCUMENT -> "s.sent_at";
        };
    }

    private static String id(SearchKind kind) {
        return switch (kind) {
            case ORDER -> "o.order_id";
            case INTERCHANGE -> "i.interchange_id";
            case DEAD_LETTER -> "d.dead_letter_id";
            case SENT_DOCUMENT -> "s.sent_id";
        };
    }

    private static String fromAndWhere(SearchKind kind, SearchRequest request, List<Object> args) {
        String q = request.q();
        String orderId = q.toLowerCase(Locale.ROOT);
        String upper = q.toUpperCase(Locale.ROOT);
        StringBuilder sql = new StringBuilder();
        // the matching ids first, each by its index, then their rows by primary key: a derived table is read once
        // (H2 evaluated an IN (... UNION ...) condition again for every row, minutes for a partner with thousands
        // of interchanges), and PostgreSQL plans it as well
        switch (kind) {
            case ORDER -> {
                sql.append("FROM (SELECT order_id FROM orders WHERE order_id = ?"
                        + " UNION SELECT order_id FROM orders WHERE external_id_search = ?"
                        + " UNION SELECT order_id FROM orders WHERE customer_po_search = ?"
                        + " UNION SELECT order_id FROM orders WHERE erp_order_number_search = ?"
                        + " UNION SELECT order_id FROM orders WHERE correlation_id = ?) m"
                        + " JOIN orders o ON o.order_id = m.order_id WHERE 1 = 1");
                args.addAll(List.of(orderId, upper, upper, upper, q));
            }
            case INTERCHANGE -> {
                sql.append("FROM (SELECT interchange_id FROM edi_interchanges WHERE control_number = ?"
                        + " UNION SELECT interchange_id FROM edi_received_controls WHERE control_number = ?"
                        + " UNION SELECT interchange_id FROM edi_interchanges WHERE partner = ?) m"
                        + " JOIN edi_interchanges i ON i.interchange_id = m.interchange_id WHERE 1 = 1");
                args.addAll(List.of(q, q, q));
            }
            case DEAD_LETTER -> {
                sql.append("FROM (SELECT dead_letter_id FROM dead_letters WHERE order_id = ?"
                        + " UNION SELECT dead_letter_id FROM dead_letters WHERE correlation_id = ?) m"
                        + " JOIN dead_letters d ON d.dead_letter_id = m.dead_letter_id"
                        + " LEFT JOIN orders o ON o.order_id = d.order_id WHERE 1 = 1");
                args.addAll(List.of(orderId, q));
            }
            case SENT_DOCUMENT -> {
                sql.append("FROM (SELECT sent_id FROM edi_sent_documents WHERE order_id = ?"
                        + " UNION SELECT sent_id FROM edi_sent_documents WHERE partner = ?"
                        + " UNION SELECT sent_id FROM edi_sent_documents WHERE interchange_control = ?"
                        + " UNION SELECT sent_id FROM edi_sent_documents WHERE group_control = ?"
                        + " UNION SELECT sent_id FROM edi_sent_documents WHERE transaction_control = ?) m"
                        + " JOIN edi_sent_documents s ON s.sent_id = m.sent_id"
                        + " LEFT JOIN orders o ON o.order_id = s.order_id WHERE 1 = 1");
                args.addAll(List.of(orderId, q, q, q, q));
            }
        }
        if (request.legalEntity() != null && kind != SearchKind.INTERCHANGE) {
            sql.append(" AND o.legal_entity = ?");
            args.add(request.legalEntity());
        }
        if (request.channel() != null && kind != SearchKind.INTERCHANGE) {
            sql.append(" AND o.source_system = ?");
            args.add(request.channel());
        }
        if (request.status() != null) {
            sql.append(" AND ").append(status(kind)).append(" = ?");
            args.add(request.status());
        }
        if (request.from() != null) {
            sql.append(" AND ").append(time(kind)).append(" >= ?");
            args.add(Timestamp.from(request.from()));
        }
        if (request.to() != null) {
            sql.append(" AND ").append(time(kind)).append(" < ?");
            args.add(Timestamp.from(request.to()));
        }
        return sql.toString();
    }

    private static String status(SearchKind kind) {
        return switch (kind) {
            case ORDER -> "o.status";
            case INTERCHANGE -> "i.status";
            case DEAD_LETTER -> "d.status";
            case SENT_DOCUMENT -> "s.ack_status";
        };
    }
}
