package io.ordersync.edi.ack;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.TestDatabases;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound control numbers from the database stay unique when many callers ask at once. */
class JdbcAckNumbersTest {

    private HikariDataSource dataSource;

    @BeforeEach
    void database() {
        dataSource = TestDatabases.migratedH2("acks", 8);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void sequences_start_at_one_and_are_kept_per_partner_and_kind() {
        JdbcAckNumbers numbers = new JdbcAckNumbers(dataSource);
        assertThat(numbers.next("acme-hardware", AckNumbers.ISA13)).isEqualTo(1);
        assertThat(numbers.next("acme-hardware", AckNumbers.ISA13)).isEqualTo(2);
        assertThat(numbers.next("acme-hardware", AckNumbers.GS06)).isEqualTo(1);
        assertThat(numbers.next("rheinland-technik", AckNumbers.ISA13)).isEqualTo(1);
        assertThat(new JdbcAckNumbers(dataSource).next("acme-hardware", AckNumbers.ISA13)).isEqualTo(3);
    }

    @Test
    void concurrent_callers_never_get_the_same_number() throws Exception {
        JdbcAckNumbers numbers = new JdbcAckNumbers(dataSource);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(pool.submit(() -> assertThat(seen.add(numbers.next("acme-hardware", AckNumbers.ST02)))
                        .as("number handed out twice").isTrue()));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(seen).hasSize(400).contains(1L, 400L);
    }
}
