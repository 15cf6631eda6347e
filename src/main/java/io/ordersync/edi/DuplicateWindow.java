package io.ordersync.edi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a control number seen before is a repeat. Partners' control numbers wrap around (ISA13 has 9 digits) and some
 * partners restart them, so a number is a repeat only within the partner's window of its last accepted use; after
 * that it is new again and is stored with the next reuse number (see the V4 migration for why the reuse number is
 * part of the unique key).
 */
final class DuplicateWindow {

    private DuplicateWindow() {
    }

    /**
     * An accepted use of a control number.
     *
     * @param interchangeId the interchange that brought it
     * @param controlId     the group / transaction set record, or null for an interchange
     * @param receivedAt    when it was accepted
     * @param reuseNumber   0 for the first use, then 1, 2, ... for each use after a window had passed
     */
    public record Use(long interchangeId, Long controlId, Instant receivedAt, int reuseNumber) {}

    /**
     * @param repeat      the number is a duplicate of {@code earlier}: it creates nothing
     * @param earlier     the last accepted use, if any
     * @param reuseNumber for a new use: the reuse number to store it with
     */
    public record Verdict(boolean repeat, Use earlier, int reuseNumber) {}

    /**
     * Judges a control number by its last accepted use: a repeat when {@code now} is before that use plus the
     * window (a use stamped later than {@code now}, as replicas' clocks differ slightly, is a repeat too); new
     * otherwise, with the next reuse number.
     */
    public static Verdict judge(Optional<Use> lastUse, Instant now, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a duplicate window must be longer than zero, not " + window);
        }
        if (lastUse.isEmpty()) {
            return new Verdict(false, null, 0);
        }
        Use last = lastUse.get();
        if (now.isBefore(last.receivedAt().plus(window))) {
            return new Verdict(true, last, last.reuseNumber());
        }
        return new Verdict(false, last, last.reuseNumber() + 1);
    }
}
