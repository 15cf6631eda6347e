package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.BothDatabases;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outbound control numbers from the database stay unique when many callers ask at once, on H2 and on a real
 * PostgreSQL (what replicas share in production).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcAckNumbersTest {

    private final BothDatabases databases = new BothDatabases("acks", 8);

    Stream<String> databases() {
        return BothDatabases.names();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sequences_start_at_one_and_are_kept_per_partner_and_kind(String database) {
        JdbcAckNumbers numbers = new JdbcAckNumbers(dataSource(database));
        String partner = "acme-" + UUID.randomUUID();
        String other = "rheinland-" + UUID.randomUUID();
        assertThat(numbers.next(partner, AckNumbers.ISA13)).isEqualTo(1);
        assertThat(numbers.next(partner, AckNumbers.ISA13)).isEqualTo(2);
        assertThat(numbers.next(partner, AckNumbers.GS06)).isEqualTo(1);
        assertThat(numbers.next(other, AckNumbers.ISA13)).isEqualTo(1);
        assertThat(new JdbcAckNumbers(dataSource(database)).next(partner, AckNumbers.ISA13)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_callers_never_get_the_same_number(String database) throws Exception {
        // two instances, as two replicas on one database would have
        List<JdbcAckNumbers> replicas = List.of(new JdbcAckNumbers(dataSource(database)),
                new JdbcAckNumbers(dataSource(database)));
        String partner = "acme-" + UUID.randomUUID();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                JdbcAckNumbers numbers = replicas.get(i % 2);
                calls.add(pool.submit(() -> assertThat(seen.add(numbers.next(partner, AckNumbers.ST02)))
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

    @AfterAll
    void close() {
        databases.close();
    }

    private HikariDataSource dataSource(String database) {
        return databases.get(database);
    }
}
