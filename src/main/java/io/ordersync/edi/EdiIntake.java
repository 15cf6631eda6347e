package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.order.IntakeOrigin;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderSubmission;
import io.ordersync.order.OrderValidationException;
import io.ordersync.support.ApiForbiddenException;
import io.ordersync.support.Callers;
import io.ordersync.support.Correlation;
import io.ordersync.support.ExchangeProperties;
import io.ordersync.support.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EDI channel's intake: inspect the file, find the partner, refuse repeated interchanges (and, where the partner's
 * profile asks, repeated groups and transaction sets) within the partner's window, turn each valid purchase order
 * into a canonical order through the same intake as every channel, match the partner's 997 / 999 / CONTRL to the
 * documents we sent, and keep what was refused.
 *
 * <p>The route ({@code edi-receive}, routes/edi-inbound.camel.yaml) takes the steps: {@link #receive} reads the file,
 * {@link #open} judges each interchange, each purchase order its acknowledgement accepts goes to the hand-off route
 * ({@code direct:accept-order}) through {@link #submission}, {@link #close} records the interchange and writes its
 * acknowledgements, {@link #summary} answers. Memory does not grow with the number of orders in a file (see
 * {@link EdiInspector}): the first reading checks everything and keeps the mapped orders only up to
 * {@link EdiLimits#maxKeptOrderSegments()}; an order beyond the bound is read and mapped a second time when the route
 * comes to it, one at a time.
 */
public class EdiIntake {

    private static final Logger LOG = LoggerFactory.getLogger(EdiIntake.class);


    private final EdiInspector inspector;
    private final PartnerProfiles partners;
    private final EdiInterchangeStore interchanges;
    private final OrderIntake orders;
    private final DeadLetters deadLetters;
    private final EdiSpecs specs;
    private final AckNumbers ackNumbers;
    private final java.nio.file.Path outbox;
    private final java.time.Clock clock;
    private final ReceivedAcknowledgements acknowledgementsReceived;

    EdiIntake(EdiInspector inspector, PartnerProfiles partners, EdiInterchangeStore interchanges,
              OrderIntake orders, DeadLetters deadLetters, EdiSpecs specs,
              AckNumbers ackNumbers, java.nio.file.Path outbox, java.time.Clock clock,
              ReceivedAcknowledgements acknowledgementsReceived) {
        this.inspector = inspector;
        this.partners = partners;
        this.interchanges = interchanges;
        this.orders = orders;
        this.deadLetters = deadLetters;
        this.specs = specs;
        this.ackNumbers = ackNumbers;
        this.outbox = outbox;
        this.clock = clock;
        this.acknowledgementsReceived = acknowledgementsReceived;
    }

    /** A whole file that cannot be used (not EDI, unknown partner): kept as a dead letter, then refused. */
    public static class EdiFileRejectedException extends RuntimeException {
        EdiFileRejectedException(String message) {
            super(message);
        }
    }

    /**
     * An EDI file being taken, from {@link #receive} to {@link #summary}: what was read of it and what became of each
     * of its interchanges so far.
     */
    public static final class EdiFile {
        private final String fileName;
        private final byte[] bytes;
        private final String correlationId;
        private final EdiReport report;
        private final Acknowledgements acks;
        private final EdiInspector.Orders mapped;
        private final List<EdiInterchange> interchanges = new ArrayList<>();
        private final List<Map<String, Object>> results = new ArrayList<>();
        private List<AcknowledgementReader.Interchange> acknowledgementsInFile;
        private TransactionSetText transactionSets;

        private EdiFile(String fileName, byte[] bytes, String correlationId, EdiReport report,
                        Acknowledgements acks, EdiInspector.Orders mapped) {
            this.fileName = fileName;
            this.bytes = bytes;
            this.correlationId = correlationId;
            this.report = report;
            this.acks = acks;
            this.mapped = mapped;
            report.interchanges().forEach(i -> interchanges.add(new EdiInterchange(this, i)));
        }

        /** The file's interchanges, in the order of the file: the route takes them one at a time. */
        public List<EdiInterchange> interchanges() {
            return interchanges;
        }

        /** The text of one transaction set for its order's journey; the file's sets are found once, when first asked. */
        String transactionSetText(int ordinal, String controlNumber) {
            if (transactionSets == null) {
                transactionSets = TransactionSetText.of(bytes);
            }
            return transactionSets.text(ordinal, controlNumber);
        }
    }

    /**
     * One interchange of a file as it is taken: {@link #open} judges it (partner, repeats, acknowledgement verdicts)
     * and lists the purchase orders to take, the route hands each to the hand-off route, {@link #close} records it
     * and writes its acknowledgements.
     */
    public static final class EdiInterchange {
        private final EdiFile file;
        private final EdiReport.Interchange interchange;
        private final Map<String, Object> result = new LinkedHashMap<>();
        /** Problems by the place of their transaction set in the interchange (-1: the envelope), in that order. */
        private final java.util.TreeMap<Integer, String> problems = new java.util.TreeMap<>();
        /** Warnings of accepted sets (read with the nearest version's schema, or with none), by their place. */
        private final java.util.TreeMap<Integer, String> warnings = new java.util.TreeMap<>();
        private final java.util.Set<String> acknowledgementsIn = new java.util.HashSet<>();
        private final List<PurchaseOrder> purchaseOrders = new ArrayList<>();
        private PartnerProfiles.Profile partner;
        private String sender;
        private String receiver;
        /** The trace span the interchange is read in: its acknowledgements are events of it. */
        private io.opentelemetry.api.trace.Span traceSpan;
        private Instant now;
        private DuplicateWindow.Verdict verdict;
        private ContentDuplicates repeated;
        private boolean repeat;
        private int processed;
        private int orderCount;

        private EdiInterchange(EdiFile file, EdiReport.Interchange interchange) {
            this.file = file;
            this.interchange = interchange;
        }

        /**
         * The accepted purchase orders of the interchange, in the order of the file, each mapped only when the route
         * comes to it (an order beyond the inspector's bound is read and mapped a second time then): the route
         * splits over them, streaming, so memory does not grow with their number.
         */
        public java.util.Iterator<PurchaseOrder> purchaseOrders() {
            java.util.Iterator<PurchaseOrder> sets = purchaseOrders.iterator();
            return new java.util.Iterator<>() {
                private PurchaseOrder next;

                @Override
                public boolean hasNext() {
                    while (next == null && sets.hasNext()) {
                        PurchaseOrder candidate = sets.next();
                        EdiReport.Transaction transaction = candidate.transaction();
                        JsonNode canonical = transaction.canonicalOrder() != null ? transaction.canonicalOrder()
                                : file.mapped.of(transaction);
                        if (canonical != null) {
                            next = candidate.mapped(canonical);
                        }
                    }
                    return next != null;
                }

                @Override
                public PurchaseOrder next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    PurchaseOrder taken = next;
                    next = null;
                    return taken;
                }
            };
        }
    }

    /**
     * An accepted purchase order of an interchange: its transaction set, its place there, and once the route comes to
     * it, its canonical order as mapped.
     */
    public record PurchaseOrder(EdiInterchange interchange, int place, EdiReport.Transaction transaction,
                                JsonNode canonical) {
        PurchaseOrder mapped(JsonNode order) {
            return new PurchaseOrder(interchange, place, transaction, order);
        }
    }

    /** What the API answers (and the log says) about a whole file, and its HTTP status. */
    public record Summary(Map<String, Object> answer, int httpStatus) {}

    /**
     * Route step, body: the file's bytes. Refuses a file that cannot be used at all (too large, empty, not EDI, sent
     * under another partner's identity); otherwise the file as read, whose interchanges the route takes one by one
     * ({@link #open}, each purchase order to the hand-off route, {@link #close}), then {@link #summary}.
     *
     * @throws EdiFileRejectedException when nothing in the file can be used
     */
    public EdiFile receive(Exchange exchange) {
        String fileName = Optional.ofNullable(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class))
                .orElse("api-upload");
        refuseIfTooLarge(exchange, fileName);
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            reject(exchange, new byte[0], fileName, "file " + fileName + " is refused: empty file (0 bytes)");
        }
        String correlationId = Correlation.current(exchange);
        // pass 1: every envelope, schema and order of the whole file checked; mapped orders kept up to a bound
        // ... and each interchange against its partner's profile: addressed to us, test indicator, versions
        EdiReport report = PartnerAgreement.check(inspector.inspectForIntake(fileName, bytes), partners);
        if (report.status() == EdiReport.Status.UNUSABLE) {
            String why = report.problems().isEmpty() ? "not EDI" : report.problems().get(0).described();
            reject(exchange, bytes, fileName, "file " + fileName + " is unusable: " + why);
        }
        refuseOtherPartners(exchange, report, bytes, fileName);
        Acknowledgements acks = new Acknowledgements(specs,
                HeaderPositions.scanning(bytes)
                        .orElse(HeaderPositions.counted(report)));
        // pass 2, only for orders beyond the bound: each read and mapped again when its turn comes, one at a time
        return new EdiFile(fileName, bytes, correlationId, report, acks, inspector.orders(bytes));
    }

    /**
     * Route step, body: an interchange of the file. Finds its partner (refusing the file when there is none), refuses
     * a repeat within the partner's window, and judges every transaction set: the purchase orders to take
     * ({@link EdiInterchange#purchaseOrders()}) are exactly the sets its acknowledgement accepts, less the repeated
     * ones; every other set is a problem of the interchange.
     */
    public EdiInterchange open(EdiInterchange work, Exchange exchange) {
        EdiFile file = work.file;
        EdiReport.Interchange interchange = work.interchange;
        Optional<PartnerProfiles.Profile> partner = partners.bySender(interchange.standard(),
                interchange.senderQualifier(), interchange.senderId());
        work.sender = interchange.senderQualifier() + ":" + interchange.senderId();
        work.receiver = interchange.receiverQualifier() + ":" + interchange.receiverId();
        Map<String, Object> result = work.result;
        result.put("interchange", interchange.controlNumber());
        result.put("sender", work.sender);
        file.results.add(result);
        if (partner.isEmpty()) {
            reject(exchange, file.bytes, file.fileName, "interchange " + interchange.controlNumber() + " in "
                    + file.fileName + " comes from " + interchange.standard() + " sender " + work.sender
                    + ", which is no configured trading partner (mappings/partners)");
        }
        work.partner = partner.get();
        result.put("partner", work.partner.partner());
        work.traceSpan = io.ordersync.support.TraceAttributes.interchange(work.partner.partner(),
                interchange.controlNumber());
        PartnerProfiles.DuplicateDetection rules = work.partner.duplicates();
        work.now = clock.instant();
        work.verdict = DuplicateWindow.judge(
                interchanges.lastUse(work.sender, work.receiver, interchange.controlNumber()), work.now,
                rules.window());
        DuplicateWindow.Verdict verdict = work.verdict;
        if (verdict.repeat()) {
            interchanges.recordDuplicate(verdict.earlier().interchangeId(), file.fileName, work.now);
            LOG.warn("Interchange {} from {} ({}) repeats interchange record {} of {}, within the {} window:"
                            + " nothing processed", interchange.controlNumber(), work.partner.partner(),
                    file.fileName, verdict.earlier().interchangeId(), verdict.earlier().receivedAt(), rules.window());
            result.put("status", "DUPLICATE");
            result.put("duplicateOf", verdict.earlier().interchangeId());
            work.repeat = true;
            return work;
        }
        if (verdict.earlier() != null) {
            LOG.info("Interchange {} from {} ({}) reuses the control number of interchange record {} of {},"
                            + " outside the {} window: processed as new", interchange.controlNumber(),
                    work.partner.partner(), file.fileName, verdict.earlier().interchangeId(),
                    verdict.earlier().receivedAt(), rules.window());
            result.put("reuseNumber", verdict.reuseNumber());
        }
        // an interchange whose envelope is rejected (what its TA1 / CONTRL answers) or that was not read to its
        // end is rejected as a whole: no order, no acknowledgement matched, no group or set number claimed (it is
        // recorded as REJECTED, like any rejected interchange)
        boolean opened = interchange.complete() && Acknowledgements.opens(interchange);
        work.repeated = opened ? ContentDuplicates.check(interchanges, work.partner, interchange, work.now) : null;
        if (!opened) {
            work.problems.put(-1, envelopeProblem(interchange, file.report));
        }
        java.util.Set<EdiReport.Transaction> acknowledgedAccepted = opened
                ? acceptedByAcknowledgement(file.acks, interchange, work.partner) : java.util.Set.of();
        List<Item> items = items(interchange);
        for (int place = 0; place < items.size(); place++) {
            Item item = items.get(place);
            EdiReport.Transaction transaction = item.transaction();
            if (work.repeated != null && work.repeated.skips(item.group(), transaction)) {
                continue;
            }
            work.processed++;
            if (transaction.status() != EdiReport.Status.ACCEPTED) {
                work.problems.put(place, transaction.type() + " " + transaction.controlNumber() + ": "
                        + String.join("; ", transaction.problems().stream().map(EdiProblem::described).toList()));
                continue;
            }
            if (!transaction.problems().isEmpty()) {
                // accepted, so its problems are warnings: the answer says them too
                work.warnings.put(place, transaction.type() + " " + transaction.controlNumber() + ": "
                        + String.join("; ", transaction.problems().stream().map(EdiProblem::described).toList()));
            }
            if (!opened) {
                continue;
            }
            if (!acknowledgedAccepted.contains(transaction)) {
                // the 997 / 999 / CONTRL rejects it (its group's trailer is missing, ...): nothing created
                work.problems.put(place, transaction.type() + " " + transaction.controlNumber()
                        + ": rejected with its " + (item.group() == null ? "interchange"
                                : "functional group " + item.group().controlNumber())
                        + " in the acknowledgement, nothing created: " + String.join("; ", rejectedBy(item)));
                continue;
            }
            if (AcknowledgementReader.TYPES.contains(transaction.type())) {
                work.acknowledgementsIn.add(transaction.controlNumber());
                continue;
            }
            work.purchaseOrders.add(new PurchaseOrder(work, place, transaction, null));
        }
        return work;
    }

    /**
     * Route step, body: a purchase order the acknowledgement accepts. Its submission to the hand-off route, in the
     * partner's namespace (the interchange's sender named it, and an HTTP caller was bound to it).
     *
     * @throws io.ordersync.order.OrderValidationException when it is no valid order (a problem of the interchange)
     */
    public OrderSubmission submission(PurchaseOrder order) {
        EdiInterchange work = order.interchange();
        EdiReport.Transaction set = order.transaction();
        String interchangeNumber = work.interchange.controlNumber();
        return new OrderSubmission(orders.read(Json.write(order.canonical())), IntakeOrigin.edi(work.partner.partner()),
                null, work.partner.legalEntity(), work.file.correlationId,
                work.file.transactionSetText(set.ordinal(), set.controlNumber()),
                "EDI " + set.type() + " " + set.controlNumber() + " of interchange " + interchangeNumber
                        + " in " + work.file.fileName);
    }

    /** Route step after the hand-off route took the purchase order (stored, or found as a repeat). */
    public void taken(PurchaseOrder order) {
        order.interchange().orderCount++;
    }

    /** Route step when the hand-off route refused the purchase order as invalid: a problem of its interchange. */
    public void refused(PurchaseOrder order, OrderValidationException invalid) {
        EdiReport.Transaction transaction = order.transaction();
        order.interchange().problems.put(order.place(), transaction.type() + " " + transaction.controlNumber() + ": "
                + invalid.getMessage());
    }

    /**
     * Route step, body: the interchange once its purchase orders went through the hand-off route. Matches the
     * partner's acknowledgements it carries, keeps its problems as a dead letter, records it - last, so that a crash
     * before lets the same file be read again, its stored orders then found again by their source keys - and writes
     * the TA1 and functional acknowledgement its partner's profile asks for.
     */
    public void close(EdiInterchange work, Exchange exchange) {
        if (work.repeat) {
            return;
        }
        EdiFile file = work.file;
        EdiReport.Interchange interchange = work.interchange;
        PartnerProfiles.Profile partner = work.partner;
        Map<String, Object> result = work.result;
        if (work.repeated != null && work.repeated.any()) {
            LOG.warn("Interchange {} from {} ({}) repeats earlier groups or transaction sets, which created"
                            + " nothing: {}", interchange.controlNumber(), partner.partner(), file.fileName,
                    work.repeated.described());
            result.put("duplicateContent", work.repeated.described());
        }
        if (!work.acknowledgementsIn.isEmpty()) {
            // the partner's 997 / 999 / CONTRL for documents we sent: matched before the interchange is recorded,
            // like orders, so a crash in between lets the partner's file be read again (matching is repeatable)
            if (file.acknowledgementsInFile == null) {
                file.acknowledgementsInFile = new ArrayList<>(AcknowledgementReader.read(file.bytes));
            }
            Optional<AcknowledgementReader.Interchange> read = take(file.acknowledgementsInFile, interchange);
            if (read.isPresent()) {
                result.put("acknowledgementsReceived", acknowledgementsReceived.receive(partner.partner(),
                        read.get(), work.verdict.reuseNumber(), work.acknowledgementsIn, file.fileName, work.now));
            }
        }
        List<String> problems = new ArrayList<>(work.problems.values());
        int orderCount = work.orderCount;
        String status = problems.isEmpty() ? "ACCEPTED" : orderCount > 0 ? "PARTIALLY_ACCEPTED" : "REJECTED";
        if (work.processed == 0 && work.repeated != null && work.repeated.any()) {
            // everything in it was sent before: nothing new, as for a repeated interchange
            status = "DUPLICATE";
        }
        if (!problems.isEmpty()) {
            long id = deadLetters.recordInvalid(exchange, new String(file.bytes, StandardCharsets.ISO_8859_1),
                    new EdiFileRejectedException("partner " + partner.partner() + ", interchange "
                            + interchange.controlNumber() + " in " + file.fileName + ": "
                            + String.join("; ", problems)));
            result.put("deadLetter", id);
        }
        // recorded last: a crash before this line lets the same file be sent again, and the orders already
        // stored are found again by their source keys instead of being created twice
        java.util.OptionalLong recorded = interchanges.record(partner.partner(), interchange.standard(),
                work.sender, work.receiver, interchange.controlNumber(), work.verdict.reuseNumber(), status,
                file.fileName, transactions(interchange).size(), orderCount, work.now, interchange);
        if (recorded.isPresent()) {
            result.put("interchangeId", recorded.getAsLong());
            if (work.repeated != null) {
                work.repeated.record(recorded.getAsLong(), partner.partner(), file.fileName);
            }
        } else {
            // a twin of this interchange was recorded at the same moment: its orders were found again by their
            // purchase order numbers, so this one created nothing
            status = "DUPLICATE";
            interchanges.lastUse(work.sender, work.receiver, interchange.controlNumber()).ifPresent(twin -> {
                interchanges.recordDuplicate(twin.interchangeId(), file.fileName, work.now);
                result.put("duplicateOf", twin.interchangeId());
            });
        }
        result.put("status", status);
        result.put("orders", orderCount);
        List<String> sent = acknowledge(file.acks, interchange, partner, work.traceSpan);
        if (!sent.isEmpty()) {
            result.put("acknowledgements", sent);
        }
        if (!problems.isEmpty()) {
            result.put("problems", problems);
        }
        if (!work.warnings.isEmpty()) {
            result.put("warnings", new ArrayList<>(work.warnings.values()));
        }
        LOG.info("Interchange {} from {} ({}): {} with {} order(s)", interchange.controlNumber(),
                partner.partner(), file.fileName, status, orderCount);
    }

    /**
     * Route step, body: the file once all its interchanges were taken. What the answer says is what was processed:
     * 422 only when nothing of the file was taken (every rejected interchange lists its problems), 202 when something
     * was, also when other parts were refused, 200 when all of it repeats earlier interchanges.
     */
    public Summary summary(EdiFile file, Exchange exchange) {
        List<Map<String, Object>> results = file.results;
        List<String> fileProblems = file.report.problems().stream().map(EdiProblem::described).toList();
        boolean allRepeats = results.stream().allMatch(r -> "DUPLICATE".equals(r.get("status")));
        boolean anyTaken = results.stream().anyMatch(r -> "ACCEPTED".equals(r.get("status"))
                || "PARTIALLY_ACCEPTED".equals(r.get("status")));
        boolean anyRefused = !fileProblems.isEmpty() || results.stream().anyMatch(r -> r.containsKey("problems"));
        String overall = allRepeats && fileProblems.isEmpty() ? "DUPLICATE" : !anyTaken ? "REJECTED"
                : anyRefused ? "PARTIALLY_ACCEPTED" : "ACCEPTED";
        if (!fileProblems.isEmpty() && results.stream().noneMatch(r -> r.containsKey("deadLetter"))) {
            // e.g. bytes after the last interchange trailer: the interchanges read were processed, the rest is kept
            long id = deadLetters.recordInvalid(exchange, new String(file.bytes, StandardCharsets.ISO_8859_1),
                    new EdiFileRejectedException("file " + file.fileName + ": " + String.join("; ", fileProblems)));
            LOG.warn("EDI file {}: part of it could not be read (dead letter {}): {}", file.fileName, id,
                    String.join("; ", fileProblems));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file.fileName);
        answer.put("status", overall);
        answer.put("correlationId", file.correlationId);
        if (!fileProblems.isEmpty()) {
            answer.put("problems", fileProblems);
        }
        answer.put("interchanges", results);
        return new Summary(answer, "DUPLICATE".equals(overall) ? 200 : "REJECTED".equals(overall) ? 422 : 202);
    }

    /**
     * Writes the TA1 and the functional acknowledgement the partner's profile asks for into the partner's outbox
     * folder (written under a temporary name, then renamed, so a pickup never sees half a file); returns the files.
     */
    private List<String> acknowledge(Acknowledgements acks, EdiReport.Interchange interchange,
                                     PartnerProfiles.Profile partner, io.opentelemetry.api.trace.Span traceSpan) {
        List<String> written = new ArrayList<>();
        try {
            java.util.Optional<String> ta1 = "X12".equals(interchange.standard())
                    ? acks.ta1(interchange, partner, ackNumbers, clock) : java.util.Optional.empty();
            for (var ack : List.of(
                    Map.entry("TA1", ta1),
                    Map.entry(partner.acknowledgements().functional(),
                            acks.functional(interchange, partner, ackNumbers, clock)))) {
                if (ack.getValue().isEmpty()) {
                    continue;
                }
                java.nio.file.Path folder = outbox.resolve(partner.partner());
                java.nio.file.Files.createDirectories(folder);
                // the control number is the sender's text: only letters, digits, '.', '_' and '-' go into a file name
                String name = ack.getKey() + "-" + fileNamePart(interchange.controlNumber()) + "-" + clock.millis()
                        + ".edi";
                java.nio.file.Path temporary = folder.resolve("." + name + ".part");
                java.nio.file.Files.writeString(temporary, ack.getValue().get(), StandardCharsets.ISO_8859_1);
                java.nio.file.Files.move(temporary, folder.resolve(name),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                written.add(partner.partner() + "/" + name);
                io.ordersync.support.TraceAttributes.acknowledgementWritten(traceSpan, ack.getKey(),
                        partner.partner() + "/" + name);
                LOG.info("{} for interchange {} written to the outbox of {}", ack.getKey(),
                        interchange.controlNumber(), partner.partner());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the orders are stored; a missing acknowledgement is visible here and in the dead letters
            LOG.error("Acknowledgement for interchange {} of {} could not be written: {}",
                    interchange.controlNumber(), partner.partner(), e.getMessage());
        }
        return written;
    }

    /**
     * The sets the interchange's acknowledgement accepts ({@link Acknowledgements#acceptedSets}).
     * Should the verdicts not be computable (the same failure leaves the acknowledgement unwritten), only the sets
     * without any problem of their own or of their group are taken.
     */
    private static java.util.Set<EdiReport.Transaction> acceptedByAcknowledgement(
            Acknowledgements acks, EdiReport.Interchange interchange,
            PartnerProfiles.Profile partner) {
        try {
            return acks.acceptedSets(interchange, partner);
        } catch (RuntimeException e) {
            LOG.warn("Acknowledgement verdicts for interchange {} of {} could not be computed ({}): only sets and"
                    + " groups without problems are processed", interchange.controlNumber(), partner.partner(),
                    e.getMessage());
            java.util.Set<EdiReport.Transaction> clean = java.util.Collections.newSetFromMap(
                    new java.util.IdentityHashMap<>());
            for (Item item : items(interchange)) {
                if (item.transaction().problems().isEmpty()
                        && (item.group() == null || item.group().problems().isEmpty())) {
                    clean.add(item.transaction());
                }
            }
            return clean;
        }
    }

    /** What makes the acknowledgement reject a set that has no problem of its own: its group's or envelope's. */
    private static List<String> rejectedBy(Item item) {
        List<String> why = new ArrayList<>();
        if (item.group() != null) {
            item.group().problems().forEach(p -> why.add(p.described()));
        }
        if (why.isEmpty()) {
            why.add(item.group() == null ? "a set outside a functional group" : "the group is rejected");
        }
        return why;
    }

    /** Why nothing of an interchange is processed: its envelope's errors, or that it was not read to its end. */
    private static String envelopeProblem(EdiReport.Interchange interchange, EdiReport report) {
        return "interchange " + interchange.controlNumber() + ": " + (interchange.complete()
                ? "envelope rejected, nothing in it processed: " + String.join("; ", interchange.problems()
                        .stream().map(EdiProblem::described).toList())
                : "not read to its end, nothing in it processed: " + String.join("; ", report.problems().stream()
                        .map(EdiProblem::described).toList()));
    }

    /**
     * Refuses a file above {@code ordersync.edi.max-file-bytes} by the size its sender gives (the inbox file's length,
     * the request's Content-Length) before it is read into memory; the dead letter keeps the reason, not the bytes,
     * and the file stays in the inbox's .error folder.
     */
    private void refuseIfTooLarge(Exchange exchange, String fileName) {
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length == null) {
            length = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        }
        long limit = inspector.limits().maxFileBytes();
        if (length != null && length > limit) {
            String reason = "file " + fileName + " is refused unread: it has " + length + " bytes, more than the "
                    + limit + " accepted (ordersync.edi.max-file-bytes); send the interchanges in smaller files";
            EdiFileRejectedException rejected = new EdiFileRejectedException(reason);
            long id = deadLetters.recordInvalid(exchange, "(" + length + " bytes, not kept: too large; an inbox file"
                    + " is in the inbox's .error folder)", rejected);
            LOG.warn("EDI file {} refused (dead letter {}): {}", fileName, id, reason);
            throw rejected;
        }
    }

    /**
     * A file posted by an API caller may only hold interchanges sent under the identity of a partner the caller has the
     * role {@code partner:<partnerId>} of: every interchange is checked before anything is processed, so a file with
     * one foreign interchange creates nothing. It is refused 403 and kept as a dead letter. (The inbox has no caller:
     * files there are trusted to their sender's identity. A sender that is no configured partner is refused 422 by
     * the intake, as from the inbox.)
     */
    private void refuseOtherPartners(Exchange exchange, EdiReport report, byte[] bytes, String fileName) {
        @SuppressWarnings("unchecked")
        java.util.Set<String> roles = exchange.getProperty(ExchangeProperties.CALLER_ROLES,
                java.util.Set.class);
        if (roles == null) {
            return;
        }
        java.util.Set<String> own = Callers.partnersOf(roles);
        for (EdiReport.Interchange interchange : report.interchanges()) {
            Optional<PartnerProfiles.Profile> partner = partners.bySender(interchange.standard(),
                    interchange.senderQualifier(), interchange.senderId());
            if (partner.isPresent() && !own.contains(partner.get().partner())) {
                String caller = exchange.getProperty(ExchangeProperties.CALLER, String.class);
                var forbidden = new ApiForbiddenException("interchange "
                        + interchange.controlNumber() + " in " + fileName + " is sent as partner "
                        + partner.get().partner() + " (" + interchange.standard() + " sender "
                        + interchange.senderQualifier() + ":" + interchange.senderId() + "), but caller " + caller
                        + " may only send as " + (own.isEmpty() ? "no partner" : String.join(", ", own))
                        + "; nothing in the file was processed (kept as a dead letter)",
                        Callers.PARTNER_PREFIX + partner.get().partner());
                long id = deadLetters.recordInvalid(exchange, new String(bytes, StandardCharsets.ISO_8859_1),
                        forbidden);
                LOG.warn("EDI file {} refused (dead letter {}): {}", fileName, id, forbidden.getMessage());
                throw forbidden;
            }
        }
    }

    private void reject(Exchange exchange, byte[] bytes, String fileName, String reason) {
        EdiFileRejectedException rejected = new EdiFileRejectedException(reason);
        long id = deadLetters.recordInvalid(exchange, new String(bytes, StandardCharsets.ISO_8859_1), rejected);
        LOG.warn("EDI file {} refused (dead letter {}): {}", fileName, id, reason);
        throw rejected;
    }

    static String fileNamePart(String text) {
        String safe = text == null ? "" : text.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    /** A transaction set and the functional group it is in (null: an EDIFACT message without UNG). */
    private record Item(EdiReport.Group group, EdiReport.Transaction transaction) {}

    private static List<Item> items(EdiReport.Interchange interchange) {
        List<Item> all = new ArrayList<>();
        interchange.transactions().forEach(t -> all.add(new Item(null, t)));
        interchange.groups().forEach(g -> g.transactions().forEach(t -> all.add(new Item(g, t))));
        return all;
    }

    /** The interchange's acknowledgements as read from the file (taken out, so a twin in the file gets its own). */
    private static Optional<AcknowledgementReader.Interchange> take(List<AcknowledgementReader.Interchange> read,
                                                                    EdiReport.Interchange interchange) {
        for (int i = 0; i < read.size(); i++) {
            AcknowledgementReader.Interchange candidate = read.get(i);
            if (java.util.Objects.equals(candidate.controlNumber(), interchange.controlNumber())
                    && java.util.Objects.equals(candidate.senderId(), interchange.senderId())) {
                return Optional.of(read.remove(i));
            }
        }
        return Optional.empty();
    }

    private static List<EdiReport.Transaction> transactions(EdiReport.Interchange interchange) {
        List<EdiReport.Transaction> all = new ArrayList<>(interchange.transactions());
        interchange.groups().forEach(g -> all.addAll(g.transactions()));
        return all;
    }
}
