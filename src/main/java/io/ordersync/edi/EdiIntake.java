package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.app.Json;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.ops.Correlation;
import io.ordersync.order.IntakeOrigin;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EDI channel's intake: inspect the file, find the partner, refuse repeated interchanges (and, where the partner's
 * profile asks, repeated groups and transaction sets) within the partner's window, turn each valid purchase order
 * into a canonical order through the same intake as every channel, match the partner's 997 / 999 / CONTRL to the
 * documents we sent, and keep what was refused.
 *
 * <p>Memory does not grow with the number of orders in a file (see {@link EdiInspector}). The first reading checks
 * everything and keeps the mapped orders only up to {@link EdiLimits#maxKeptOrderSegments()}; only then, interchange
 * by interchange and only for an interchange whose envelope is sound, is each accepted purchase order stored and
 * handed to the order pipeline ({@value #PUBLISH_ORDER}) before the next one; an order beyond the bound is read and
 * mapped a second time when its turn comes.
 */
public class EdiIntake {

    private static final Logger LOG = LoggerFactory.getLogger(EdiIntake.class);

    /** Exchange property: the outcome summary (for the API answer and the log). */
    public static final String SUMMARY = "ordersyncEdiSummary";
    /** Publishes one stored order to the orders topic (routes/order-publish.camel.yaml). */
    static final String PUBLISH_ORDER = "direct:publish-order";

    private final EdiInspector inspector;
    private final PartnerProfiles partners;
    private final EdiInterchangeStore interchanges;
    private final OrderIntake orders;
    private final DeadLetters deadLetters;
    private final EdiSpecs specs;
    private final io.ordersync.edi.ack.AckNumbers ackNumbers;
    private final java.nio.file.Path outbox;
    private final java.time.Clock clock;
    private final ReceivedAcknowledgements acknowledgementsReceived;
    private volatile ProducerTemplate publisher;

    public EdiIntake(EdiInspector inspector, PartnerProfiles partners, EdiInterchangeStore interchanges,
                     OrderIntake orders, DeadLetters deadLetters, EdiSpecs specs,
                     io.ordersync.edi.ack.AckNumbers ackNumbers, java.nio.file.Path outbox, java.time.Clock clock,
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
        public EdiFileRejectedException(String message) {
            super(message);
        }
    }

    /**
     * Body: the file's bytes. Sets {@link #SUMMARY}. Each order is handed to the order pipeline as soon as it is
     * stored (a copy of this exchange with the order as its body, to {@value #PUBLISH_ORDER}), not collected: the
     * returned list is always empty.
     *
     * @throws EdiFileRejectedException when nothing in the file can be used
     */
    public List<String> receive(Exchange exchange) {
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
        List<Map<String, Object>> results = new ArrayList<>();
        if (report.status() == EdiReport.Status.UNUSABLE) {
            String why = report.problems().isEmpty() ? "not EDI" : report.problems().get(0).described();
            reject(exchange, bytes, fileName, "file " + fileName + " is unusable: " + why);
        }
        refuseOtherPartners(exchange, report, bytes, fileName);
        List<AcknowledgementReader.Interchange> acknowledgementsInFile = null;
        io.ordersync.edi.ack.Acknowledgements acks = new io.ordersync.edi.ack.Acknowledgements(specs,
                io.ordersync.edi.ack.HeaderPositions.scanning(bytes)
                        .orElse(io.ordersync.edi.ack.HeaderPositions.counted(report)));
        // pass 2, only for orders beyond the bound: each read and mapped again when its turn comes, one at a time
        EdiInspector.Orders mapped = inspector.orders(bytes);
        for (EdiReport.Interchange interchange : report.interchanges()) {
            Optional<PartnerProfiles.Profile> partner = partners.bySender(interchange.standard(),
                    interchange.senderQualifier(), interchange.senderId());
            String sender = interchange.senderQualifier() + ":" + interchange.senderId();
            String receiver = interchange.receiverQualifier() + ":" + interchange.receiverId();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("interchange", interchange.controlNumber());
            result.put("sender", sender);
            results.add(result);
            if (partner.isEmpty()) {
                reject(exchange, bytes, fileName, "interchange " + interchange.controlNumber() + " in " + fileName
                        + " comes from " + interchange.standard() + " sender " + sender
                        + ", which is no configured trading partner (mappings/partners)");
            }
            result.put("partner", partner.get().partner());
            PartnerProfiles.DuplicateDetection rules = partner.get().duplicates();
            Instant now = clock.instant();
            DuplicateWindow.Verdict verdict = DuplicateWindow.judge(
                    interchanges.lastUse(sender, receiver, interchange.controlNumber()), now, rules.window());
            if (verdict.repeat()) {
                interchanges.recordDuplicate(verdict.earlier().interchangeId(), fileName, now);
                LOG.warn("Interchange {} from {} ({}) repeats interchange record {} of {}, within the {} window:"
                                + " nothing processed", interchange.controlNumber(), partner.get().partner(), fileName,
                        verdict.earlier().interchangeId(), verdict.earlier().receivedAt(), rules.window());
                result.put("status", "DUPLICATE");
                result.put("duplicateOf", verdict.earlier().interchangeId());
                continue;
            }
            if (verdict.earlier() != null) {
                LOG.info("Interchange {} from {} ({}) reuses the control number of interchange record {} of {},"
                                + " outside the {} window: processed as new", interchange.controlNumber(),
                        partner.get().partner(), fileName, verdict.earlier().interchangeId(),
                        verdict.earlier().receivedAt(), rules.window());
                result.put("reuseNumber", verdict.reuseNumber());
            }
            // an interchange whose envelope is rejected (what its TA1 / CONTRL answers) or that was not read to its
            // end is rejected as a whole: no order, no acknowledgement matched, no group or set number claimed (it is
            // recorded as REJECTED, like any rejected interchange)
            boolean opened = interchange.complete() && io.ordersync.edi.ack.Acknowledgements.opens(interchange);
            ContentDuplicates repeated = opened ? ContentDuplicates.check(interchanges, partner.get(), interchange, now)
                    : null;
            int orderCount = 0;
            int processed = 0;
            List<String> problems = new ArrayList<>();
            if (!opened) {
                problems.add(envelopeProblem(interchange, report));
            }
            java.util.Set<String> acknowledgementsIn = new java.util.HashSet<>();
            java.util.Set<EdiReport.Transaction> acknowledgedAccepted = opened
                    ? acceptedByAcknowledgement(acks, interchange, partner.get()) : java.util.Set.of();
            for (Item item : items(interchange)) {
                EdiReport.Transaction transaction = item.transaction();
                if (repeated != null && repeated.skips(item.group(), transaction)) {
                    continue;
                }
                processed++;
                if (transaction.status() != EdiReport.Status.ACCEPTED) {
                    problems.add(transaction.type() + " " + transaction.controlNumber() + ": " + String.join("; ",
                            transaction.problems().stream().map(EdiProblem::described).toList()));
                    continue;
                }
                if (!opened) {
                    continue;
                }
                if (!acknowledgedAccepted.contains(transaction)) {
                    // the 997 / 999 / CONTRL rejects it (its group's trailer is missing, ...): nothing created
                    problems.add(transaction.type() + " " + transaction.controlNumber() + ": rejected with its "
                            + (item.group() == null ? "interchange" : "functional group " + item.group().controlNumber())
                            + " in the acknowledgement, nothing created: " + String.join("; ", rejectedBy(item)));
                    continue;
                }
                if (AcknowledgementReader.TYPES.contains(transaction.type())) {
                    acknowledgementsIn.add(transaction.controlNumber());
                    continue;
                }
                JsonNode canonical = transaction.canonicalOrder() != null ? transaction.canonicalOrder()
                        : mapped.of(transaction);
                if (canonical == null) {
                    continue;
                }
                try {
                    // the partner's namespace: the interchange's sender named it, and an HTTP caller was bound to it
                    OrderIntake.Accepted accepted = orders.acceptMapped(Json.write(canonical), null,
                            partner.get().legalEntity(), correlationId,
                            IntakeOrigin.edi(partner.get().partner()));
                    if (accepted.publishJson() != null) {
                        publish(exchange, accepted.publishJson());
                    }
                    orderCount++;
                } catch (OrderValidationException invalid) {
                    problems.add(transaction.type() + " " + transaction.controlNumber() + ": " + invalid.getMessage());
                }
            }
            if (repeated != null && repeated.any()) {
                LOG.warn("Interchange {} from {} ({}) repeats earlier groups or transaction sets, which created"
                                + " nothing: {}", interchange.controlNumber(), partner.get().partner(), fileName,
                        repeated.described());
                result.put("duplicateContent", repeated.described());
            }
            if (!acknowledgementsIn.isEmpty()) {
                // the partner's 997 / 999 / CONTRL for documents we sent: matched before the interchange is recorded,
                // like orders, so a crash in between lets the partner's file be read again (matching is repeatable)
                if (acknowledgementsInFile == null) {
                    acknowledgementsInFile = new ArrayList<>(AcknowledgementReader.read(bytes));
                }
                Optional<AcknowledgementReader.Interchange> read = take(acknowledgementsInFile, interchange);
                if (read.isPresent()) {
                    result.put("acknowledgementsReceived", acknowledgementsReceived.receive(partner.get().partner(),
                            read.get(), verdict.reuseNumber(), acknowledgementsIn, fileName, now));
                }
            }
            String status = problems.isEmpty() ? "ACCEPTED" : orderCount > 0 ? "PARTIALLY_ACCEPTED" : "REJECTED";
            if (processed == 0 && repeated != null && repeated.any()) {
                // everything in it was sent before: nothing new, as for a repeated interchange
                status = "DUPLICATE";
            }
            if (!problems.isEmpty()) {
                long id = deadLetters.recordInvalid(exchange, new String(bytes, StandardCharsets.ISO_8859_1),
                        new EdiFileRejectedException("partner " + partner.get().partner() + ", interchange "
                                + interchange.controlNumber() + " in " + fileName + ": " + String.join("; ", problems)));
                result.put("deadLetter", id);
            }
            // recorded last: a crash before this line lets the same file be sent again, and the orders already
            // stored are found again by their source keys instead of being created twice
            java.util.OptionalLong recorded = interchanges.record(partner.get().partner(), interchange.standard(),
                    sender, receiver, interchange.controlNumber(), verdict.reuseNumber(), status, fileName,
                    transactions(interchange).size(), orderCount, now, interchange);
            if (recorded.isPresent()) {
                result.put("interchangeId", recorded.getAsLong());
                if (repeated != null) {
                    repeated.record(recorded.getAsLong(), partner.get().partner(), fileName);
                }
            } else {
                // a twin of this interchange was recorded at the same moment: its orders were found again by their
                // purchase order numbers, so this one created nothing
                status = "DUPLICATE";
                interchanges.lastUse(sender, receiver, interchange.controlNumber()).ifPresent(twin -> {
                    interchanges.recordDuplicate(twin.interchangeId(), fileName, now);
                    result.put("duplicateOf", twin.interchangeId());
                });
            }
            result.put("status", status);
            result.put("orders", orderCount);
            List<String> sent = acknowledge(acks, interchange, partner.get());
            if (!sent.isEmpty()) {
                result.put("acknowledgements", sent);
            }
            if (!problems.isEmpty()) {
                result.put("problems", problems);
            }
            LOG.info("Interchange {} from {} ({}): {} with {} order(s)", interchange.controlNumber(),
                    partner.get().partner(), fileName, status, orderCount);
        }
        // what the answer says is what was processed: 422 only when nothing of the file was taken (every rejected
        // interchange lists its problems), 202 when something was, also when other parts were refused
        List<String> fileProblems = report.problems().stream().map(EdiProblem::described).toList();
        boolean allRepeats = results.stream().allMatch(r -> "DUPLICATE".equals(r.get("status")));
        boolean anyTaken = results.stream().anyMatch(r -> "ACCEPTED".equals(r.get("status"))
                || "PARTIALLY_ACCEPTED".equals(r.get("status")));
        boolean anyRefused = !fileProblems.isEmpty() || results.stream().anyMatch(r -> r.containsKey("problems"));
        String overall = allRepeats && fileProblems.isEmpty() ? "DUPLICATE" : !anyTaken ? "REJECTED"
                : anyRefused ? "PARTIALLY_ACCEPTED" : "ACCEPTED";
        if (!fileProblems.isEmpty() && results.stream().noneMatch(r -> r.containsKey("deadLetter"))) {
            // e.g. bytes after the last interchange trailer: the interchanges read were processed, the rest is kept
            long id = deadLetters.recordInvalid(exchange, new String(bytes, StandardCharsets.ISO_8859_1),
                    new EdiFileRejectedException("file " + fileName + ": " + String.join("; ", fileProblems)));
            LOG.warn("EDI file {}: part of it could not be read (dead letter {}): {}", fileName, id,
                    String.join("; ", fileProblems));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", fileName);
        summary.put("status", overall);
        summary.put("correlationId", correlationId);
        if (!fileProblems.isEmpty()) {
            summary.put("problems", fileProblems);
        }
        summary.put("interchanges", results);
        exchange.setProperty(SUMMARY, summary);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE,
                "DUPLICATE".equals(overall) ? 200 : "REJECTED".equals(overall) ? 422 : 202);
        return List.of();
    }

    /**
     * Writes the TA1 and the functional acknowledgement the partner's profile asks for into the partner's outbox
     * folder (written under a temporary name, then renamed, so a pickup never sees half a file); returns the files.
     */
    private List<String> acknowledge(io.ordersync.edi.ack.Acknowledgements acks, EdiReport.Interchange interchange,
                                     PartnerProfiles.Profile partner) {
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
     * The sets the interchange's acknowledgement accepts ({@link io.ordersync.edi.ack.Acknowledgements#acceptedSets}).
     * Should the verdicts not be computable (the same failure leaves the acknowledgement unwritten), only the sets
     * without any problem of their own or of their group are taken.
     */
    private static java.util.Set<EdiReport.Transaction> acceptedByAcknowledgement(
            io.ordersync.edi.ack.Acknowledgements acks, EdiReport.Interchange interchange,
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
     * Hands one stored order to the order pipeline now, as the route's split did for the orders of a whole file: a
     * copy of this exchange (headers, correlation id) with the order as its body. The publishing route keeps an order
     * it cannot send in the outbox, from where the outbox relay sends it.
     */
    private void publish(Exchange exchange, String orderJson) {
        ProducerTemplate template = publisher;
        if (template == null || template.getCamelContext() != exchange.getContext()) {
            template = exchange.getContext().createProducerTemplate();
            publisher = template;
        }
        Exchange order = ExchangeHelper.createCorrelatedCopy(exchange, false);
        order.getMessage().setBody(orderJson);
        template.send(PUBLISH_ORDER, order);
        if (order.getException() != null) {
            LOG.warn("Order stays in the outbox, to be sent by the relay: {}", order.getException().getMessage());
        }
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
        java.util.Set<String> roles = exchange.getProperty(io.ordersync.ops.ApiSecurity.CALLER_ROLES,
                java.util.Set.class);
        if (roles == null) {
            return;
        }
        java.util.Set<String> own = io.ordersync.ops.ApiRoles.partnersOf(roles);
        for (EdiReport.Interchange interchange : report.interchanges()) {
            Optional<PartnerProfiles.Profile> partner = partners.bySender(interchange.standard(),
                    interchange.senderQualifier(), interchange.senderId());
            if (partner.isPresent() && !own.contains(partner.get().partner())) {
                String caller = exchange.getProperty(io.ordersync.ops.ApiSecurity.CALLER, String.class);
                var forbidden = new io.ordersync.ops.ApiRoles.ApiForbiddenException("interchange "
                        + interchange.controlNumber() + " in " + fileName + " is sent as partner "
                        + partner.get().partner() + " (" + interchange.standard() + " sender "
                        + interchange.senderQualifier() + ":" + interchange.senderId() + "), but caller " + caller
                        + " may only send as " + (own.isEmpty() ? "no partner" : String.join(", ", own))
                        + "; nothing in the file was processed (kept as a dead letter)",
                        io.ordersync.ops.ApiRoles.PARTNER_PREFIX + partner.get().partner());
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
