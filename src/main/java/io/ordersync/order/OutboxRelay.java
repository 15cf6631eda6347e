package io.ordersync.order;

import java.time.Clock;
import java.util.List;

/** Picks what the outbox relay route must (re)publish; the route does the sending. */
public class OutboxRelay {

    private final OrderStore store;
    private final Clock clock;
    private final long graceMs;
    private final long republishAfterMs;

    public OutboxRelay(OrderStore store, Clock clock, long graceMs, long republishAfterMs) {
        this.store = store;
        this.clock = clock;
        this.graceMs = graceMs;
        this.republishAfterMs = republishAfterMs;
    }

    public List<String> orders() {
        var now = clock.instant();
        return store.ordersToRelay(now.minusMillis(graceMs), now.minusMillis(republishAfterMs), 100);
    }

    public List<String> events() {
        return store.unpublishedEvents(clock.instant().minusMillis(graceMs), 100);
    }
}
