package io.ordersync.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an order CSV file: one row per order line, rows grouped into orders by {@code po_number}.
 *
 * <p>RFC 4180 text: comma-separated, a header row naming the columns, fields optionally in double quotes (a quoted
 * field may hold commas, line breaks and doubled quotes), CRLF or LF line ends, blank lines ignored. Column names are
 * matched case-insensitively; values are trimmed and an empty value is no value.
 *
 * <p>Line columns ({@link #LINE_COLUMNS} and any column starting with {@code line_}) describe one order line. Every
 * other column describes the whole order: it may be left empty on later rows of the same order, but a value that
 * differs from an earlier row of that order is refused.
 *
 * <p>The JSON form of one order (the mapping's input): the order columns as fields, plus {@code lines}, one object
 * of line columns per row: {@code {"po_number": "PO-1", "currency": "USD", "lines": [{"sku": "A", "quantity": "2"}]}}.
 * All values are text; the mapping step turns quantities and prices into exact decimals.
 */
public final class CsvOrderReader {

    /** The column that groups rows into orders. */
    public static final String PO_COLUMN = "po_number";

    /** Columns of one order line (besides any column named {@code line_*}). */
    public static final Set<String> LINE_COLUMNS = Set.of("line_number", "sku", "customer_part_number", "gtin",
            "description", "quantity", "unit", "unit_price", "line_requested_delivery_date");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One CSV record: its fields and the file line it starts on. */
    record Row(int line, List<String> fields) {}

    private CsvOrderReader() {
    }

    public static List<SourceOrder> read(String text) {
        List<Row> rows = parse(text);
        if (rows.isEmpty()) {
            throw new OrderFileException("the file is empty; it needs a header row and one row per order line");
        }
        Row header = rows.get(0);
        List<String> columns = new ArrayList<>();
        for (String name : header.fields()) {
            String column = name.trim().toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                throw new OrderFileException("line " + header.line() + ": column " + (columns.size() + 1)
                        + " of the header row has no name");
            }
            if (columns.contains(column)) {
                throw new OrderFileException("line " + header.line() + ": column '" + column + "' appears twice in the"
                        + " header row");
            }
            columns.add(column);
        }
        int poIndex = columns.indexOf(PO_COLUMN);
        if (poIndex < 0) {
            throw new OrderFileException("line " + header.line() + ": the header row has no '" + PO_COLUMN
                    + "' column (found " + columns + ")");
        }

        Map<String, Group> groups = new LinkedHashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != columns.size()) {
                throw new OrderFileException("line " + row.line() + ": " + row.fields().size() + " fields, but the header"
                        + " row has " + columns.size() + " columns");
            }
            String po = row.fields().get(poIndex).trim();
            if (po.isEmpty()) {
                throw new OrderFileException("line " + row.line() + ": " + PO_COLUMN + " is empty");
            }
            groups.computeIfAbsent(po, key -> new Group()).add(row, columns);
        }
        if (groups.isEmpty()) {
            throw new OrderFileException("the file has a header row but no order lines");
        }
        List<SourceOrder> orders = new ArrayList<>();
        for (Group group : groups.values()) {
            orders.add(new SourceOrder(group.order, group.position(), group.linePositions));
        }
        return orders;
    }

    static boolean isLineColumn(String column) {
        return LINE_COLUMNS.contains(column) || column.startsWith("line_");
    }

    /** The rows of one PO number, collected into one order. */
    private static final class Group {
        final ObjectNode order = NODES.objectNode();
        final ArrayNode lines = NODES.arrayNode();
        final List<String> linePositions = new ArrayList<>();
        /** Which line an order column's value was first seen on. */
        final Map<String, Integer> firstSeen = new HashMap<>();

        void add(Row row, List<String> columns) {
            ObjectNode line = NODES.objectNode();
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                String value = row.fields().get(i).trim();
                if (value.isEmpty()) {
                    continue;
                }
                if (isLineColumn(column)) {
                    line.put(column, value);
                } else if (!order.has(column)) {
                    order.put(column, value);
                    firstSeen.put(column, row.line());
                } else if (!order.get(column).asText().equals(value)) {
                    throw new OrderFileException("line " + row.line() + ": " + column + " '" + value + "' differs from '"
                            + order.get(column).asText() + "' on line " + firstSeen.get(column) + " of the same order ("
                            + PO_COLUMN + " " + order.get(PO_COLUMN).asText() + "); order columns must agree on every row"
                            + " of an order");
                }
            }
            lines.add(line);
            linePositions.add("line " + row.line());
            order.set("lines", lines);
        }

        String position() {
            return linePositions.size() == 1 ? linePositions.get(0)
                    : "lines " + String.join(", ", linePositions.stream().map(p -> p.substring(5)).toList());
        }
    }

    /** RFC 4180 records with the line each starts on; blank lines are skipped. */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int quoteLine = 0;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.toString().isBlank() && !fieldWasQuoted) {
                    field.setLength(0);
                    quoted = true;
                    fieldWasQuoted = true;
                    quoteLine = line;
                } else {
                    throw new OrderFileException("line " + line + ": a double quote inside an unquoted field; quote the"
                            + " whole field and double the quote (\"\")");
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, fields, field, rowLine);
                fields = new ArrayList<>();
                fieldWasQuoted = false;
                line++;
                rowLine = line;
            } else {
                if (fieldWasQuoted && !Character.isWhitespace(c)) {
                    throw new OrderFileException("line " + line + ": text after the closing quote of a field");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw new OrderFileException("line " + quoteLine + ": a quoted field is never closed");
        }
        endRow(rows, fields, field, rowLine);
        return rows;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, int rowLine) {
        fields.add(field.toString());
        field.setLength(0);
        boolean blank = fields.size() == 1 && fields.get(0).isBlank();
        if (!blank) {
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
    }
}
