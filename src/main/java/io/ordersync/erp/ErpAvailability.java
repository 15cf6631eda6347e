package io.ordersync.erp;

import io.ordersync.support.ExchangeProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.Suspendable;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker per legal entity's ERP for order delivery. An unavailable ERP (5xx, SOAP Server fault, timeout,
 * refused connection) is not a fault of the order: instead of retrying the order to exhaustion and dead-lettering it,
 * the entity's dispatch consumer ({@code order-dispatch-<ENTITY>}) is paused with the order still uncommitted in
 * Kafka, and resumed after a backoff (initial delay, times the multiplier per failed attempt, at most the maximum
 * delay). The first record read after resuming is the probe: delivered, the breaker closes; failed again, the
 * consumer pauses for longer. Other entities have their own consumers and are not held up.
 *
 * <p>Why not the {@code pausable} EIP with {@code KafkaConsumerListener}: in camel-kafka 4.17 a failed record makes
 * the consumer (with {@code breakOnFirstError}) reconnect with a new Kafka consumer the listener did not pause, and
 * while the listener's check says "not yet" it drops the records that poll returns, so waiting orders would be
 * skipped. Instead the Kafka consumer endpoint is suspended, which camel-kafka implements as Kafka's own
 * {@code pause} of the assigned partitions: the consumer keeps polling (empty) and so keeps its group membership
 * however long the ERP is down ({@code max.poll.interval.ms} never runs out), and resuming seeks each partition back
 * to its committed offset. The suspension is requested on the consumer's own thread while the failed record is
 * processed, so the consumer pauses right after it (no reconnect), and its partitions are rewound to their committed
 * offsets here, so no record polled in the same batch is passed over.
 */
public class ErpAvailability extends ServiceSupport {

    /** Exchange property set by the dispatch route: the Kafka record's manual commit (consumer, partition, offset). */
    public static final String KAFKA_RECORD = ExchangeProperties.KAFKA_RECORD;

    private static final Logger LOG = LoggerFactory.getLogger(ErpAvailability.class);

    /** What health and metrics show for one entity's ERP. */
    public record Status(String legalEntity, boolean available, Instant unavailableSince, int failedAttempts,
                         Instant nextAttemptAt, String lastFailure) {
    }

    private final CamelContext context;
    private final Clock clock;
    private final long initialDelayMs;
    private final double multiplier;
    private final long maximumDelayMs;
    private final Map<String, Breaker> breakers = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public ErpAvailability(CamelContext context, Clock clock, Collection<String> legalEntities, long initialDelayMs,
                           double multiplier, long maximumDelayMs) {
        this.context = context;
        this.clock = clock;
        this.initialDelayMs = initialDelayMs;
        this.multiplier = multiplier;
        this.maximumDelayMs = maximumDelayMs;
        for (String entity : legalEntities) {
            breakers.put(entity, new Breaker(entity));
        }
    }

