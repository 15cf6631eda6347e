package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.edi.EdiReport.Status;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an EDI file (X12 or EDIFACT, one or more interchanges) with StAEDI, validates envelopes and, where
 * {@code edi-specs/} has a schema, each transaction; reports control numbers and every problem with its position,
 * and maps each purchase order to a canonical order through {@link EdiOrderMapping}.
 *
 * <p><b>Two passes, so that memory does not grow with the number of orders in a file.</b> An interchange's envelope
 * is only known to be sound at its end (IEA / UNZ count and control number), and an interchange whose envelope is
 * rejected is rejected as a whole: no order of it may enter the pipeline before the whole interchange has been read.
 * Keeping every mapped order until then would make memory grow with the file (a file within {@link EdiLimits} can
 * hold hundreds of thousands of small 850s). So the runtime ({@link EdiIntake}) reads a file twice:
 * <ol>
 * <li>{@link #inspectWithoutOrders}: everything {@link #inspect} does (envelopes, schemas, mapping and the business
 * rules of each order, hence the same statuses and problems) but each canonical order is dropped once checked: the
 * report keeps, per transaction set, only its status, problems, control numbers and keys.</li>
 * <li>{@link #orders}: for the interchanges that passed, the same bytes are read again, in file order, and each
 * accepted purchase order is built and mapped again when it is asked for, so that at most one mapped order is held
 * at a time. The second reading is the same code on the same bytes with the same schemas (so the same StAEDI events
 * and the same loops the mapping depends on): it gives the order the first one checked. It costs a second
 * validating read of accepted files (see docs/performance.md).</li>
 * </ol>
 * {@link #inspect} keeps everything in one pass (for {@code edi inspect}, which prints the orders). The intake uses
 * {@link #inspectForIntake}: the first reading keeps the mapped orders of a file while they stay within
 * {@link EdiLimits#maxKeptOrderSegments()}, so a file of ordinary size is read once in all, and only the orders of a
 * larger file beyond that bound are read a second time.
 */
final class EdiInspector {

    /** A transaction set of a version edi-specs has no schema for, read with the nearest version's: a warning. */
    static final String NEAREST_SCHEMA = "NEAREST_SCHEMA";
    /**
     * An element that breaks a rule of the nearest version's schema that may not be its own version's (its length,
     * code list, date form, type, presence): a warning, where the version's own schema would make it an error.
     */
    static final String VERSION_DIFFERENCE = "VERSION_DIFFERENCE";
    private static final Set<String> VERSION_DEPENDENT = Set.of("DATA_ELEMENT_TOO_SHORT", "DATA_ELEMENT_TOO_LONG",
            "INVALID_DATE", "INVALID_TIME", "INVALID_CODE_VALUE", "INVALID_CHARACTER_DATA", "TOO_MANY_DATA_ELEMENTS",
            "TOO_MANY_COMPONENTS", "REQUIRED_DATA_ELEMENT_MISSING");
    /** An error at an element the sender's partner profile tolerates ({@code tolerate}): a warning. */
    static final String TOLERATED = "TOLERATED";
    /** Problems that are warnings: they leave a transaction set, group or interchange accepted. */
    static final Set<String> WARNINGS = Set.of("NO_SCHEMA", NEAREST_SCHEMA, VERSION_DIFFERENCE, TOLERATED);


    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NON_PRINTABLE_ISA16 = "the component separator (ISA16) is a control character:"
            + " accepted as the separator";
    /** A control character in an element (reported in acknowledgements as invalid character data). */
    public static final String CONTROL_CHARACTER = "CONTROL_CHARACTER";
    /** CTT / CNT disagrees with the lines or quantities of the transaction set (reported as an invalid value). */
    public static final String CONTROL_TOTAL_MISMATCH = "CONTROL_TOTAL_MISMATCH";
    /** Problems kept per transaction set. */
    static final int MAX_PROBLEMS = 100;

    private final EdiSpecs specs;
    private final EdiOrderMapping mapping;
    private final EdiLimits limits;
    private final io.ordersync.order.OrderValidator orderRules;

    public EdiInspector(EdiSpecs specs, EdiOrderMapping mapping) {
        this(specs, mapping, EdiLimits.DEFAULTS);
    }

    public EdiInspector(EdiSpecs specs, EdiOrderMapping mapping, EdiLimits limits) {
        this(specs, mapping, limits, new io.ordersync.order.OrderValidator());
    }

    /** With the business rules (and their limits) every channel's orders meet. */
    public EdiInspector(EdiSpecs specs, EdiOrderMapping mapping, EdiLimits limits,
                        io.ordersync.order.OrderValidator orderRules) {
        this.specs = specs;
        this.mapping = mapping;
        this.limits = limits;
        this.orderRules = orderRules;
    }

    /** The bounds this inspector reads within. */
    public EdiLimits limits() {
        return limits;
    }

    /** One pass, everything kept: the report with the canonical order of each accepted purchase order. */
    public EdiReport inspect(String fileName, byte[] raw) {
        return inspect(fileName, raw, true);
    }

    /**
     * Pass 1 of the runtime intake: the report {@link #inspect} gives, with the same statuses and problems (each
     * order is mapped and checked), but without the canonical orders: read them with {@link #orders}.
     */
    public EdiReport inspectWithoutOrders(String fileName, byte[] raw) {
        return inspect(fileName, raw, false);
    }

    /**
     * The runtime intake's first reading: the report of {@link #inspect}, keeping the canonical orders while the
     * segments of the orders kept stay within {@link EdiLimits#maxKeptOrderSegments()} (most files: one reading in
     * all); the orders beyond are not kept (their {@code canonicalOrder} is null) and are read again with
     * {@link #orders}.
     */
    public EdiReport inspectForIntake(String fileName, byte[] raw) {
        return inspect(fileName, raw, limits.maxKeptOrderSegments());
    }

    private EdiReport inspect(String fileName, byte[] raw, boolean keepOrders) {
        return inspect(fileName, raw, keepOrders ? Long.MAX_VALUE : 0);
    }

    private EdiReport inspect(String fileName, byte[] raw, long keptSegments) {
        try {
            return read(fileName, new ByteArrayInputStream(raw), raw.length, keptSegments);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Streams the input, everything kept as by {@link #inspect(String, byte[])}: memory stays bounded by
     * {@link EdiLimits} and the number of purchase orders, not by the file's size.
     */
    public EdiReport inspect(String fileName, java.io.InputStream raw, long size) throws IOException {
        return read(fileName, raw, size, Long.MAX_VALUE);
    }

    /**
     * Pass 2 of the runtime intake: the canonical orders of {@code raw}, which {@link #inspectWithoutOrders} has
     * read, one at a time. Nothing is read before the first order is asked for; it holds only the bytes given.
     */
    public Orders orders(byte[] raw) {
        return new Orders(raw);
    }

    private EdiReport read(String fileName, java.io.InputStream raw, long size, long keptSegments)
            throws IOException {
        if (size > limits.maxFileBytes()) {
            Reading tooLarge = new Reading(fileName, List.of(), keptSegments, false);
            tooLarge.fileProblems.add(EdiProblem.file("FILE_TOO_LARGE", "the file has " + size
                    + " bytes, more than the limit of " + limits.maxFileBytes()));
            return tooLarge.report();
        }
        EdiInput input = EdiInput.prepare(raw);
        Reading reading = new Reading(fileName, input.warnings, keptSegments, false);
        if (!input.envelopeProblems.isEmpty()) {
            // the parser takes its delimiters from this header: read with broken ones, it would blame every segment
            // after it instead
            reading.fileProblems.addAll(input.envelopeProblems);
            return reading.report();
        }
        try (EDIStreamReader reader = newReader(input)) {
            while (reader.hasNext() && !reading.stopped) {
                reading.on(reader.next(), reader);
            }
        } catch (EDIStreamException | RuntimeException e) {
            reading.fail(e);
        }
        return reading.report();
    }

    private static EDIStreamReader newReader(EdiInput input) {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        // CR/LF after segment terminators and line wraps are noise, taken out before (EdiInput); every other
        // character reaches the reader, so that a control character in an element is reported, not dropped
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, false);
        return factory.createEDIStreamReader(input.stream);
    }

    /**
     * The canonical orders of a file that {@link #inspectWithoutOrders} has read (pass 2), re-read from its bytes on
     * request. Asked in file order, the file is read once; asked for an earlier transaction set, it is read again
     * from the start. Holds one transaction set's JSON form and one mapped order at a time.
     */
    public final class Orders {

        private final byte[] raw;
        private EDIStreamReader reader;
        private Reading reading;

        private Orders(byte[] raw) {
            this.raw = raw;
        }

        /**
         * The canonical order of an accepted transaction set of this file's report (the one {@link #inspect} would
         * have kept), or null when its type maps to no order (acknowledgements, 856s, ...).
         *
         * @throws IllegalArgumentException when the transaction set was not accepted or not read from a file
         * @throws IllegalStateException    when reading it again does not find it as the first reading did
         */
        public JsonNode of(EdiReport.Transaction transaction) {
            if (mapping == null || transaction.type() == null || !mapping.maps(transaction.type())) {
                return null;
            }
            if (transaction.status() != Status.ACCEPTED || transaction.ordinal() < 0) {
                throw new IllegalArgumentException("only an accepted transaction set read from this file maps to an"
                        + " order: " + transaction.type() + " " + transaction.controlNumber());
            }
            if (reader == null || transaction.ordinal() <= reading.ordinal) {
                open();
            }
            reading.want(transaction.ordinal());
            try {
                while (!reading.found && !reading.stopped && reader.hasNext()) {
                    reading.on(reader.next(), reader);
                }
            } catch (EDIStreamException | RuntimeException e) {
                throw new IllegalStateException("reading transaction set " + transaction.type() + " "
                        + transaction.controlNumber() + " again failed: " + e.getMessage(), e);
            }
            TransactionState again = reading.transaction;
            if (!reading.found || !java.util.Objects.equals(again.type, transaction.type())
                    || !java.util.Objects.equals(again.controlNumber, transaction.controlNumber())) {
                throw new IllegalStateException("transaction set " + transaction.type() + " "
                        + transaction.controlNumber() + " (#" + transaction.ordinal() + ") is not where the first"
                        + " reading found it");
            }
            reading.transaction = null;
            return reading.order;
        }

        private void open() {
            try {
                EdiInput input = EdiInput.prepare(new ByteArrayInputStream(raw));
                reading = new Reading("(again)", input.warnings, 0, true);
                reader = newReader(input);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * Mutable state of one pass over a file. A report pass keeps what {@link #report()} returns; a replay (pass 2)
     * keeps nothing and builds only the transaction set it {@linkplain #want wants}, setting the same schemas as the
     * report pass so that StAEDI produces the same events.
     */
    private final class Reading {
        /** Segments whose values a replay needs outside the wanted transaction set: schema lookup and mapping input. */
        private static final Set<String> HEADERS = Set.of("ISA", "UNB", "GS", "UNG", "ST", "UNH");

        private final String fileName;
        private final List<String> warnings;
        private final List<EdiProblem> fileProblems = new ArrayList<>();
        private final List<EdiReport.Interchange> interchanges = new ArrayList<>();
        /** Segments of canonical orders that may still be kept in the report; once one is not kept, none is. */
        private long keptSegmentsLeft;
        private final boolean replay;
        /** Transaction types, versions and schema names, held once and not once per transaction set. */
        private final Map<String, String> shared = new HashMap<>();
        /** Ordinal of the last transaction set started. */
        private int ordinal = -1;
        private int wanted = -1;
        private boolean found;
        private JsonNode order;
        private boolean collecting = true;

        private InterchangeState interchange;
        private GroupState group;
        private TransactionState transaction;
        private String segmentTag;
        private int segmentPosition;
        private long segments;
        private boolean stopped;
        private final Map<Integer, List<String>> elements = new LinkedHashMap<>();
        /** Where the last control character was reported (segment:element:component), so it is reported once. */
        private String controlCharacterAt;

        Reading(String fileName, List<String> warnings, long keptSegments, boolean replay) {
            this.fileName = fileName;
            this.warnings = new ArrayList<>(warnings);
            this.keptSegmentsLeft = keptSegments;
            this.replay = replay;
        }

        /** Replay: build and map the transaction set of this ordinal when it comes. */
        void want(int ordinal) {
            wanted = ordinal;
            found = false;
            order = null;
        }

        void on(EDIStreamEvent event, EDIStreamReader reader) {
            if (event.isError()) {
                if (!replay) {
                    problem(reader);
                }
                return;
            }
            switch (event) {
                case START_INTERCHANGE -> interchange = new InterchangeState(reader.getStandard(),
                        String.join(":", reader.getVersion()), reader.getDelimiters());
                case END_INTERCHANGE -> {
                    interchange.complete = true;
                    if (!replay) {
                        interchanges.add(interchange.build());
                    }
                    interchange = null;
                }
                case START_GROUP -> group = new GroupState();
                case END_GROUP -> {
                    if (!replay) {
                        interchange.groups.add(group.build());
                    }
                    group = null;
                }
                case START_TRANSACTION -> {
                    ordinal++;
                    transaction = new TransactionState(limits.maxMappedSegments(), ordinal,
                            !replay || ordinal == wanted);
                }
                case END_TRANSACTION -> endTransaction();
                case START_LOOP -> {
                    if (transaction != null) {
                        transaction.startLoop();
                    }
                }
                case END_LOOP -> {
                    if (transaction != null) {
                        transaction.endLoop();
                    }
                }
                case START_SEGMENT -> {
                    if (++segments > limits.maxSegments()) {
                        stop("SEGMENT_LIMIT_EXCEEDED", "the file has more than " + limits.maxSegments()
                                + " segments; reading stopped");
                        return;
                    }
                    segmentTag = reader.getText();
                    segmentPosition = reader.getLocation().getSegmentPosition();
                    elements.clear();
                    collecting = !replay || HEADERS.contains(segmentTag)
                            || transaction != null && transaction.building;
                }
                case ELEMENT_DATA -> {
                    if (reader.getTextLength() > limits.maxElementLength()) {
                        stop("ELEMENT_LIMIT_EXCEEDED", "element " + segmentTag + " #" + segmentPosition
                                + " is longer than " + limits.maxElementLength() + " characters; reading stopped");
                        return;
                    }
                    if (!replay && reader.getTextLength() > 0 && !("ISA".equals(segmentTag)
                            && reader.getLocation().getElementPosition() == 16)) {
                        // (ISA16 is the component separator itself, a control character for some partners)
                        refuseControlCharacters(reader);
                    }
                    if (!collecting) {
                        return;
                    }
                    Location at = reader.getLocation();
                    List<String> components = elements.computeIfAbsent(at.getElementPosition(), k -> new ArrayList<>());
                    int component = Math.max(at.getComponentPosition(), 1);
                    while (components.size() < component) {
                        components.add(null);
                    }
                    components.set(component - 1, reader.getText());
                }
                case END_SEGMENT -> endSegment(reader);
                default -> {
                    // composites and binary data need no handling of their own
                }
            }
        }

        private void endSegment(EDIStreamReader reader) {
            switch (segmentTag) {
                case "ISA" -> interchange.isa(this::value);
                case "UNB" -> interchange.unb(this::value);
                case "GS", "UNG" -> group.header(segmentTag, this::value);
                case "ST" -> startTransaction(reader, "X12", group == null ? null : group.version,
                        value(1, 1), value(2, 1));
                case "UNH" -> startTransaction(reader, "EDIFACT",
                        value(2, 2) == null ? null : value(2, 2) + value(2, 3), value(2, 1), value(1, 1));
                default -> {
                }
            }
            if (transaction != null) {
                transaction.segment(segmentTag, transaction.building ? elementsAsJson() : null);
                if (!replay) {
                    transaction.totals.see(interchange.standard, transaction.type, segmentTag, segmentPosition,
                            this::value);
                }
            }
        }

        private void startTransaction(EDIStreamReader reader, String standard, String version, String type,
                                      String controlNumber) {
            transaction.type = shared(type);
            transaction.controlNumber = controlNumber;
            transaction.version = shared(version);
            String pinned = type == null ? null : profileSchemaVersion(version);
            Optional<Schema> schema = type == null || pinned != null ? Optional.empty()
                    : specs.find(standard, version, type);
            Optional<EdiSpecs.Nearest> nearest = schema.isPresent() || type == null ? Optional.empty()
                    : pinned != null ? specs.find(standard, pinned, type).map(s -> new EdiSpecs.Nearest(s,
                            specs.root().relativize(specs.file(standard, pinned, type)).toString()))
                    : specs.nearest(standard, version, type);
            if (schema.isPresent()) {
                reader.setTransactionSchema(schema.get());
                transaction.schema = shared(specs.root().relativize(specs.file(standard, version, type)).toString());
            } else if (nearest.isPresent()) {
                // read without a schema, a set has no loops, so none of its lines would be mapped
                reader.setTransactionSchema(nearest.get().schema());
                transaction.schema = shared(nearest.get().file());
                transaction.nearestSchema = true;
                transaction.problems.add(new EdiProblem(NEAREST_SCHEMA, segmentTag, segmentPosition, null, null,
                        version, pinned != null ? standard + " " + version + " " + type + ": validated and mapped"
                        + " against " + nearest.get().file() + ", as the partner profile says for " + version
                        + " (schemaVersions)" : "no schema in edi-specs for " + standard + " " + version + " "
                        + type + ": validated and mapped against " + nearest.get().file() + ", the nearest version of "
                        + type));
                transaction.warningOnly = true;
            } else {
                // the previous transaction's schema must not judge this one
                reader.setTransactionSchema(null);
                transaction.problems.add(new EdiProblem("NO_SCHEMA", segmentTag, segmentPosition, null, null, type,
                        "no schema in edi-specs for " + standard + " " + version + " " + type
                                + ": envelope checked, content not validated"));
                transaction.warningOnly = true;
            }
        }

        private String shared(String text) {
            return text == null ? null : shared.computeIfAbsent(text, t -> t);
        }

        private void endTransaction() {
            if (replay) {
                if (transaction.building) {
                    // kept for the caller's check, until it takes the order
                    order = transaction.map(interchange, group, mapping);
                    found = true;
                } else {
                    transaction = null;
                }
                return;
            }
            transaction.totals.check(transaction.type).forEach(transaction::add);
            boolean keep = transaction.segmentCount <= keptSegmentsLeft;
            EdiReport.Transaction built = transaction.build(interchange, group, mapping, keep, orderRules);
            if (built.canonicalOrder() != null) {
                keptSegmentsLeft -= transaction.segmentCount;
            } else if (!keep) {
                keptSegmentsLeft = 0;
            }
            if (group != null) {
                group.transactions.add(built);
            } else {
                interchange.transactions.add(built);
            }
            transaction = null;
        }

        private String value(int element, int component) {
            List<String> components = elements.get(element);
            if (components == null || components.size() < component) {
                return null;
            }
            String text = components.get(component - 1);
            return text == null || text.isBlank() ? null : text.strip();
        }

        private ArrayNode elementsAsJson() {
            ArrayNode array = JSON.arrayNode();
            int last = elements.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int position = 1; position <= last; position++) {
                List<String> components = elements.get(position);
                if (components == null) {
                    array.addNull();
                } else if (components.size() == 1) {
                    array.add(blankToNull(components.get(0)));
                } else {
                    ArrayNode composite = array.addArray();
                    components.forEach(c -> composite.add(blankToNull(c)));
                }
            }
            return array;
        }

        /** Empty elements are absent (null), so mappings never see "" where a value is expected. */
        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text;
        }

        /**
         * A control character (U+0000-U+001F, U+007F) inside an element's value: no X12 or EDIFACT character set
         * has them, and dropping them would change the data. Reported as invalid character data at the element
         * (997 AK4 6, CONTRL 21), so the transaction set or envelope it is in is rejected.
         */
        private void refuseControlCharacters(EDIStreamReader reader) {
            String text = reader.getText();
            int at = -1;
            for (int i = 0; i < text.length() && at < 0; i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    at = i;
                }
            }
            if (at < 0) {
                return;
            }
            Location where = reader.getLocation();
            String segment = where.getSegmentTag() != null ? where.getSegmentTag() : segmentTag;
            String key = where.getSegmentPosition() + ":" + where.getElementPosition() + ":"
                    + where.getComponentPosition();
            if (key.equals(controlCharacterAt)) {
                return; // the reader reported it already (as invalid character data), rewritten as this
            }
            record(new EdiProblem(CONTROL_CHARACTER, segment, where.getSegmentPosition() > 0
                    ? where.getSegmentPosition() : null, where.getElementPosition() > 0 ? where.getElementPosition()
                    : null, where.getComponentPosition() > 0 ? where.getComponentPosition() : null, null,
                    String.format("control character 0x%02X at character %d of the value: refused, not dropped",
                            (int) text.charAt(at), at + 1)));
        }

        private void record(EdiProblem problem) {
            if (transaction != null) {
                transaction.add(problem);
            } else if (group != null) {
                group.problems.add(problem);
            } else if (interchange != null) {
                interchange.problems.add(problem);
            } else {
                fileProblems.add(problem);
            }
        }

        private void problem(EDIStreamReader reader) {
            Location at = reader.getLocation();
            String code = reader.getErrorType().name();
            Integer element = at.getElementPosition() > 0 ? at.getElementPosition() : null;
            Integer component = at.getComponentPosition() > 0 ? at.getComponentPosition() : null;
            String value = reader.hasText() ? reader.getText() : null;
            String segment = at.getSegmentTag() != null ? at.getSegmentTag() : segmentTag;
            if ("ISA".equals(segment) && Integer.valueOf(16).equals(element) && interchange != null
                    && interchange.controlComponentSeparator) {
                // StAEDI takes a control character in ISA16 as the component separator (see the delimiters) but
                // then judges ISA16's value missing or invalid: the separator is the partner's choice, not an error
                if (!warnings.contains(NON_PRINTABLE_ISA16)) {
                    warnings.add(NON_PRINTABLE_ISA16);
                }
                return;
            }
            if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                // the reader's own report of a control character: said once, as ordersync's, without the raw bytes
                controlCharacterAt = at.getSegmentPosition() + ":" + at.getElementPosition() + ":"
                        + at.getComponentPosition();
                int first = 0;
                while (value.charAt(first) >= 0x20 && value.charAt(first) != 0x7F) {
                    first++;
                }
                record(new EdiProblem(CONTROL_CHARACTER, segment, at.getSegmentPosition() > 0
                        ? at.getSegmentPosition() : null, element, component, null, String.format("control character"
                        + " 0x%02X at character %d of the value: refused, not dropped", (int) value.charAt(first),
                        first + 1)));
                return;
            }
            String message = EdiMessages.describe(code, segment, element, component, value);
            PartnerProfiles.Deviation deviation = tolerated(segment, element, code);
            if (deviation != null) {
                // a deviation the partner's profile accepts (tolerate): a warning that says which and why
                record(new EdiProblem(TOLERATED, segment, at.getSegmentPosition() > 0 ? at.getSegmentPosition()
                        : null, element, component, value, message + " (" + code + "): tolerated by the partner"
                        + " profile: " + deviation.why()));
                return;
            }
            if (transaction != null && transaction.nearestSchema && VERSION_DEPENDENT.contains(code)) {
                // a rule of the nearest version's element, which the set's own version may not have (003010's
                // BEG05 is a six-digit date, 004010's eight): a warning, so that the set is still mapped
                record(new EdiProblem(VERSION_DIFFERENCE, segment, at.getSegmentPosition() > 0
                        ? at.getSegmentPosition() : null, element, component, value, message + " (by the rule of "
                        + transaction.schema + ", " + code + "; " + transaction.version + " may differ): read anyway"));
                return;
            }
            record(new EdiProblem(code, segment, at.getSegmentPosition() > 0 ? at.getSegmentPosition() : null,
                    element, component, value, message));
        }

        /** The partner profile of the interchange's sender, once its header is read; empty without one. */
        private Optional<PartnerProfiles.Profile> senderProfile() {
            if (interchange == null || interchange.senderId == null || mapping == null || mapping.partners() == null) {
                return Optional.empty();
            }
            return mapping.partners().bySender(interchange.standard, interchange.senderQualifier,
                    interchange.senderId);
        }

        /** The edi-specs version the sender's partner profile names for {@code version} (schemaVersions), or null. */
        private String profileSchemaVersion(String version) {
            return senderProfile().map(p -> p.schemaVersion(version)).orElse(null);
        }

        /** The deviation the sender's partner profile tolerates for this error, or null (strict by default). */
        private PartnerProfiles.Deviation tolerated(String segment, Integer element, String code) {
            return senderProfile().flatMap(p -> p.tolerated(segment, element, code)).orElse(null);
        }

        private void stop(String code, String message) {
            stopped = true;
            fileProblems.add(EdiProblem.file(code, message));
            if (interchange != null && !replay) {
                interchanges.add(interchange.build());
                interchange = null;
            }
        }

        void fail(Exception e) {
            String where = segmentTag == null ? "" : " (at segment " + segmentTag + " #" + segmentPosition + ")";
            String why = printable(String.valueOf(e.getMessage()));
            if (interchange == null && !interchanges.isEmpty()) {
                EdiReport.Interchange last = interchanges.get(interchanges.size() - 1);
                fileProblems.add(EdiProblem.file("DATA_AFTER_INTERCHANGE", "what follows the trailer of interchange "
                        + last.controlNumber() + " is no interchange and was not read (the interchanges before it"
                        + " were): " + why));
            } else {
                fileProblems.add(EdiProblem.file("UNREADABLE", "the file cannot be read as X12 or EDIFACT" + where
                        + ": " + why));
            }
            if (interchange != null && !replay) {
                interchanges.add(interchange.build());
                interchange = null;
            }
        }

        EdiReport report() {
            Status status;
            if (interchanges.isEmpty()) {
                status = Status.UNUSABLE;
                if (fileProblems.isEmpty()) {
                    fileProblems.add(EdiProblem.file("NO_INTERCHANGE", "no ISA or UNB interchange found"));
                }
            } else if (!fileProblems.isEmpty()
                    || interchanges.stream().anyMatch(i -> i.status() != Status.ACCEPTED)) {
                status = Status.REJECTED;
            } else {
                status = Status.ACCEPTED;
            }
            return new EdiReport(fileName, status, warnings, fileProblems, interchanges);
        }
    }

    /** Text for people and answers: control characters shown as 0xNN, never passed on raw. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7F ? String.format("0x%02X", c) : (char) c));
        return out.toString();
    }

    @FunctionalInterface
    private interface Values {
        String get(int element, int component);
    }

    private static final class InterchangeState {
        final String standard;
        final String syntax;
        final Map<String, String> delimiters = new LinkedHashMap<>();
        final List<EdiProblem> problems = new ArrayList<>();
        final List<EdiReport.Group> groups = new ArrayList<>();
        final List<EdiReport.Transaction> transactions = new ArrayList<>();
        String senderQualifier;
        String senderId;
        String receiverQualifier;
        String receiverId;
        String controlNumber;
        String date;
        String time;
        String testIndicator;
        /** Read to its trailer. */
        boolean complete;

        /** ISA16, the component separator, is a control character (e.g. 0x1F). */
        final boolean controlComponentSeparator;

        InterchangeState(String standard, String syntax, Map<String, Character> delimiters) {
            this.standard = standard;
            this.syntax = syntax;
            delimiters.forEach((key, value) -> this.delimiters.put(key.substring(key.lastIndexOf('.') + 1),
                    printable(value)));
            Character component = delimiters.entrySet().stream().filter(e -> e.getKey().endsWith("componentElement"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            this.controlComponentSeparator = component != null && Character.isISOControl(component);
        }

        void isa(Values v) {
            senderQualifier = v.get(5, 1);
            senderId = v.get(6, 1);
            receiverQualifier = v.get(7, 1);
            receiverId = v.get(8, 1);
            date = v.get(9, 1);
            time = v.get(10, 1);
            controlNumber = v.get(13, 1);
            testIndicator = v.get(15, 1);
        }

        void unb(Values v) {
            senderId = v.get(2, 1);
            senderQualifier = v.get(2, 2);
            receiverId = v.get(3, 1);
            receiverQualifier = v.get(3, 2);
            date = v.get(4, 1);
            time = v.get(4, 2);
            controlNumber = v.get(5, 1);
            testIndicator = "1".equals(v.get(11, 1)) ? "T" : "P";
        }

        EdiReport.Interchange build() {
            Status status = worst(problems, groups.stream().map(EdiReport.Group::status).toList(),
                    transactions.stream().map(EdiReport.Transaction::status).toList());
            return new EdiReport.Interchange(standard, syntax, senderQualifier, senderId, receiverQualifier,
                    receiverId, controlNumber, date, time, testIndicator, delimiters, status, problems, groups,
                    transactions, complete);
        }

        private static String printable(Character c) {
            return c == null ? null : c < 0x20 || c == 0x7F ? String.format("0x%02X", (int) c) : String.valueOf(c);
        }
    }

    private static final class GroupState {
        final List<EdiProblem> problems = new ArrayList<>();
        final List<EdiReport.Transaction> transactions = new ArrayList<>();
        String functionalId;
        String senderCode;
        String receiverCode;
        String controlNumber;
        String version;

        void header(String tag, Values v) {
            if ("GS".equals(tag)) {
                functionalId = v.get(1, 1);
                senderCode = v.get(2, 1);
                receiverCode = v.get(3, 1);
                controlNumber = v.get(6, 1);
                version = v.get(8, 1);
            } else {
                functionalId = v.get(1, 1);
                senderCode = v.get(2, 1);
                receiverCode = v.get(3, 1);
                controlNumber = v.get(5, 1);
                version = v.get(7, 2) == null ? null : "D" + v.get(7, 2) + v.get(7, 3);
            }
        }

        EdiReport.Group build() {
            return new EdiReport.Group(functionalId, senderCode, receiverCode, controlNumber, version,
                    worst(problems, transactions.stream().map(EdiReport.Transaction::status).toList(), List.of()),
                    problems, transactions);
        }
    }

    /**
     * The control totals a transaction set states about itself, checked against what it holds: X12 CTT01 (number of
     * line items: PO1 in an 850/855, IT1 in an 810, POC in an 860) and, in an 850, CTT02 (hash total of the line
     * quantities PO102), EDIFACT CNT with qualifier 2 (number of LIN). A sender's wrong total means the set
     * is not what it meant to send: reported as an invalid value of that element (997 AK4 7, CONTRL UCD 12).
     */
    private static final class ControlTotals {
        private static final Map<String, String> X12_LINE = Map.of("850", "PO1", "855", "PO1", "810", "IT1",
                "860", "POC");
        /** The hash total is checked where its element is agreed: the 850's PO102 (other sets differ by partner). */
        private static final Set<String> X12_HASHED = Set.of("850");

        int lines;
        java.math.BigDecimal quantities = java.math.BigDecimal.ZERO;
        boolean quantitiesReadable = true;
        /** The stated totals: tag, position, element, value. */
        private final List<Object[]> totals = new ArrayList<>();

        void see(String standard, String type, String tag, int position, Values v) {
            if ("X12".equals(standard) && type != null && tag.equals(X12_LINE.get(type))) {
                lines++;
                if (X12_HASHED.contains(type)) {
                    String quantity = v.get(2, 1);
                    try {
                        quantities = quantities.add(new java.math.BigDecimal(quantity == null ? "0" : quantity));
                    } catch (NumberFormatException | ArithmeticException e) {
                        quantitiesReadable = false; // the element's own error says why
                    }
                }
            } else if ("X12".equals(standard) && "CTT".equals(tag) && X12_LINE.containsKey(type)) {
                totals.add(new Object[] {"CTT", position, 1, v.get(1, 1)});
                if (X12_HASHED.contains(type) && v.get(2, 1) != null) {
                    totals.add(new Object[] {"CTT", position, 2, v.get(2, 1)});
                }
            } else if ("EDIFACT".equals(standard) && "LIN".equals(tag)) {
                lines++;
            } else if ("EDIFACT".equals(standard) && "CNT".equals(tag) && "2".equals(v.get(1, 1))) {
                totals.add(new Object[] {"CNT", position, 1, v.get(1, 2)});
            }
        }

        List<EdiProblem> check(String type) {
            List<EdiProblem> wrong = new ArrayList<>();
            for (Object[] total : totals) {
                String tag = (String) total[0];
                int element = (Integer) total[2];
                String value = (String) total[3];
                java.math.BigDecimal stated;
                try {
                    stated = new java.math.BigDecimal(value == null ? "" : value.strip());
                } catch (NumberFormatException e) {
                    continue; // not a number: the schema reports the element
                }
                boolean hash = "CTT".equals(tag) && element == 2;
                if (hash && !quantitiesReadable) {
                    continue;
                }
                java.math.BigDecimal actual = hash ? quantities : java.math.BigDecimal.valueOf(lines);
                if (stated.compareTo(actual) != 0) {
                    String what = hash ? "the hash total of the line quantities" : "the number of line items ("
                            + ("CNT".equals(tag) ? "LIN" : X12_LINE.get(type)) + ")";
                    wrong.add(new EdiProblem(CONTROL_TOTAL_MISMATCH, tag, (Integer) total[1], element,
                            "CNT".equals(tag) ? 2 : null, value, tag + " states " + value + " as " + what
                                    + ", the " + type + " has " + actual.toPlainString()));
                }
            }
            return wrong;
        }
    }

    private static final class TransactionState {
        final ControlTotals totals = new ControlTotals();
        final List<EdiProblem> problems = new ArrayList<>();
        final ObjectNode root = JSON.objectNode();
        final Deque<ObjectNode> open = new ArrayDeque<>(List.of(root));
        final Map<String, Integer> segmentCounts = new LinkedHashMap<>();
        final int maxMappedSegments;
        final int ordinal;
        /** Its JSON form is built: always in a report pass, only for the wanted transaction set in a replay. */
        final boolean building;
        boolean loopAwaitingName;
        boolean warningOnly;
        /** Read with the schema of the nearest version (none of its own in edi-specs). */
        boolean nearestSchema;
        boolean tooLargeToMap;
        long omittedProblems;
        String type;
        String controlNumber;
        String version;
        String schema;
        int segmentCount;

        TransactionState(int maxMappedSegments, int ordinal, boolean building) {
            this.maxMappedSegments = maxMappedSegments;
            this.ordinal = ordinal;
            this.building = building;
        }

        /** Problems beyond the first {@link #MAX_PROBLEMS} are counted, not kept: a report stays readable and small. */
        void add(EdiProblem problem) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(problem);
            } else {
                omittedProblems++;
            }
        }

        void startLoop() {
            if (!building) {
                return;
            }
            open.push(JSON.objectNode());
            loopAwaitingName = true;
        }

        void endLoop() {
            if (building && open.size() > 1) {
                open.pop();
            }
        }

        void segment(String tag, ArrayNode elements) {
            segmentCount++;
            if (!building) {
                return;
            }
            segmentCounts.merge(tag, 1, Integer::sum);
            if (segmentCount > maxMappedSegments) {
                // keep counting, stop keeping: the JSON form of a huge transaction is not built
                if (!tooLargeToMap) {
                    tooLargeToMap = true;
                    root.removeAll();
                }
                return;
            }
            if (loopAwaitingName) {
                // a loop is named after the segment that opens it: PO1 opens "PO1_loop"
                ObjectNode loop = open.pop();
                ObjectNode parent = open.peek();
                ArrayNode loops = parent.has(tag + "_loop") ? (ArrayNode) parent.get(tag + "_loop")
                        : parent.putArray(tag + "_loop");
                loops.add(loop);
                open.push(loop);
                loopAwaitingName = false;
            }
            ObjectNode current = open.peek();
            ArrayNode occurrences = current.has(tag) ? (ArrayNode) current.get(tag) : current.putArray(tag);
            occurrences.add(elements);
        }

        /** The canonical order this transaction set maps to (as JSON, not yet checked). */
        JsonNode map(InterchangeState interchange, GroupState group, EdiOrderMapping mapping) {
            return mapping.map(interchange.standard, type, root, interchange.senderQualifier, interchange.senderId,
                    group == null ? null : group.senderCode);
        }

        /** The report's transaction set; its canonical order, mapped and checked, is kept only with keepOrder. */
        EdiReport.Transaction build(InterchangeState interchange, GroupState group, EdiOrderMapping mapping,
                                    boolean keepOrder, io.ordersync.order.OrderValidator orderRules) {
            if (omittedProblems > 0) {
                problems.add(new EdiProblem("MORE_PROBLEMS", null, null, null, null, null, omittedProblems
                        + " more problems in this transaction set are not listed"));
            }
            if (tooLargeToMap && mapping != null && mapping.maps(type)) {
                problems.add(new EdiProblem("TRANSACTION_TOO_LARGE", null, null, null, null, null, "the " + type
                        + " has " + segmentCount + " segments, more than the " + maxMappedSegments
                        + " an order may have"));
            }
            boolean errors = problems.stream().anyMatch(p -> !WARNINGS.contains(p.code()));
            Map<String, Object> keys = EdiOrderMapping.keys(type, root, segmentCounts);
            JsonNode canonical = null;
            if (!errors && mapping != null && mapping.maps(type)) {
                try {
                    canonical = map(interchange, group, mapping);
                    // the same business rules every channel's orders meet
                    var order = io.ordersync.support.Json.mapper().treeToValue(canonical,
                            io.ordersync.order.CanonicalOrder.class);
                    for (var error : orderRules.validate(order)) {
                        if ("currency".equals(error.field()) && order.currency() == null) {
                            // X12 850s rarely carry CUR: the partner's legal entity supplies the currency
                            continue;
                        }
                        problems.add(new EdiProblem("ORDER_INVALID", null, null, null, null, null,
                                "the mapped order breaks a rule: " + error.field() + " " + error.message()));
                        errors = true;
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    problems.add(new EdiProblem("MAPPING_FAILED", null, null, null, null, null,
                            "the " + type + " mapped to something that is not a canonical order: "
                                    + e.getOriginalMessage()));
                    errors = true;
                } catch (RuntimeException e) {
                    problems.add(new EdiProblem("MAPPING_FAILED", null, null, null, null, null,
                            "the " + type + " could not be mapped to a canonical order: " + e.getMessage()));
                    errors = true;
                }
            }
            return new EdiReport.Transaction(type, controlNumber, version, schema, segmentCount,
                    errors ? Status.REJECTED : Status.ACCEPTED, problems, keys, keepOrder ? canonical : null, ordinal);
        }
    }

    private static Status worst(List<EdiProblem> own, List<Status> children, List<Status> more) {
        if (own.stream().anyMatch(p -> !WARNINGS.contains(p.code())) || children.stream().anyMatch(s -> s != Status.ACCEPTED)
                || more.stream().anyMatch(s -> s != Status.ACCEPTED)) {
            return Status.REJECTED;
        }
        return Status.ACCEPTED;
    }
}
