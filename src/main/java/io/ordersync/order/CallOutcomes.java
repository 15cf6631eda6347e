package io.ordersync.order;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last outcome of the calls made for orders to each system (as {@link OrderCallJournal} names it: "CRM",
 * "ERP US01", ...), in memory: whether the system answered the last call. A call answered with any status below 500
 * is an answer (the system is there; a 4xx is about the request); a 5xx, a timeout or a refused connection is not.
 * Read by the health checks of systems that have no breaker of their own (the CRM).
 */
public class CallOutcomes {

    /**
     * The latest outcome: when the system last answered, when a call last went unanswered and why (null when it
     * answered since).
     */
    public record Outcome(Instant lastAnsweredAt, Instant unansweredSince, String lastFailure, int failuresInARow) {

        public boolean reachable() {
            return unansweredSince == null;
        }
    }

    private final ConcurrentMap<String, Outcome> bySystem = new ConcurrentHashMap<>();

    /** The system answered at {@code at}. */
    public void answered(String system, Instant at) {
        bySystem.merge(system, new Outcome(at, null, null, 0),
                (before, now) -> new Outcome(at, null, null, 0));
    }

    /** A call to the system went unanswered at {@code at} ({@code failure}: why). */
    public void unanswered(String system, Instant at, String failure) {
        bySystem.merge(system, new Outcome(null, at, failure, 1), (before, now) -> new Outcome(before.lastAnsweredAt(),
                before.unansweredSince() == null ? at : before.unansweredSince(), failure,
                before.failuresInARow() + 1));
    }

    /** The system's latest outcome, empty before the first call. */
    public Optional<Outcome> of(String system) {
        return Optional.ofNullable(bySystem.get(system));
    }
}
