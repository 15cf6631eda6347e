package io.ordersync.edi;

import static io.xlate.edi.stream.EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT;
import static io.xlate.edi.stream.EDIStreamValidationError.INVALID_CHARACTER_DATA;

import io.ordersync.edi.AckCodes.Format;
import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIStreamValidationError;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The acknowledgements ordersync sends for an inbound interchange that {@code EdiInspector} has read: the X12 TA1
 * (interchange), the X12 997 or 999 (functional groups) and the EDIFACT CONTRL, as the partner profile asks. Each is
 * written with StAEDI's {@code EDIStreamWriter} in the profile's outbound delimiters, then read back with StAEDI
 * against its control schemas and the {@code edi-specs} schema of the 997/999/CONTRL: an acknowledgement that does
 * not validate is never returned ({@link IllegalStateException} with the problems).
 *
 * <p>What is reported, and what rejects (codes: {@link AckCodes}):
 * <ul>
 * <li><b>Only syntax.</b> The 997 and CONTRL answer whether a transaction set / message conforms to the standard
 * (X12 dictionary and transaction set, UN/EDIFACT directory); the 999 adds conformance to the implementation guide
 * (StAEDI's IMPLEMENTATION_* errors). ordersync's own findings (NO_SCHEMA, ORDER_INVALID, MAPPING_FAILED,
 * TRANSACTION_TOO_LARGE) are no syntax errors: a set without a schema is acknowledged as received without errors,
 * and a syntactically valid order that breaks a business rule is accepted here and answered by the application
 * (855 / ORDRSP).</li>
 * <li><b>Transaction set (AK501/IK501, UCM 0083).</b> Rejected (R, 4) when it has any error against the standard:
 * a segment or element error in its body (AK502 5) or an error of its own header/trailer (ST/SE, UNH/UNT: wrong
 * count 4, control number mismatch 3, missing trailer 2, ...). Such a set cannot be trusted to be what the sender
 * meant, and ordersync does not process it. Accepted with errors (E) only in a 999, when the only errors are
 * implementation-guide errors (IK502 I5): the set is standard-conformant and is processed. Accepted (A, 7)
 * otherwise. EDIFACT has no "accepted with errors".</li>
 * <li><b>Functional group (AK901).</b> A (every set accepted), E (every set accepted, some with errors, or the
 * trailer disagrees: GE01 count → AK905 5, GE02 ≠ GS06 → 4), P (some sets rejected), R (none accepted, or a GS
 * error: then every set of the group is rejected and AK904 is 0). AK902 is the count the sender wrote in GE01,
 * AK903 the sets received, AK904 those accepted (A or E). One 997/999 per group; acknowledgements (GS01 FA) are
 * never acknowledged.</li>
 * <li><b>Interchange (TA104, UCI 0083).</b> TA1: A/000 without envelope errors, E when only the trailer disagrees
 * (IEA02 ≠ ISA13 → 001, IEA01 → 021) or ISA14/ISA15 are invalid, R otherwise (the header cannot be trusted). An
 * interchange whose envelope is rejected is not opened: it gets no 997/999 (the TA1 says why). CONTRL: UCI 4 (with
 * the error in 0085/0013/S011 and no UCM: "this level and all lower levels rejected") for any UNB/UNZ error — EDIFACT
 * has no accepted-with-errors interchange; 8 (received) when no message could be checked (none has a schema); 7
 * otherwise, with a UCM per message (UCS/UCD for its segment and element errors). CONTRL is never answered with a
 * CONTRL.</li>
 * <li><b>Positions.</b> AK302/IK302/UCS 0096 count from the transaction set's header (ST/UNH = 1):
 * {@code EdiProblem.segmentPosition} − header position + 1, the header position coming from a
 * {@link HeaderPositions} (both as StAEDI counts). For a missing segment, the position where it was expected (the
 * segment at which StAEDI noticed it missing).</li>
 * </ul>
 */
final class Acknowledgements {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
    private static final Pattern SEGMENT_TAG = Pattern.compile("[A-Z][A-Z0-9]{1,2}");
    private static final Set<String> TRANSACTION_ENVELOPE = Set.of("ST", "SE", "UNH", "UNT");
    private static final Set<String> MISSING_DATA_CODES = Set.of("1", "2", "I9");
    private static final long MAX_X12_CONTROL_NUMBER = 999_999_999L;
    /** The 999 implementation guide this writer follows (ST03, GS08). */
    static final String X231 = "005010X231";

    /** Where an 850/855/860/856/810 is identified, for the 999 business unit CTX. */
    private static final Map<String, String[]> BUSINESS_UNIT = Map.of(
            "850", new String[] {"BEG03", "purchaseOrder"}, "855", new String[] {"BAK03", "purchaseOrder"},
            "860", new String[] {"BCH03", "purchaseOrder"}, "856", new String[] {"BSN02", "shipmentId"},
            "810", new String[] {"BIG02", "invoiceNumber"});

    private final EdiSpecs specs;
    private final HeaderPositions positions;

    /**
     * @param specs     the schemas the written acknowledgements are validated against (and AK402 is looked up in)
     * @param positions where each transaction's header is, to locate segment errors within it: for a report read
     *                  from {@code raw}, {@code HeaderPositions.scanning(raw).orElse(HeaderPositions.counted(report))}
     */
    public Acknowledgements(EdiSpecs specs, HeaderPositions positions) {
        this.specs = specs;
        this.positions = positions;
    }

    /**
     * Whether the interchange's content is opened at all, as its acknowledgements answer: false when its envelope
     * is rejected (X12: the TA1 would say R, and no 997/999 is sent; EDIFACT: the CONTRL's UCI would say 4, "this
     * level and all lower levels rejected"). True when it is accepted, X12 also with errors noted (TA1 E: only the
     * trailer disagrees, the sender must not resend). Nothing of an interchange that is not opened is processed.
     */
    public static boolean opens(EdiReport.Interchange in) {
        return "EDIFACT".equals(in.standard()) ? !"4".equals(edifactEnvelope(list(in.problems())).status())
                : !"R".equals(x12Envelope(in).status());
    }

    /**
     * The transaction sets / messages of the interchange that its acknowledgements accept: for X12 those the 997 /
     * 999 answers A or E (AK5/IK5) in a group it does not reject (AK9 R, e.g. a missing GE); for EDIFACT those the
     * CONTRL answers 7 in a UCM, in an interchange (UCI) and group (UCF) it does not reject. The intake creates
     * orders only from these, so that what is acknowledged and what is processed never disagree. A profile without
     * functional acknowledgement is judged as by a 997 (X12) or a CONTRL.
     */
    public Set<EdiReport.Transaction> acceptedSets(EdiReport.Interchange in, PartnerProfiles.Profile profile) {
        Set<EdiReport.Transaction> accepted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (!opens(in)) {
            return accepted;
        }
        if ("EDIFACT".equals(in.standard())) {
            for (EdiReport.Group group : list(in.groups())) {
                if ("7".equals(edifactEnvelope(list(group.problems())).status())) {
                    list(group.transactions()).stream()
                            .filter(tx -> "7".equals(transaction(in, tx, Format.CONTRL).status()))
                            .forEach(accepted::add);
                }
            }
            list(in.transactions()).stream().filter(tx -> "7".equals(transaction(in, tx, Format.CONTRL).status()))
                    .forEach(accepted::add);
            return accepted;
        }
        boolean is999 = profile.acknowledgements() != null && "999".equals(profile.acknowledgements().functional());
        for (EdiReport.Group group : list(in.groups())) {
            Format format = Format.X12_999;
            if (!is999) {
                String version = group.version() == null ? "" : group.version();
                format = version.startsWith("0050") ? Format.X12_997_005010 : Format.X12_997_004010;
            }
            GroupVerdict verdict = x12Group(in, group, format);
            if ("R".equals(verdict.status()) && verdict.accepted() == 0) {
                continue;
            }
            verdict.transactions().stream().filter(t -> !"R".equals(t.status()))
                    .forEach(t -> accepted.add(t.transaction()));
        }
        // X12 sets outside any group cannot be acknowledged in a 997: none is accepted
        return accepted;
    }

    // =============================================================================================== TA1

    /**
     * The TA1 interchange acknowledgment for an X12 interchange, in its own ISA/IEA envelope from
     * {@code profile.ourIdentity()} to {@code profile.identity()}; empty unless the profile asks for TA1.
     *
     * @throws IllegalArgumentException when the interchange is not X12
     * @throws IllegalStateException    when the written TA1 does not validate
     */
    public Optional<String> ta1(EdiReport.Interchange in, PartnerProfiles.Profile profile, AckNumbers numbers,
                                Clock clock) {
        requireStandard(in, profile, "X12", "TA1");
        if (profile.acknowledgements() == null || !Boolean.TRUE.equals(profile.acknowledgements().ta1())) {
            return Optional.empty();
        }
        Verdict verdict = x12Envelope(in);
        String version = in.syntax() == null || in.syntax().isBlank() ? "00401" : in.syntax();
        LocalDateTime now = LocalDateTime.now(clock);
        AckWriter w = AckWriter.x12(profile, version);
        String isa13 = x12Number(numbers.next(profile.partner(), AckNumbers.ISA13), true);
        w.startInterchange();
        w.isa(profile, version, isa13, now);
        w.segment("TA1", in.controlNumber(), in.date(), in.time(), verdict.status(), verdict.code());
        w.segment("IEA", "0", isa13);
        w.endInterchange();
        return Optional.of(released("TA1", profile, w.text()));
    }

    // ====================================================================================== 997 / 999 / CONTRL

    /**
     * The functional acknowledgement the profile asks for ({@code acknowledgements.functional}): a 997 or 999 for an
     * X12 interchange (one per functional group, in one FA group per version), a CONTRL for an EDIFACT one; empty
     * for {@code none}, for an X12 interchange rejected at its envelope, and when there is nothing to acknowledge
     * (only acknowledgements received).
     *
     * @throws IllegalArgumentException when the profile's standard or functional acknowledgement does not fit
     * @throws IllegalStateException    when the written acknowledgement does not validate
     */
    public Optional<String> functional(EdiReport.Interchange in, PartnerProfiles.Profile profile, AckNumbers numbers,
                                       Clock clock) {
        String kind = profile.acknowledgements() == null ? null : profile.acknowledgements().functional();
        if (kind == null || "none".equalsIgnoreCase(kind)) {
            return Optional.empty();
        }
        return switch (kind) {
            case "997", "999" -> {
                requireStandard(in, profile, "X12", kind);
                yield x12Functional(in, profile, numbers, clock, "999".equals(kind));
            }
            case "CONTRL" -> {
                requireStandard(in, profile, "EDIFACT", kind);
                yield contrl(in, profile, numbers, clock);
            }
            default -> throw new IllegalArgumentException("partner " + profile.partner()
                    + ": unknown functional acknowledgement '" + kind + "' (997, 999, CONTRL or none)");
        };
    }

    private Optional<String> x12Functional(EdiReport.Interchange in, PartnerProfiles.Profile profile,
                                           AckNumbers numbers, Clock clock, boolean is999) {
        if ("R".equals(x12Envelope(in).status())) {
            return Optional.empty();
        }
        record Planned(EdiReport.Group group, Format format, String ackVersion, GroupVerdict verdict) {}
        List<Planned> plans = new ArrayList<>();
        for (EdiReport.Group group : list(in.groups())) {
            if ("FA".equals(group.functionalId()) || group.functionalId() == null || group.controlNumber() == null) {
                // acknowledgements are not acknowledged; a group without GS01/GS06 cannot be named in AK1
                continue;
            }
            Format format;
            String ackVersion;
            if (is999) {
                format = Format.X12_999;
                ackVersion = X231;
            } else {
                ackVersion = version997(group, profile);
                format = ackVersion.startsWith("0040") ? Format.X12_997_004010 : Format.X12_997_005010;
            }
            plans.add(new Planned(group, format, ackVersion, x12Group(in, group, format)));
        }
        if (plans.isEmpty()) {
            return Optional.empty();
        }
        boolean v5010 = plans.stream().anyMatch(p -> p.ackVersion().startsWith("0050"));
        String isaVersion = v5010 ? "00501" : "00401";
        LocalDateTime now = LocalDateTime.now(clock);
        String partner = profile.partner();
        AckWriter w = AckWriter.x12(profile, isaVersion);
        String isa13 = x12Number(numbers.next(partner, AckNumbers.ISA13), true);
        w.startInterchange();
        w.isa(profile, isaVersion, isa13, now);
        Map<String, List<Planned>> byVersion = new LinkedHashMap<>();
        plans.forEach(p -> byVersion.computeIfAbsent(p.ackVersion(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Planned>> version : byVersion.entrySet()) {
            String gs06 = x12Number(numbers.next(partner, AckNumbers.GS06), false);
            w.segment("GS", "FA", profile.ourIdentity().gsCode(), profile.identity().gsCode(), now.format(CCYYMMDD),
                    now.format(HHMM), gs06, "X", version.getKey());
            for (Planned plan : version.getValue()) {
                String st02 = String.format(Locale.ROOT, "%04d", numbers.next(partner, AckNumbers.ST02));
                if (st02.length() > 9) {
                    throw new IllegalStateException("ST02 " + st02 + " for " + partner + " exceeds 9 digits");
                }
                String type = is999 ? "999" : "997";
                w.startTransaction();
                w.segment("ST", type, st02, is999 ? X231 : null);
                GroupVerdict g = plan.verdict();
                w.segment("AK1", plan.group().functionalId(), plan.group().controlNumber(),
                        plan.format() == Format.X12_997_004010 ? null : plan.group().version());
                for (TransactionVerdict t : g.transactions()) {
                    writeTransactionResponse(w, plan.format(), t);
                }
                List<Object> ak9 = new ArrayList<>(List.of(g.status(), String.valueOf(g.included()),
                        String.valueOf(g.received()), String.valueOf(g.accepted())));
                ak9.addAll(g.codes());
                w.segment("AK9", ak9.toArray());
                w.segment("SE", String.valueOf(w.transactionSegments()), st02);
            }
            w.segment("GE", String.valueOf(version.getValue().size()), gs06);
        }
        w.segment("IEA", String.valueOf(byVersion.size()), isa13);
        w.endInterchange();
        return Optional.of(released(is999 ? "999" : "997", profile, w.text()));
    }

    private void writeTransactionResponse(AckWriter w, Format format, TransactionVerdict t) {
        EdiReport.Transaction tx = t.transaction();
        if (tx.type() == null || tx.controlNumber() == null) {
            // nothing to name it by in AK2; counted in AK903 all the same
            return;
        }
        boolean is999 = format == Format.X12_999;
        w.segment("AK2", tx.type(), tx.controlNumber());
        for (SegmentNote s : t.segments()) {
            w.segment(is999 ? "IK3" : "AK3", s.tag(), String.valueOf(s.position()), null, s.code());
            if (is999) {
                businessUnit(w, tx);
            }
            for (ElementNote e : s.elements()) {
                String[] position = {String.valueOf(e.element()),
                    e.component() == null ? null : String.valueOf(e.component())};
                String bad = e.badData() != null && e.badData().length() <= 99 && w.writable(e.badData())
                        ? e.badData() : null;
                w.segment(is999 ? "IK4" : "AK4", position, e.reference(), e.code(), bad);
            }
        }
        List<Object> ak5 = new ArrayList<>();
        ak5.add(t.status());
        ak5.addAll(t.codes());
        w.segment(is999 ? "IK5" : "AK5", ak5.toArray());
    }

    /** The 999's business unit context (CTX01 = the element naming the document, and its value) after an IK3. */
    private static void businessUnit(AckWriter w, EdiReport.Transaction tx) {
        String[] unit = BUSINESS_UNIT.get(tx.type());
        if (unit == null || tx.keys() == null || !(tx.keys().get(unit[1]) instanceof String value)) {
            return;
        }
        if (!value.isBlank() && value.length() <= 35 && w.writable(value)) {
            w.segment("CTX", (Object) new String[] {unit[0], value});
        }
    }

    private Optional<String> contrl(EdiReport.Interchange in, PartnerProfiles.Profile profile, AckNumbers numbers,
                                    Clock clock) {
        List<EdiReport.Transaction> all = HeaderPositionsSupport.transactionsInOrder(in);
        if (!all.isEmpty() && all.stream().allMatch(tx -> "CONTRL".equals(tx.type()))) {
            return Optional.empty();
        }
        Verdict uci = edifactEnvelope(list(in.problems()));
        boolean checked = all.stream().anyMatch(tx -> tx.schema() != null && !"CONTRL".equals(tx.type()));
        if (!"4".equals(uci.status()) && !checked) {
            uci = new Verdict("8", null, null, null, null);
        }
        String[] syntax = in.syntax() == null ? new String[] {"UNOA", "3"} : in.syntax().split(":");
        boolean v4 = syntax.length > 1 && syntax[1].compareTo("4") >= 0;
        LocalDateTime now = LocalDateTime.now(clock);
        AckWriter w = AckWriter.edifact(profile, syntax);
        String reference = String.valueOf(numbers.next(profile.partner(), AckNumbers.UNB0020));
        if (reference.length() > 14) {
            throw new IllegalStateException("UNB 0020 " + reference + " for " + profile.partner()
                    + " exceeds 14 characters");
        }
        w.startInterchange();
        w.segment("UNA");
        w.segment("UNB", syntax, new String[] {profile.ourIdentity().unbId(), profile.ourIdentity().unbQualifier()},
                new String[] {profile.identity().unbId(), profile.identity().unbQualifier()},
                new String[] {now.format(v4 ? CCYYMMDD : YYMMDD), now.format(HHMM)}, reference,
                null, null, null, null, null, profile.test() ? "1" : null);
        w.startTransaction();
        w.segment("UNH", "1", new String[] {"CONTRL", "D", "3", "UN"});
        w.segment("UCI", in.controlNumber(), new String[] {in.senderId(), in.senderQualifier()},
                new String[] {in.receiverId(), in.receiverQualifier()}, uci.status(), uci.code(), uci.tag(),
                position(uci));
        if ("7".equals(uci.status())) {
            for (EdiReport.Group group : list(in.groups())) {
                Verdict ucf = edifactEnvelope(list(group.problems()));
                w.segment("UCF", group.controlNumber(), new String[] {group.senderCode()},
                        new String[] {group.receiverCode()}, ucf.status(), ucf.code(), ucf.tag(), position(ucf));
                if ("7".equals(ucf.status())) {
                    list(group.transactions()).forEach(tx -> writeMessageResponse(w, in, tx));
                }
            }
            list(in.transactions()).forEach(tx -> writeMessageResponse(w, in, tx));
        }
        w.segment("UNT", String.valueOf(w.transactionSegments()), "1");
        w.segment("UNZ", "1", reference);
        w.endInterchange();
        return Optional.of(released("CONTRL", profile, w.text()));
    }

    private void writeMessageResponse(AckWriter w, EdiReport.Interchange in, EdiReport.Transaction tx) {
        String version = tx.version();
        if ("CONTRL".equals(tx.type()) || tx.type() == null || tx.controlNumber() == null || version == null
                || version.length() < 2) {
            // never answer a CONTRL; a message without its identifier cannot be named in UCM
            return;
        }
        TransactionVerdict t = transaction(in, tx, Format.CONTRL);
        EnvelopeNote envelope = t.envelope().isEmpty() ? null : t.envelope().get(0);
        w.segment("UCM", tx.controlNumber(),
                new String[] {tx.type(), version.substring(0, 1), version.substring(1), "UN"}, t.status(),
                envelope == null ? null : envelope.code(), envelope == null ? null : envelope.tag(),
                envelope == null ? null : s011(envelope.element(), envelope.component()));
        if ("4".equals(t.status())) {
            for (SegmentNote s : t.segments()) {
                w.segment("UCS", String.valueOf(s.position()), s.code());
                for (ElementNote e : s.elements()) {
                    w.segment("UCD", e.code(), s011(e.element(), e.component()));
                }
            }
        }
    }

    private static String[] position(Verdict v) {
        return s011(v.element(), v.component());
    }

    private static String[] s011(Integer element, Integer component) {
        return element == null ? null
                : new String[] {String.valueOf(element), component == null ? null : String.valueOf(component)};
    }

    // ============================================================================================== verdicts

    /** An envelope's verdict: TA104 + TA105, or UCI/UCF 0083 + 0085 with where (0013, S011). */
    record Verdict(String status, String code, String tag, Integer element, Integer component) {}

    /** An AK4/IK4/UCD: element (and component) position, X12 data element reference, code, copy of the bad data. */
    record ElementNote(int element, Integer component, String reference, String code, String badData) {}

    /** An AK3/IK3/UCS: the segment, its position in the transaction set, its code (null: element errors only). */
    record SegmentNote(String tag, int position, String code, List<ElementNote> elements) {}

    /** An error of the transaction set's own header or trailer: its code, and where for CONTRL's UCM. */
    record EnvelopeNote(String code, String tag, Integer element, Integer component) {}

    /** AK5/IK5 status (A/E/R; CONTRL 7/4) and codes, and the notes behind them. */
    record TransactionVerdict(EdiReport.Transaction transaction, String status, List<String> codes,
                              List<SegmentNote> segments, List<EnvelopeNote> envelope) {}

    /** AK9: status, included (GE01), received, accepted, codes; and the group's transaction sets. */
    record GroupVerdict(String status, int included, int received, int accepted, List<String> codes,
                        List<TransactionVerdict> transactions) {}

    private static Verdict x12Envelope(EdiReport.Interchange in) {
        Verdict verdict = new Verdict("A", "000", null, null, null);
        for (EdiProblem p : byPosition(list(in.problems()))) {
            if (PartnerAgreement.NO_AGREEMENT.equals(p.code())) {
                // the header is readable but not what the profile agrees to: the interchange is not opened
                if (!"R".equals(verdict.status())) {
                    verdict = new Verdict("R", AckCodes.ta1NoAgreementCode(p.element()), p.segment(), p.element(),
                            p.component());
                }
                continue;
            }
            Optional<EDIStreamValidationError> error = AckCodes.staedi(p);
            if (error.isEmpty()) {
                continue;
            }
            String tag = tagOf(p, error.get());
            String note = AckCodes.ta1NoteCode(error.get(), tag, p.element());
            String status = AckCodes.ta1AcknowledgmentCode(note);
            if (rank(status) > rank(verdict.status())) {
                verdict = new Verdict(status, note, tag, p.element(), p.component());
            }
        }
        return verdict;
    }

    private static int rank(String ta104) {
        return switch (ta104) {
            case "A" -> 0;
            case "E" -> 1;
            default -> 2;
        };
    }

    /** UCI/UCF: 4 with the first error, or 7. */
    private static Verdict edifactEnvelope(List<EdiProblem> problems) {
        for (EdiProblem p : byPosition(problems)) {
            if (PartnerAgreement.NO_AGREEMENT.equals(p.code())) {
                return new Verdict("4", AckCodes.contrlNoAgreementCode(p.element()), p.segment(), p.element(),
                        p.component());
            }
            Optional<EDIStreamValidationError> error = AckCodes.staedi(p);
            if (error.isPresent()) {
                String tag = tagOf(p, error.get());
                return new Verdict("4", AckCodes.contrlEnvelopeCode(error.get(), tag, p.element()), tag,
                        AckCodes.isSegmentError(error.get()) ? null : p.element(),
                        AckCodes.isSegmentError(error.get()) ? null : p.component());
            }
        }
        return new Verdict("7", null, null, null, null);
    }

    private GroupVerdict x12Group(EdiReport.Interchange in, EdiReport.Group group, Format format) {
        List<TransactionVerdict> transactions = new ArrayList<>();
        list(group.transactions()).forEach(tx -> transactions.add(transaction(in, tx, format)));
        List<String> codes = new ArrayList<>();
        boolean rejected = false;
        Integer included = null;
        for (EdiProblem p : byPosition(list(group.problems()))) {
            if (PartnerAgreement.NO_AGREEMENT.equals(p.code())) {
                AckCodes.groupNoAgreementCode(p.element()).filter(c -> !codes.contains(c)).ifPresent(codes::add);
                rejected = true;
                continue;
            }
            Optional<EDIStreamValidationError> error = AckCodes.staedi(p);
            if (error.isEmpty()) {
                continue;
            }
            String tag = tagOf(p, error.get());
            Optional<String> code = AckCodes.groupCode(error.get(), tag, p.element());
            code.filter(c -> !codes.contains(c)).ifPresent(codes::add);
            if (code.isEmpty() || !AckCodes.isGroupTrailerDisagreement(code.get())) {
                rejected = true;
            }
            if ("GE".equals(tag) && error.get() == CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT && p.value() != null
                    && p.value().strip().matches("\\d{1,6}")) {
                included = Integer.parseInt(p.value().strip());
            }
        }
        int received = transactions.size();
        int accepted;
        String status;
        if (rejected) {
            transactions.replaceAll(t -> "R".equals(t.status()) ? t
                    : new TransactionVerdict(t.transaction(), "R", t.codes(), t.segments(), t.envelope()));
            accepted = 0;
            status = "R";
        } else {
            accepted = (int) transactions.stream().filter(t -> !"R".equals(t.status())).count();
            boolean noted = !codes.isEmpty() || transactions.stream().anyMatch(t -> "E".equals(t.status()));
            if (received > 0 && accepted == 0) {
                status = "R";
            } else if (accepted < received) {
                status = "P";
            } else {
                status = noted ? "E" : "A";
            }
        }
        return new GroupVerdict(status, included == null ? received : included, received, accepted,
                codes.subList(0, Math.min(codes.size(), 5)), transactions);
    }

    private TransactionVerdict transaction(EdiReport.Interchange in, EdiReport.Transaction tx, Format format) {
        Integer header = null;
        Optional<Schema> schema = tx.type() == null || tx.version() == null || format == Format.CONTRL
                && tx.schema() == null ? Optional.empty() : schemaOf(in, tx);
        Map<String, SegmentNote> notes = new LinkedHashMap<>();
        List<EnvelopeNote> envelope = new ArrayList<>();
        boolean standard = false;
        boolean implementation = false;
        for (EdiProblem p : list(tx.problems())) {
            if (PartnerAgreement.NO_AGREEMENT.equals(p.code()) && format == Format.CONTRL
                    && "UNH".equals(p.segment())) {
                // the message's version is not agreed: UCM 4, 0085 17 (no agreement) at S009
                envelope.add(new EnvelopeNote(AckCodes.CONTRL_NO_AGREEMENT, "UNH", p.element(), p.component()));
                continue;
            }
            Optional<EDIStreamValidationError> found = AckCodes.staedi(p);
            if (found.isEmpty()) {
                continue;
            }
            EDIStreamValidationError error = found.get();
            String tag = tagOf(p, error);
            if (TRANSACTION_ENVELOPE.contains(tag)) {
                envelope.add(new EnvelopeNote(format == Format.CONTRL
                        ? AckCodes.contrlEnvelopeCode(error, tag, p.element())
                        : AckCodes.transactionEnvelopeCode(error, tag, p.element()), tag,
                        AckCodes.isSegmentError(error) ? null : p.element(),
                        AckCodes.isSegmentError(error) ? null : p.component()));
                continue;
            }
            Optional<String> mapped = AckCodes.code(error, format);
            if (mapped.isEmpty()) {
                continue; // not reported in this format (implementation-guide errors outside the 999)
            }
            String code = mapped.get();
            if (format == Format.CONTRL && error == INVALID_CHARACTER_DATA && numeric(schema, tag, p)) {
                code = AckCodes.CONTRL_INVALID_TYPE_OF_CHARACTERS;
            }
            if (AckCodes.isImplementationError(error)) {
                implementation = true;
            } else {
                standard = true;
            }
            if (header == null && p.segmentPosition() != null) {
                header = positions.of(in, tx).orElseThrow(() -> new IllegalStateException("the position of the "
                        + "header of " + tx.type() + " " + tx.controlNumber() + " in interchange "
                        + in.controlNumber() + " is not known: its errors cannot be located"));
            }
            int position = p.segmentPosition() == null ? Math.max(tx.segmentCount(), 1)
                    : Math.max(p.segmentPosition() - header + 1, 1);
            SegmentNote note = notes.computeIfAbsent(position + " " + tag,
                    k -> new SegmentNote(tag, position, null, new ArrayList<>()));
            if (AckCodes.isSegmentError(error)) {
                if (note.code() == null) {
                    notes.put(position + " " + tag, new SegmentNote(tag, position, code, note.elements()));
                }
            } else if (note.elements().size() < 99) {
                int element = p.element() == null ? 1 : p.element();
                String reference = format == Format.CONTRL ? null : reference(schema, tag, element, p.component());
                String bad = MISSING_DATA_CODES.contains(code) ? null : p.value();
                note.elements().add(new ElementNote(element, p.component(), reference, code, bad));
            }
        }
        List<SegmentNote> segments = new ArrayList<>();
        for (SegmentNote note : notes.values()) {
            // X12: a segment with element errors only is "8, segment has data element errors"; CONTRL: UCS without 0085
            segments.add(note.code() != null || format == Format.CONTRL ? note
                    : new SegmentNote(note.tag(), note.position(), "8", note.elements()));
        }
        segments.sort(Comparator.comparingInt(SegmentNote::position));
        if (format == Format.CONTRL) {
            return new TransactionVerdict(tx, envelope.isEmpty() && !standard ? "7" : "4", List.of(), segments,
                    envelope);
        }
        List<String> codes = new ArrayList<>();
        envelope.forEach(e -> {
            if (!codes.contains(e.code())) {
                codes.add(e.code());
            }
        });
        if (standard) {
            codes.add("5");
        }
        if (implementation && format == Format.X12_999) {
            codes.add("I5");
        }
        String status = !envelope.isEmpty() || standard ? "R" : implementation ? "E" : "A";
        return new TransactionVerdict(tx, status, codes.subList(0, Math.min(codes.size(), 5)), segments, envelope);
    }

    /** The X12 data element reference number (AK402/IK402) of an element, from the transaction's schema. */
    private static String reference(Optional<Schema> schema, String tag, int element, Integer component) {
        EDIType type = elementType(schema, tag, element, component);
        String code = type == null ? null : type.getCode();
        return code != null && code.matches("\\d{1,4}") ? code : null;
    }

    private static boolean numeric(Optional<Schema> schema, String tag, EdiProblem p) {
        EDIType type = elementType(schema, tag, p.element() == null ? 1 : p.element(), p.component());
        return type instanceof EDISimpleType simple && (simple.getBase() == EDISimpleType.Base.NUMERIC
                || simple.getBase() == EDISimpleType.Base.DECIMAL);
    }

    private static EDIType elementType(Optional<Schema> schema, String tag, int element, Integer component) {
        if (schema.isEmpty() || !(schema.get().getType(tag) instanceof EDIComplexType segment)) {
            return null;
        }
        EDIType type = at(segment.getReferences(), element);
        if (component != null && component > 0 && type instanceof EDIComplexType composite) {
            return at(composite.getReferences(), component);
        }
        return type instanceof EDIComplexType ? null : type;
    }

    private static EDIType at(List<EDIReference> references, int position) {
        return position >= 1 && position <= references.size() ? references.get(position - 1).getReferencedType()
                : null;
    }

    private Optional<Schema> schemaOf(EdiReport.Interchange in, EdiReport.Transaction tx) {
        try {
            // the schema the set was read with (its version's own, the nearest version's, or the one its partner's
            // profile names): positions are acknowledged as that reading found them
            return tx.schema() != null ? specs.byFile(tx.schema())
                    : specs.find(in.standard(), tx.version(), tx.type());
        } catch (IllegalStateException unloadable) {
            return Optional.empty();
        }
    }

    /**
     * The segment a problem is about: for segment errors StAEDI's text (the missing or unexpected segment's tag,
     * where {@code segment} is the one at which it was noticed), otherwise the segment of the element.
     */
    private static String tagOf(EdiProblem p, EDIStreamValidationError error) {
        if (AckCodes.isSegmentError(error) && p.value() != null && SEGMENT_TAG.matcher(p.value()).matches()) {
            return p.value();
        }
        return p.segment();
    }

    private static List<EdiProblem> byPosition(List<EdiProblem> problems) {
        List<EdiProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(EdiProblem::segmentPosition, Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }

    // ================================================================================================ writing

    /**
     * The 997's version: the group's own (004010, 005010) when the profile agrees to it (or lists none) and edi-specs
     * has its 997, else the profile's first: a group in a version the partner never agreed is answered in one it did.
     */
    private String version997(EdiReport.Group group, PartnerProfiles.Profile profile) {
        List<String> candidates = new ArrayList<>();
        if (group.version() != null && group.version().length() >= 6) {
            if (list(profile.versions()).isEmpty() || PartnerAgreement.agreed(group.version(), profile)) {
                candidates.add(group.version().substring(0, 6));
            }
        }
        list(profile.versions()).stream().filter(v -> v.length() >= 6).map(v -> v.substring(0, 6))
                .forEach(candidates::add);
        for (String candidate : candidates) {
            if ((candidate.startsWith("0040") || candidate.startsWith("0050"))
                    && specs.find("X12", candidate, "997").isPresent()) {
                return candidate;
            }
        }
        throw new IllegalStateException("partner " + profile.partner() + ": no 997 schema in " + specs.root()
                + " for group " + group.controlNumber() + " (" + group.version() + ") or the profile's versions "
                + profile.versions());
    }

    private static String x12Number(long number, boolean nineDigits) {
        if (number < 1 || number > MAX_X12_CONTROL_NUMBER) {
            throw new IllegalStateException("X12 control number " + number + " is out of 1..999999999");
        }
        return nineDigits ? String.format(Locale.ROOT, "%09d", number) : String.valueOf(number);
    }

    /** Reads the written acknowledgement back; releases it only when StAEDI finds nothing wrong with it. */
    private String released(String what, PartnerProfiles.Profile profile, String edi) {
        List<String> problems = AckValidation.problems(edi, specs);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the " + what + " written for partner " + profile.partner()
                    + " does not validate, not sent: " + String.join("; ", problems) + "\n" + edi);
        }
        return edi;
    }

    private static void requireStandard(EdiReport.Interchange in, PartnerProfiles.Profile profile, String standard,
                                        String what) {
        if (!standard.equals(in.standard()) || !standard.equals(profile.standard())) {
            throw new IllegalArgumentException(what + " answers " + standard + " interchanges; interchange "
                    + in.controlNumber() + " is " + in.standard() + " and partner " + profile.partner() + " "
                    + profile.standard());
        }
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
