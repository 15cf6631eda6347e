package io.ordersync.edi;

import io.ordersync.edi.EdiInterchangeStore.ControlKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functional groups and transaction sets of one new interchange that repeat earlier ones, for partners whose
 * profile checks them ({@code duplicateDetection.group / transaction}): those create nothing. Judged before the
 * interchange is processed; the new control numbers are claimed (and the repeats recorded) once the interchange
 * itself is recorded, like the interchange's own number: a crash before that lets the partner send the file again.
 */
final class ContentDuplicates {

    private static final Logger LOG = LoggerFactory.getLogger(ContentDuplicates.class);

    /**
     * A control number this interchange uses for the first time (in the window), with its reuse number. Only content
     * that was processed is remembered: a group or set rejected as a whole may come again, corrected, under its number.
     */
    private record Claim(ControlKey key, int reuseNumber, boolean processed) {}

    private final EdiInterchangeStore store;
    private final Duration window;
    private final Instant now;
    private final Map<ControlKey, Claim> claims = new LinkedHashMap<>();
    private final List<ControlKey> repeats = new ArrayList<>();
    private final Set<Object> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Map<String, Object>> described = new ArrayList<>();

    private ContentDuplicates(EdiInterchangeStore store, Duration window, Instant now) {
        this.store = store;
        this.window = window;
        this.now = now;
    }

    /** Judges the interchange's groups and transaction sets as the partner's profile asks. */
    static ContentDuplicates check(EdiInterchangeStore store, PartnerProfiles.Profile partner,
                                   EdiReport.Interchange interchange, Instant now) {
        PartnerProfiles.DuplicateDetection rules = partner.duplicates();
        ContentDuplicates check = new ContentDuplicates(store, rules.window(), now);
        String sender = interchange.senderQualifier() + ":" + interchange.senderId();
        String receiver = interchange.receiverQualifier() + ":" + interchange.receiverId();
        for (EdiReport.Group group : interchange.groups()) {
            if (rules.group() && group.controlNumber() != null && group.senderCode() != null
                    && group.receiverCode() != null) {
                ControlKey key = new ControlKey(EdiInterchangeStore.GROUP, group.senderCode(), group.receiverCode(),
                        null, group.controlNumber());
                boolean processed = group.transactions().stream().anyMatch(ContentDuplicates::accepted);
                if (check.isRepeat(key, processed)) {
                    check.skipped.add(group);
                    continue;
                }
            }
            if (rules.transaction()) {
                for (EdiReport.Transaction transaction : group.transactions()) {
                    check.transaction(group.senderCode(), group.receiverCode(), transaction);
                }
            }
        }
        if (rules.transaction()) {
            // EDIFACT messages without a UNG group: keyed by the interchange's sender and receiver
            for (EdiReport.Transaction transaction : interchange.transactions()) {
                check.transaction(sender, receiver, transaction);
            }
        }
        return check;
    }

    private void transaction(String sender, String receiver, EdiReport.Transaction transaction) {
        if (transaction.controlNumber() == null || transaction.type() == null || sender == null || receiver == null) {
            return;
        }
        if (isRepeat(new ControlKey(EdiInterchangeStore.TRANSACTION, sender, receiver, transaction.type(),
                transaction.controlNumber()), accepted(transaction))) {
            skipped.add(transaction);
        }
    }

    /** A repeat of an earlier accepted use within the window, or of one processed earlier in this interchange. */
    private boolean isRepeat(ControlKey key, boolean processed) {
        Claim earlierHere = claims.get(key);
        if (earlierHere != null && earlierHere.processed()) {
            repeats.add(key);
            describe(key, null);
            return true;
        }
        if (earlierHere != null) {
            // the first one was rejected: this one may be its correction
            claims.put(key, new Claim(key, earlierHere.reuseNumber(), processed));
            return false;
        }
        DuplicateWindow.Verdict verdict = DuplicateWindow.judge(store.lastUse(key), now, window);
        if (verdict.repeat()) {
            repeats.add(key);
            describe(key, verdict.earlier());
            return true;
        }
        claims.put(key, new Claim(key, verdict.reuseNumber(), processed));
        return false;
    }

    private static boolean accepted(EdiReport.Transaction transaction) {
        return transaction.status() == EdiReport.Status.ACCEPTED;
    }

    private void describe(ControlKey key, DuplicateWindow.Use earlier) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("level", key.level());
        if (!key.setType().isEmpty()) {
            d.put("setType", key.setType());
        }
        d.put("controlNumber", key.controlNumber());
        d.put("sender", key.sender());
        d.put("receiver", key.receiver());
        if (earlier == null) {
            d.put("firstInThisInterchange", true);
        } else {
            d.put("firstInterchangeId", earlier.interchangeId());
            d.put("firstReceivedAt", earlier.receivedAt());
        }
        described.add(d);
    }

    /** Whether the group, or the transaction set (or its group), repeats earlier content. */
    boolean skips(EdiReport.Group group, EdiReport.Transaction transaction) {
        return (group != null && skipped.contains(group)) || skipped.contains(transaction);
    }

    /** The repeats, as the API answer lists them. */
    List<Map<String, Object>> described() {
        return described;
    }

    boolean any() {
        return !repeats.isEmpty();
    }

    /**
     * Claims the new control numbers for the recorded interchange and records the repeats. A number another
     * interchange claimed in the meantime (two files at once) is recorded as a repeat of that one; its orders, if any,
     * were found again by their purchase order numbers by the order intake, so nothing was created twice.
     */
    void record(long interchangeId, String partner, String fileName) {
        for (Claim claim : claims.values()) {
            if (!claim.processed()) {
                continue;
            }
            if (!store.claim(claim.key(), claim.reuseNumber(), interchangeId, partner, now)) {
                LOG.warn("{} {} from {} was claimed by another interchange at the same time: recorded as its repeat",
                        claim.key().level(), claim.key().controlNumber(), claim.key().sender());
                repeats.add(claim.key());
            }
        }
        for (ControlKey repeat : repeats) {
            Optional<DuplicateWindow.Use> original = store.lastUse(repeat);
            if (original.isPresent()) {
                store.recordRepeatedContent(original.get(), repeat.level(), interchangeId, fileName, now);
            }
        }
    }
}
