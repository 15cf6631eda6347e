package io.ordersync.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One search as asked for: the value, the filters, the page. {@link #parse} checks what the contract cannot
 * ({@code q} not blank, the times, the cursor) and refuses with {@link InvalidSearch} naming the parameter.
 *
 * @param kinds the kinds to list (all of them unless {@code kind} names one)
 * @param from received at or after (inclusive), or null
 * @param to received before (exclusive), or null
 * @param after where the previous page ended, or null for the first page
 */
public record SearchRequest(String q, Set<SearchKind> kinds, String legalEntity, String status, String channel,
                            Instant from, Instant to, int limit, Position after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** A parameter that cannot be used: answered 400 naming it. */
    public static final class InvalidSearch extends IllegalArgumentException {
        private final String parameter;

        InvalidSearch(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * A place in the list, newest first: a hit's time, its kind and its id. The cursor of the next page is the last
     * hit's position, opaque to callers (base64url of {@code epochSecond.nanos|kind|id}).
     */
    public record Position(Instant at, SearchKind kind, String id) {

        public String cursor() {
            String plain = at.getEpochSecond() + "." + at.getNano() + "|" + kind.apiName() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Position ofCursor(String cursor) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
                String[] parts = plain.split("\\|", 3);
                String[] time = parts[0].split("\\.", 2);
                SearchKind kind = SearchKind.of(parts[1]);
                String id = parts[2];
                if (kind == null || id.isEmpty() || kind.numericIds() && !id.matches("[0-9]{1,18}")) {
                    throw new IllegalArgumentException(plain);
                }
                return new Position(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])), kind, id);
            } catch (RuntimeException e) {
                throw new InvalidSearch("cursor", "query parameter cursor is not a cursor of this search (use the"
                        + " nextCursor of the previous answer as it is)");
            }
        }
    }

    /** The request from the query parameters as they came (null: absent); limit and kind were checked by the contract. */
    public static SearchRequest parse(String q, String kind, String legalEntity, String status, String channel,
                                      String from, String to, String limit, String cursor) {
        if (q == null || q.isBlank()) {
            throw new InvalidSearch("q", "query parameter q is required: the value to look for (an order id, a CRM"
                    + " or PO number, an ERP order number, a correlation id, a control number or a partner)");
        }
        Set<SearchKind> kinds = EnumSet.allOf(SearchKind.class);
        if (present(kind)) {
            SearchKind one = SearchKind.of(kind);
            if (one == null) {
                throw new InvalidSearch("kind", "query parameter kind must be one of order, interchange, dead-letter,"
                        + " sent-document");
            }
            kinds = EnumSet.of(one);
        }
        Instant fromTime = time("from", from);
        Instant toTime = time("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new InvalidSearch("to", "query parameter to must be later than from");
        }
        int pageSize = DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                pageSize = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > MAX_LIMIT) {
                throw new InvalidSearch("limit", "query parameter limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new SearchRequest(q.strip(), kinds, upper(legalEntity), upper(status), upper(channel), fromTime,
                toTime, pageSize, present(cursor) ? Position.ofCursor(cursor) : null);
    }

    private static Instant time(String name, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidSearch(name, "query parameter " + name + " must be a date-time with offset"
                    + " (2026-12-06T09:30:00Z)");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String upper(String value) {
        return present(value) ? value.strip().toUpperCase(Locale.ROOT) : null;
    }
}
