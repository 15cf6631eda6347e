package io.ordersync.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.MovableClock;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ErpAvailabilityTest {

    private final MovableClock clock = new MovableClock();
    private final ErpAvailability availability = new ErpAvailability(new DefaultCamelContext(), clock,
            List.of("US01", "DE01"), 1000, 2, 60000);

    @Test
    void each_failed_attempt_doubles_the_wait_up_to_the_maximum() {
        Instant start = clock.instant();
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long wait = Duration.between(clock.instant(), availability.failed("US01", new ConnectException("refused")))
                    .toMillis();
            // the clock follows the system clock: whole seconds, give or take the milliseconds this loop takes
            waits.add(Math.round(wait / 1000.0) * 1000);
            clock.move(Duration.ofSeconds(1));
        }
        assertThat(waits).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);

        ErpAvailability.Status status = availability.status("US01");
        assertThat(status.available()).isFalse();
        assertThat(status.unavailableSince()).isBetween(start, start.plusSeconds(1));
        assertThat(status.failedAttempts()).isEqualTo(9);
        assertThat(status.lastFailure()).isEqualTo("ConnectException: refused");
        assertThat(availability.status("DE01").available()).as("another entity's ERP").isTrue();
    }

    @Test
    void an_answer_closes_the_breaker_and_the_next_outage_starts_over() {
        availability.failed("US01", new ErpUnavailableException("503"));
        availability.failed("US01", new ErpUnavailableException("503"));
        availability.available("US01");

        ErpAvailability.Status status = availability.status("US01");
        assertThat(status.available()).isTrue();
        assertThat(status.unavailableSince()).isNull();
        assertThat(status.failedAttempts()).isZero();

        clock.move(Duration.ofMinutes(5));
        Instant before = clock.instant();
        Instant next = availability.failed("US01", new ErpUnavailableException("503"));
        assertThat(next).isBetween(before.plusSeconds(1), before.plusMillis(1500));
        assertThat(availability.status("US01").unavailableSince()).isBetween(before, before.plusMillis(500));
        assertThat(availability.status("US01").failedAttempts()).isEqualTo(1);
    }

    @Test
    void an_entity_without_an_erp_is_refused() {
        assertThatThrownBy(() -> availability.failed("ZZ99", new ConnectException("refused")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ZZ99");
    }
}