    @Override
    protected void doStart() {
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "erp-availability");
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            context.getExecutorServiceManager().shutdownNow(scheduler);
        }
    }

    public Set<String> legalEntities() {
        return breakers.keySet();
    }

    public Status status(String legalEntity) {
        return breaker(legalEntity).status();
    }

    /**
     * The ERP could not take the order now (called by {@code erp-deliver} for an order read from an entity's orders
     * topic): opens the breaker, rewinds the consumer to its committed offsets and pauses it until the next attempt.
     * The exception then travels on, so the record is neither committed nor dead-lettered.
     */
    public void unavailable(Exchange exchange) {
        Instant resumeAt = failed(exchange.getProperty(ErpDelivery.LEGAL_ENTITY, String.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        rewindAndPause(exchange, resumeAt);
    }

    /** Records a failed attempt; answers when the next attempt is due. */
    Instant failed(String legalEntity, Throwable cause) {
        return breaker(legalEntity).failed(cause, clock.instant());
    }

    /** The ERP answered (created, found again, or rejected the order on its merits): the breaker closes. */
    public void available(String legalEntity) {
        Breaker breaker = breakers.get(legalEntity);
        if (breaker != null) {
            breaker.answered(clock.instant());
        }
    }

    private Breaker breaker(String legalEntity) {
        Breaker breaker = breakers.get(legalEntity);
        if (breaker == null) {
            throw new IllegalArgumentException("no ERP configured for legal entity " + legalEntity);
        }
        return breaker;
    }

    private long delayMs(int failedAttempts) {
        double delay = initialDelayMs * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return (long) Math.min(delay, maximumDelayMs);
    }

    /** On the Kafka consumer's thread (the exchange is processed synchronously by it). */
    private void rewindAndPause(Exchange exchange, Instant resumeAt) {
        DefaultKafkaManualCommit record = exchange.getProperty(KAFKA_RECORD, DefaultKafkaManualCommit.class);
        Route route = context.getRoute(exchange.getFromRouteId());
        if (record == null || route == null) {
            throw new IllegalStateException("ERP unavailability outside a Kafka dispatch route ("
                    + exchange.getFromRouteId() + ")");
        }
        // every assigned partition back to what was committed: the failed record and anything polled after it in the
        // same batch are read again after the pause (delivered records were committed one by one)
        org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = record.getConsumer();
        Set<TopicPartition> assignment = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
        for (TopicPartition partition : assignment) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                // never committed: auto.offset.reset is earliest
                consumer.seekToBeginning(List.of(partition));
            }
        }
        Consumer routeConsumer = route.getConsumer();
        if (routeConsumer instanceof Suspendable && !ServiceHelper.isSuspended(routeConsumer)) {
            // only a pause request: the consumer thread pauses its partitions once this record's processing ended
            ServiceHelper.suspendService(routeConsumer);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), resumeAt).toMillis());
        scheduler.schedule(() -> resume(route.getRouteId(), routeConsumer), delay, TimeUnit.MILLISECONDS);
    }

    private void resume(String routeId, Consumer routeConsumer) {
        try {
            if (ServiceHelper.isSuspended(routeConsumer) && context.getRoute(routeId) != null) {
                LOG.info("Route {} resumes: the next order it reads tries the ERP again", routeId);
                ServiceHelper.resumeService(routeConsumer);
            }
        } catch (Exception e) {
            LOG.warn("Route {} could not resume its consumer: {}", routeId, e.getMessage());
        }
    }

    private final class Breaker {
        private final String entity;
        private Instant unavailableSince;
        private int failedAttempts;
        private Instant nextAttemptAt;
        private String lastFailure;

        Breaker(String entity) {
            this.entity = entity;
        }

        synchronized Instant failed(Throwable cause, Instant now) {
            failedAttempts++;
            lastFailure = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            long delay = delayMs(failedAttempts);
            nextAttemptAt = now.plusMillis(delay);
            if (unavailableSince == null) {
                unavailableSince = now;
                LOG.warn("ERP of {} unavailable since {} ({}); its orders wait in Kafka, next attempt in {} ms",
                        entity, unavailableSince, lastFailure, delay);
            } else {
                LOG.warn("ERP of {} still unavailable (since {}, attempt {}: {}); next attempt in {} ms", entity,
                        unavailableSince, failedAttempts, lastFailure, delay);
            }
            return nextAttemptAt;
        }

        synchronized void answered(Instant now) {
            if (unavailableSince != null) {
                LOG.info("ERP of {} available again after {} ({} failed attempts)", entity,
                        Duration.between(unavailableSince, now), failedAttempts);
            }
            unavailableSince = null;
            failedAttempts = 0;
            nextAttemptAt = null;
            lastFailure = null;
        }

        synchronized Status status() {
            return new Status(entity, unavailableSince == null, unavailableSince, failedAttempts, nextAttemptAt,
                    lastFailure);
        }
    }
}
