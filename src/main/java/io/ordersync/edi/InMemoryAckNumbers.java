package io.ordersync.edi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link AckNumbers} kept in memory: every sequence starts at {@code first}; thread-safe; lost on restart. */
final class InMemoryAckNumbers implements AckNumbers {

    private final long first;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    public InMemoryAckNumbers() {
        this(1);
    }

    public InMemoryAckNumbers(long first) {
        if (first < 1) {
            throw new IllegalArgumentException("control numbers start at 1 or more, not " + first);
        }
        this.first = first;
    }

    @Override
    public long next(String partner, String kind) {
        return sequences.computeIfAbsent(partner + '\u0000' + kind, k -> new AtomicLong(first - 1)).incrementAndGet();
    }
}
