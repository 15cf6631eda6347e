package io.ordersync.demo.sim;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable behaviour setting shared by all simulators.
 *
 * @param mode       how the business endpoint answers (never null; defaults to {@link SimMode#ACCEPT})
 * @param failNext   number of next business requests that answer HTTP 503 before {@code mode} applies (&gt;= 0)
 * @param delayMs    delay applied in {@link SimMode#SLOW} mode (&gt;= 0)
 * @param rejectSkus SKUs rejected in {@link SimMode#REJECT_LINE} mode (never null, unmodifiable)
 */
public record SimBehaviour(SimMode mode, int failNext, long delayMs, Set<String> rejectSkus) {

    public SimBehaviour {
        mode = mode == null ? SimMode.ACCEPT : mode;
        if (failNext < 0) {
            throw new IllegalArgumentException("failNext must be >= 0 but was " + failNext);
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0 but was " + delayMs);
        }
        rejectSkus = rejectSkus == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(rejectSkus));
    }

    /** The default: {@link SimMode#ACCEPT}, no failures, no delay, no rejected SKUs. */
    public static SimBehaviour defaults() {
        return new SimBehaviour(SimMode.ACCEPT, 0, 0, Set.of());
    }

    public static SimBehaviour of(SimMode mode) {
        return new SimBehaviour(mode, 0, 0, Set.of());
    }

    /** {@link SimMode#SLOW} with the given delay. */
    public static SimBehaviour slow(long delayMs) {
        return new SimBehaviour(SimMode.SLOW, 0, delayMs, Set.of());
    }

    /** {@link SimMode#REJECT_LINE} for the given SKUs. */
    public static SimBehaviour rejectLines(String... skus) {
        return new SimBehaviour(SimMode.REJECT_LINE, 0, 0, Set.of(skus));
    }

    /** {@link SimMode#ACCEPT} after {@code count} HTTP 503 answers. */
    public static SimBehaviour failNext(int count) {
        return new SimBehaviour(SimMode.ACCEPT, count, 0, Set.of());
    }

    public SimBehaviour withMode(SimMode newMode) {
        return new SimBehaviour(newMode, failNext, delayMs, rejectSkus);
    }

    public SimBehaviour withFailNext(int count) {
        return new SimBehaviour(mode, count, delayMs, rejectSkus);
    }

    public SimBehaviour withDelayMs(long newDelayMs) {
        return new SimBehaviour(mode, failNext, newDelayMs, rejectSkus);
    }

    public SimBehaviour withRejectSkus(Collection<String> skus) {
        return new SimBehaviour(mode, failNext, delayMs, skus == null ? null : Set.copyOf(skus));
    }

    /** True when the SKU must be rejected as unknown under this behaviour (data rule or configured set). */
    public boolean rejectsSku(String sku) {
        Objects.requireNonNull(sku, "sku");
        return sku.startsWith("UNKNOWN-") || (mode == SimMode.REJECT_LINE && rejectSkus.contains(sku));
    }

    /** True when the customer must be put on credit hold under this behaviour (data rule or mode). */
    public boolean holdsCustomer(String customerNumber) {
        return mode == SimMode.CREDIT_HOLD || (customerNumber != null && customerNumber.startsWith("HOLD-"));
    }
}
