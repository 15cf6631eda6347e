package io.ordersync.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an order CSV file: one row per order line, rows grouped into orders by {@code po_number}.
 *
 * <p>RFC 4180 text, read by Commons CSV: comma-separated, a header row naming the columns, fields optionally in double quotes (a quoted
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

    /**
     * RFC 4180 text as Commons CSV reads it (comma, double quotes, CRLF or LF, empty lines skipped), with the line each
     * record starts on. Lines that hold only blanks are skipped too.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            // blanks before an opening quote are allowed, as are blanks after the closing one (values are trimmed)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /** Commons CSV's messages for broken quoting; the line is taken from them. */
    private static final Pattern NEVER_CLOSED = Pattern.compile("\\(startline ([^)]+)\\) EOF reached before encapsulated");
    private static final Pattern AFTER_QUOTE = Pattern.compile(
            "Invalid character between encapsulated token and delimiter at line: (.+?), position");

    /** RFC 4180 records with the line each starts on; blank lines are skipped. */
    static List<Row> parse(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LineStarts lines = new LineStarts(csv);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, FORMAT)) {
            for (CSVRecord record : parser) {
                List<String> fields = record.toList();
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                int start = lines.recordStart((int) record.getCharacterPosition());
                refuseQuoteInUnquotedField(csv, start, fields, lines);
                rows.add(new Row(lines.lineOf(start), List.copyOf(fields)));
            }
        } catch (UncheckedIOException failed) {
            throw brokenQuoting(failed.getCause());
        } catch (IOException failed) {
            throw brokenQuoting(failed);
        }
        return rows;
    }

    /**
     * Commons CSV takes a double quote inside an unquoted field as text; RFC 4180 does not allow it and neither do we
     * (such a field is almost always a value whose quoting went wrong). A value that holds a quote came from a quoted
     * field only if its quoted spelling (quotes doubled, the whole in quotes) is in the record's text.
     */
    private static void refuseQuoteInUnquotedField(String csv, int start, List<String> fields, LineStarts lines) {
        for (String value : fields) {
            if (value.indexOf('"') < 0) {
                continue;
            }
            String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
            int at = csv.indexOf(quoted, start);
            if (at < 0) {
                int quote = csv.indexOf(value.strip(), start);
                int line = quote < 0 ? lines.lineOf(start) : lines.lineOf(csv.indexOf('"', quote));
                throw new OrderFileException("line " + line + ": a double quote inside an unquoted field; quote the"
                        + " whole field and double the quote (\"\")");
            }
        }
    }

    private static OrderFileException brokenQuoting(IOException failed) {
        String message = String.valueOf(failed.getMessage());
        Matcher neverClosed = NEVER_CLOSED.matcher(message);
        if (neverClosed.find()) {
            return new OrderFileException("line " + digits(neverClosed.group(1)) + ": a quoted field is never closed");
        }
        Matcher afterQuote = AFTER_QUOTE.matcher(message);
        if (afterQuote.find()) {
            return new OrderFileException("line " + digits(afterQuote.group(1))
                    + ": text after the closing quote of a field");
        }
        return new OrderFileException("the file is not readable CSV: " + message);
    }

    /** The number in a message formatted with the default locale's grouping ("1,234", "1.234"). */
    private static String digits(String formatted) {
        return formatted.replaceAll("\\D", "");
    }

    /** Where each line of the text starts (a line ends at CRLF, LF or CR), to name a record by its line. */
    private static final class LineStarts {
        private final String text;
        private final List<Integer> starts = new ArrayList<>();

        LineStarts(String text) {
            this.text = text;
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (c == '\r' || c == '\n') {
                    starts.add(i + 1);
                }
            }
        }

        /** A record's position is where the parser stood before it, ahead of the empty lines it skipped. */
        int recordStart(int position) {
            int start = position;
            while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) {
                start++;
            }
            return start;
        }

        /** The 1-based line of a character position. */
        int lineOf(int position) {
            int found = Collections.binarySearch(starts, position);
            return found >= 0 ? found + 1 : -found - 1;
        }
    }
}
