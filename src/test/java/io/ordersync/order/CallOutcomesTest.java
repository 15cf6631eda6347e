package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallOutcomesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void a_system_is_unreachable_from_its_first_unanswered_call_until_it_answers_again() {
        CallOutcomes outcomes = new CallOutcomes();
        assertThat(outcomes.of("CRM")).isEmpty();

        outcomes.answered("CRM", T0);
        assertThat(outcomes.of("CRM").orElseThrow().reachable()).isTrue();

        outcomes.unanswered("CRM", T0.plusSeconds(10), "HTTP 503");
        outcomes.unanswered("CRM", T0.plusSeconds(20), "ConnectException: Connection refused");
        CallOutcomes.Outcome down = outcomes.of("CRM").orElseThrow();
        assertThat(down.reachable()).isFalse();
        assertThat(down.unansweredSince()).isEqualTo(T0.plusSeconds(10));
        assertThat(down.failuresInARow()).isEqualTo(2);
        assertThat(down.lastFailure()).contains("Connection refused");
        assertThat(down.lastAnsweredAt()).isEqualTo(T0);
        assertThat(outcomes.of("ERP US01")).as("each system apart").isEmpty();

        outcomes.answered("CRM", T0.plusSeconds(30));
        assertThat(outcomes.of("CRM").orElseThrow().reachable()).isTrue();
        assertThat(outcomes.of("CRM").orElseThrow().failuresInARow()).isZero();
    }
}
