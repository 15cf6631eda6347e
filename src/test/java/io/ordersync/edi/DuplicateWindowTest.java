package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DuplicateWindowTest {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Instant FIRST = Instant.parse("2026-01-10T08:00:00Z");
    private static final DuplicateWindow.Use FIRST_USE = new DuplicateWindow.Use(7, null, FIRST, 0);

    @Test
    void a_number_never_seen_is_new_and_its_first_use() {
        DuplicateWindow.Verdict verdict = DuplicateWindow.judge(Optional.empty(), FIRST, WINDOW);

        assertThat(verdict.repeat()).isFalse();
        assertThat(verdict.earlier()).isNull();
        assertThat(verdict.reuseNumber()).isZero();
    }

    @Test
    void a_number_seen_within_the_window_is_a_repeat_of_that_use() {
        DuplicateWindow.Verdict soon = DuplicateWindow.judge(Optional.of(FIRST_USE), FIRST.plusSeconds(1), WINDOW);
        DuplicateWindow.Verdict lastMoment = DuplicateWindow.judge(Optional.of(FIRST_USE),
                FIRST.plus(WINDOW).minusMillis(1), WINDOW);

        assertThat(soon.repeat()).isTrue();
        assertThat(soon.earlier()).isEqualTo(FIRST_USE);
        assertThat(lastMoment.repeat()).isTrue();
    }

    @Test
    void once_the_window_has_passed_the_number_is_new_again_with_the_next_reuse_number() {
        DuplicateWindow.Verdict atTheEnd = DuplicateWindow.judge(Optional.of(FIRST_USE), FIRST.plus(WINDOW), WINDOW);
        DuplicateWindow.Verdict muchLater = DuplicateWindow.judge(
                Optional.of(new DuplicateWindow.Use(9, null, FIRST, 3)), FIRST.plus(Duration.ofDays(400)), WINDOW);

        assertThat(atTheEnd.repeat()).isFalse();
        assertThat(atTheEnd.earlier()).isEqualTo(FIRST_USE);
        assertThat(atTheEnd.reuseNumber()).isEqualTo(1);
        assertThat(muchLater.reuseNumber()).isEqualTo(4);
    }

    @Test
    void a_use_stamped_later_than_now_by_another_replica_is_still_a_repeat() {
        DuplicateWindow.Verdict verdict = DuplicateWindow.judge(Optional.of(FIRST_USE), FIRST.minusMillis(200),
                WINDOW);

        assertThat(verdict.repeat()).isTrue();
    }

    @Test
    void the_window_is_measured_from_the_last_accepted_use_not_the_first() {
        DuplicateWindow.Use reused = new DuplicateWindow.Use(12, null, FIRST.plus(Duration.ofDays(45)), 1);

        assertThat(DuplicateWindow.judge(Optional.of(reused), FIRST.plus(Duration.ofDays(50)), WINDOW).repeat())
                .isTrue();
    }

    @Test
    void an_empty_or_negative_window_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DuplicateWindow.judge(Optional.empty(), FIRST,
                Duration.ZERO)).withMessageContaining("longer than zero");
        assertThatIllegalArgumentException().isThrownBy(() -> DuplicateWindow.judge(Optional.empty(), FIRST,
                Duration.ofDays(-1)));
    }
}
