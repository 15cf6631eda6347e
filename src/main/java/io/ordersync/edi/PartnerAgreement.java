package io.ordersync.edi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a partner's profile agrees to, checked on what the partner sends. The interchange must be addressed to
 * ordersync's identity in the profile (ISA07/ISA08, UNB 0010/0007 of S003), carry the agreed test indicator (ISA15,
 * UNB 0035: {@code usage}), and its groups (X12 GS08) or messages (EDIFACT UNH S009) must be in one of the agreed
 * {@code versions}. Acknowledgements (997, 999, CONTRL) are not held to the versions: they answer what we sent.
 *
 * <p>A disagreement is an {@link EdiProblem} with code {@value #NO_AGREEMENT} at the element concerned. Nothing in
 * an interchange or group that disagrees becomes an order, and the acknowledgements say why: TA1 R 009 (receiver) or
 * 020 (test indicator), CONTRL UCI 4 with 0085 7 or 25; AK9 R 2 (group version), CONTRL UCM 4 with 0085 17 (message
 * version). A test document sent to a production profile is never processed as a production order, and a partner in
 * testing cannot send production orders before its profile says {@code usage: production}.
 */
final class PartnerAgreement {

    /** The code of every disagreement with the partner's profile. */
    public static final String NO_AGREEMENT = "NO_AGREEMENT";

    private PartnerAgreement() {
    }

    /** The report with every interchange from a partner with a profile checked against it; others as they are. */
    public static EdiReport check(EdiReport report, PartnerProfiles partners) {
        if (report.interchanges() == null || report.interchanges().isEmpty()) {
            return report;
        }
        List<EdiReport.Interchange> checked = new ArrayList<>();
        boolean changed = false;
        for (EdiReport.Interchange in : report.interchanges()) {
            EdiReport.Interchange after = partners.bySender(in.standard(), in.senderQualifier(), in.senderId())
                    .map(profile -> check(in, profile)).orElse(in);
            changed |= after != in;
            checked.add(after);
        }
        if (!changed) {
            return report;
        }
        EdiReport.Status status = report.status() == EdiReport.Status.ACCEPTED
                && checked.stream().anyMatch(i -> i.status() != EdiReport.Status.ACCEPTED)
                ? EdiReport.Status.REJECTED : report.status();
        return new EdiReport(report.file(), status, report.warnings(), report.problems(), checked);
    }

    /** The interchange with its disagreements with {@code profile} added; the same instance when there are none. */
    public static EdiReport.Interchange check(EdiReport.Interchange in, PartnerProfiles.Profile profile) {
        boolean x12 = "X12".equals(in.standard());
        List<EdiProblem> envelope = new ArrayList<>();
        receiver(in, profile, x12).ifPresent(envelope::add);
        usage(in, profile, x12).ifPresent(envelope::add);

        List<EdiReport.Group> groups = new ArrayList<>();
        boolean groupsChanged = false;
        for (EdiReport.Group group : list(in.groups())) {
            EdiReport.Group after = x12 ? x12Group(in, group, profile) : edifactGroup(in, group, profile);
            groupsChanged |= after != group;
            groups.add(after);
        }
        List<EdiReport.Transaction> loose = new ArrayList<>();
        boolean looseChanged = false;
        for (EdiReport.Transaction tx : list(in.transactions())) {
            // messages outside any group: EDIFACT without UNG
            EdiReport.Transaction after = x12 ? tx : edifactMessage(in, tx, profile);
            looseChanged |= after != tx;
            loose.add(after);
        }
        if (envelope.isEmpty() && !groupsChanged && !looseChanged) {
            return in;
        }
        List<EdiProblem> problems = new ArrayList<>(list(in.problems()));
        problems.addAll(envelope);
        EdiReport.Status status = worst(envelope.isEmpty() ? in.status() : EdiReport.Status.REJECTED,
                groups.stream().map(EdiReport.Group::status).toList(),
                loose.stream().map(EdiReport.Transaction::status).toList());
        return new EdiReport.Interchange(in.standard(), in.syntax(), in.senderQualifier(), in.senderId(),
                in.receiverQualifier(), in.receiverId(), in.controlNumber(), in.date(), in.time(), in.testIndicator(),
                in.delimiters(), status, problems, groups, loose, in.complete());
    }

    private static Optional<EdiProblem> receiver(EdiReport.Interchange in, PartnerProfiles.Profile profile,
                                                 boolean x12) {
        PartnerProfiles.Identity ours = profile.ourIdentity();
        if (ours == null) {
            return Optional.empty();
        }
        String expectedQualifier = x12 ? ours.isaQualifier() : ours.unbQualifier();
        String expectedId = x12 ? ours.isaId() : ours.unbId();
        boolean qualifierAgrees = expectedQualifier == null || expectedQualifier.equals(trim(in.receiverQualifier()));
        boolean idAgrees = expectedId == null || expectedId.equals(trim(in.receiverId()));
        if (qualifierAgrees && idAgrees) {
            return Optional.empty();
        }
        String received = trim(in.receiverQualifier()) + ":" + trim(in.receiverId());
        String expected = expectedQualifier + ":" + expectedId;
        Integer element = x12 ? (idAgrees ? 7 : 8) : 3;
        Integer component = x12 ? null : idAgrees ? 2 : 1;
        return Optional.of(new EdiProblem(NO_AGREEMENT, x12 ? "ISA" : "UNB", null, element, component,
                idAgrees ? trim(in.receiverQualifier()) : trim(in.receiverId()),
                "interchange " + in.controlNumber() + " from partner " + profile.partner() + " is addressed to "
                        + received + ", not to ordersync's identity " + expected + " in its profile ($.ourIdentity)"
                        + ": nothing in it is processed"));
    }

    private static Optional<EdiProblem> usage(EdiReport.Interchange in, PartnerProfiles.Profile profile, boolean x12) {
        String indicator = trim(in.testIndicator());
        if (!"T".equals(indicator) && !"P".equals(indicator)) {
            return Optional.empty(); // an invalid ISA15 is the schema's finding, with its own code
        }
        boolean testDocument = "T".equals(indicator);
        if (testDocument == profile.test()) {
            return Optional.empty();
        }
        String where = x12 ? "ISA15 '" + indicator + "'" : "UNB 0035 " + (testDocument ? "'1'" : "absent");
        String why = testDocument
                ? "partner " + profile.partner() + " is in production (usage: production) but interchange "
                        + in.controlNumber() + " is marked as a test (" + where + "): a test document is not"
                        + " processed as production orders"
                : "partner " + profile.partner() + " is in testing (usage: test) but interchange "
                        + in.controlNumber() + " is marked for production (" + where + "): refused until its profile"
                        + " says usage: production";
        return Optional.of(new EdiProblem(NO_AGREEMENT, x12 ? "ISA" : "UNB", null, x12 ? 15 : 11, null,
                x12 ? indicator : testDocument ? "1" : null, why));
    }

    private static EdiReport.Group x12Group(EdiReport.Interchange in, EdiReport.Group group,
                                            PartnerProfiles.Profile profile) {
        if ("FA".equals(group.functionalId()) || group.version() == null || agreed(group.version(), profile)) {
            return group;
        }
        String why = "group " + group.controlNumber() + " of interchange " + in.controlNumber() + " from partner "
                + profile.partner() + " is in version " + group.version() + ", not one of the versions "
                + profile.versions() + " in its profile ($.versions): nothing in it is processed";
        EdiProblem problem = new EdiProblem(NO_AGREEMENT, "GS", null, 8, null, group.version(), why);
        List<EdiProblem> problems = new ArrayList<>(list(group.problems()));
        problems.add(problem);
        List<EdiReport.Transaction> transactions = list(group.transactions()).stream()
                .map(tx -> rejected(tx, problem)).toList();
        return new EdiReport.Group(group.functionalId(), group.senderCode(), group.receiverCode(),
                group.controlNumber(), group.version(), EdiReport.Status.REJECTED, problems, transactions);
    }

    private static EdiReport.Group edifactGroup(EdiReport.Interchange in, EdiReport.Group group,
                                                PartnerProfiles.Profile profile) {
        List<EdiReport.Transaction> transactions = new ArrayList<>();
        boolean changed = false;
        for (EdiReport.Transaction tx : list(group.transactions())) {
            EdiReport.Transaction after = edifactMessage(in, tx, profile);
            changed |= after != tx;
            transactions.add(after);
        }
        if (!changed) {
            return group;
        }
        return new EdiReport.Group(group.functionalId(), group.senderCode(), group.receiverCode(),
                group.controlNumber(), group.version(), worst(group.status(), List.of(),
                transactions.stream().map(EdiReport.Transaction::status).toList()), group.problems(), transactions);
    }

    private static EdiReport.Transaction edifactMessage(EdiReport.Interchange in, EdiReport.Transaction tx,
                                                        PartnerProfiles.Profile profile) {
        if (tx.version() == null || AcknowledgementReader.TYPES.contains(tx.type()) || agreed(tx.version(), profile)) {
            return tx;
        }
        // S009: 0052 (the version, "D") is component 2, 0054 (the release, "96A") component 3
        int component = tx.version().startsWith("D") ? 3 : 2;
        return rejected(tx, new EdiProblem(NO_AGREEMENT, "UNH", null, 2, component, tx.version(),
                "message " + tx.type() + " " + tx.controlNumber() + " of interchange " + in.controlNumber()
                        + " from partner " + profile.partner() + " is in version " + tx.version()
                        + ", not one of the versions " + profile.versions() + " in its profile ($.versions):"
                        + " not processed"));
    }

    /**
     * Whether the profile agrees to a version: EDIFACT directories (D96A) as they are, X12 by version and release (the
     * first six characters of GS08, so 004010 agrees with 004010X... as well).
     */
    public static boolean agreed(String version, PartnerProfiles.Profile profile) {
        String received = version.length() > 6 && Character.isDigit(version.charAt(0)) ? version.substring(0, 6)
                : version;
        return list(profile.versions()).stream().map(v -> v.length() > 6 && Character.isDigit(v.charAt(0))
                ? v.substring(0, 6) : v).anyMatch(received::equals);
    }

    private static EdiReport.Transaction rejected(EdiReport.Transaction tx, EdiProblem problem) {
        List<EdiProblem> problems = new ArrayList<>(list(tx.problems()));
        problems.add(problem);
        return new EdiReport.Transaction(tx.type(), tx.controlNumber(), tx.version(), tx.schema(), tx.segmentCount(),
                EdiReport.Status.REJECTED, problems, tx.keys(), tx.canonicalOrder(), tx.ordinal());
    }

    private static EdiReport.Status worst(EdiReport.Status own, List<EdiReport.Status> groups,
                                          List<EdiReport.Status> transactions) {
        boolean rejected = own == EdiReport.Status.REJECTED || groups.contains(EdiReport.Status.REJECTED)
                || transactions.contains(EdiReport.Status.REJECTED);
        return rejected ? EdiReport.Status.REJECTED : own;
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    private static <T> List<T> list(List<T> values) {
        return Objects.requireNonNullElse(values, List.of());
    }
}
