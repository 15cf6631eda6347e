package io.ordersync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.CanonicalOrder;
import io.ordersync.order.IntakeOrigin;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStatus;
import io.ordersync.order.OrderSubmission;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.Correlation;
import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file channel's intake: an order file (CSV, JSON or XML, by its extension) becomes canonical orders through
 * the format's JSLT mapping in {@code mappings/}; the route hands each to the hand-off route (direct:accept-order).
 *
 * <p>A file is one unit: every order in it is mapped and checked before any is stored, so a file is either taken
 * whole (its orders stored, repeats of earlier orders recognised and skipped) or refused whole - kept as a dead
 * letter with its content and the reason naming the file, the place in it and the field - and nothing is stored.
 * A failure while storing (database down) leaves the file where it is, to be read again; orders stored before the
 * failure are then recognised as repeats.
 */
public class FileOrderIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FileOrderIntake.class);

    /**
     * The namespace of the order inbox's duplicate keys: one inbox, which only whoever can write to its directory
     * (ordersync.files.inbox) can send to. A name, not the path, so that moving the directory keeps the keys.
     */
    public static final IntakeOrigin ORIGIN = IntakeOrigin.file("order-inbox");

    /** At most this many problems are listed in a refusal (the count says how many there were). */
    static final int MAX_PROBLEMS_LISTED = 20;

    private static final Pattern LINE_PATH = Pattern.compile("^lines\\[(\\d+)]");

    /** The formats and the mapping file each is mapped with. */
    public enum Format {
        CSV("file-csv-order-to-canonical.jslt"),
        JSON("file-json-order-to-canonical.jslt"),
        XML("file-xml-order-to-canonical.jslt");

        final String mapping;

        Format(String mapping) {
            this.mapping = mapping;
        }

        /** The format a file name's extension stands for, or null. */
        public static Format of(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (name.endsWith("." + format.name().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            return null;
        }
    }

    /** What became of a file that was taken. */
    public record Outcome(String file, int orders, int accepted, int duplicates, int rejected) {}

    /** A whole file refused: nothing of it was stored; the reason names the file, the place and the field. */
    public static class FileOrderRejectedException extends RuntimeException {
        public FileOrderRejectedException(String message) {
            super(message);
        }
    }

    private final OrderIntake orders;
    private final DeadLetters deadLetters;
    private final Map<Format, Expression> mappings = new EnumMap<>(Format.class);
    private final long maxBytes;

    /** Compiles the three mappings now: a mistake in one stops the start with the file and position. */
    public FileOrderIntake(OrderIntake orders, DeadLetters deadLetters, Path mappingsDir, long maxBytes) {
        this.orders = orders;
        this.deadLetters = deadLetters;
        this.maxBytes = maxBytes;
        for (Format format : Format.values()) {
            Path file = mappingsDir.resolve(format.mapping);
            try {
                mappings.put(format, Parser.compileString(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the mapping " + file, e);
            } catch (JsltException e) {
                throw new IllegalArgumentException("the mapping " + file + " does not compile: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Route step, body: the file's bytes, header {@code CamelFileName}. Every order of the file mapped and checked:
     * their submissions, in the order of the file, which the route hands one by one to the hand-off route; or the
     * file is kept as a dead letter and refused.
     *
     * @throws FileOrderRejectedException when the file is refused (after the dead letter is stored)
     */
    public List<OrderSubmission> receive(Exchange exchange) {
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME, "(unnamed file)", String.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null && length > maxBytes) {
            throw refuse(exchange, fileName, "(" + length + " bytes, not kept here; the file is in the error folder)",
                    fileName + ": the file has " + length + " bytes, more than the " + maxBytes + " accepted"
                            + " (ordersync.files.max-bytes); split it into smaller files");
        }
        byte[] content = exchange.getMessage().getBody(byte[].class);
        if (content == null || content.length == 0) {
            throw refuse(exchange, fileName, "", fileName + ": empty file (0 bytes); an order file holds at least one"
                    + " order");
        }
        List<Mapped> mapped;
        try {
            mapped = map(fileName, content);
        } catch (FileOrderRejectedException refused) {
            throw refuse(exchange, fileName, new String(content, StandardCharsets.UTF_8), refused.getMessage());
        }
        String correlationId = Correlation.current(exchange);
        // each order's journey shows the file it came in (its first OrderMessages.MAX_PAYLOAD_CHARS characters)
        String text = new String(content, StandardCharsets.UTF_8);
        List<OrderSubmission> submissions = new java.util.ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            submissions.add(new OrderSubmission(mapped.get(i).order(), ORIGIN, null, null, correlationId, text,
                    "file " + fileName + (mapped.size() > 1 ? ", order " + (i + 1) + " of " + mapped.size() : "")));
        }
        return submissions;
    }

    /**
     * Route step after the file's orders went through the hand-off route, body: their receipts. What became of the
     * file, logged.
     */
    public Outcome outcome(String fileName, List<OrderIntake.Receipt> receipts) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (OrderIntake.Receipt receipt : receipts) {
            if (Boolean.TRUE.equals(receipt.duplicate())) {
                duplicates++;
            } else if (OrderStatus.REJECTED.name().equals(receipt.status())) {
                rejected++;
            } else {
                accepted++;
            }
        }
        Outcome outcome = new Outcome(fileName, receipts.size(), accepted, duplicates, rejected);
        LOG.info("Order file {}: {} order(s), {} accepted, {} repeat(s) of earlier orders, {} rejected (no legal entity)",
                fileName, outcome.orders(), outcome.accepted(), outcome.duplicates(), outcome.rejected());
        return outcome;
    }

    /** A mapped order of a file: as the mapping wrote it, and read. */
    private record Mapped(String json, CanonicalOrder order) {}

    /**
     * Reads, maps and checks every order of a file without storing anything: the canonical orders (JSON), or a
     * {@link FileOrderRejectedException} listing every problem found.
     */
    public List<String> prepare(String fileName, byte[] content) {
        return map(fileName, content).stream().map(Mapped::json).toList();
    }

    private List<Mapped> map(String fileName, byte[] content) {
        Format format = Format.of(fileName);
        if (format == null) {
            throw new FileOrderRejectedException(fileName + ": unknown file type; order files end in .csv, .json or"
                    + " .xml");
        }
        List<SourceOrder> sourceOrders;
        try {
            sourceOrders = switch (format) {
                case CSV -> CsvOrderReader.read(utf8(content));
                case JSON -> JsonOrderReader.read(content);
                case XML -> XmlOrderReader.read(content);
            };
        } catch (OrderFileException unreadable) {
            throw new FileOrderRejectedException(fileName + ": " + unreadable.getMessage());
        }
        if (sourceOrders.isEmpty()) {
            throw new FileOrderRejectedException(fileName + ": the file holds no orders");
        }

        List<String> problems = new ArrayList<>();
        List<Mapped> mapped = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (SourceOrder source : sourceOrders) {
            JsonNode result;
            try {
                result = mappings.get(format).apply(source.tree());
            } catch (JsltException e) {
                problems.add(source.position() + ": the mapping " + format.mapping + " failed: " + e.getMessage());
                continue;
            }
            if (!(result instanceof ObjectNode order)) {
                problems.add(source.position() + ": the mapping " + format.mapping + " produced no order object");
                continue;
            }
            String where = source.position() + poOf(order);
            List<FieldError> errors = CanonicalValueTypes.apply(order);
            CanonicalOrder read = null;
            CanonicalOrder checked = null;
            String json = null;
            if (errors.isEmpty()) {
                try {
                    json = Json.write(order);
                    read = orders.read(json);
                    checked = orders.check(read, null);
                } catch (OrderValidationException invalid) {
                    errors = invalid.errors();
                }
            }
            for (FieldError error : errors) {
                problems.add(where + ": " + field(error.field(), source) + ": " + error.message());
            }
            if (checked != null) {
                String key = checked.source().system() + ":" + checked.source().partner() + ":"
                        + checked.source().externalId();
                String earlier = seen.putIfAbsent(key, source.position());
                if (earlier != null) {
                    problems.add(where + ": repeats the order at " + earlier + " (same PO number and customer)");
                }
                mapped.add(new Mapped(json, read));
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder reason = new StringBuilder(fileName).append(": refused, nothing stored; ")
                    .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                    .append(" in ").append(sourceOrders.size()).append(sourceOrders.size() == 1 ? " order" : " orders")
                    .append(": ");
            reason.append(String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_LISTED))));
            if (problems.size() > MAX_PROBLEMS_LISTED) {
                reason.append("; and ").append(problems.size() - MAX_PROBLEMS_LISTED).append(" more");
            }
            throw new FileOrderRejectedException(reason.toString());
        }
        return mapped;
    }

    private FileOrderRejectedException refuse(Exchange exchange, String fileName, String payload, String reason) {
        FileOrderRejectedException rejected = new FileOrderRejectedException(reason);
        long id = deadLetters.recordInvalid(exchange, payload, rejected);
        LOG.warn("Order file {} refused (dead letter {}): {}", fileName, id, reason);
        return rejected;
    }

    /** " (PO x)" when the mapped order has a PO number. */
    private static String poOf(ObjectNode order) {
        String po = order.path("source").path("externalId").asText("");
        return po.isEmpty() ? "" : " (PO " + po + ")";
    }

    /** A canonical field path, with the order line's place in the file when it is about a line. */
    private static String field(String path, SourceOrder source) {
        Matcher line = LINE_PATH.matcher(path);
        if (line.find()) {
            String position = source.linePosition(Integer.parseInt(line.group(1)));
            if (position != null) {
                return path + " (" + position + ")";
            }
        }
        return path;
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new OrderFileException("the file is not UTF-8 text");
        }
    }
}
