package io.ordersync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load harness's client counts what it sees: every answer, by status, none lost in the tally. */
class LoadDriverTest {

    private HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        // every third request fails: the tally must say so, not count it as a success
        server.createContext("/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = received.incrementAndGet() % 3 == 0 ? 503 : 202;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void closed_loop_counts_every_answer_by_status() throws Exception {
        try (LoadDriver driver = new LoadDriver("http://127.0.0.1:" + server.getAddress().getPort(), 202)) {
            LoadDriver.Result result = driver.saturate(300, 8, i -> new LoadDriver.Request("/orders", "{}", Map.of()));

            assertThat(received.get()).isEqualTo(300);
            assertThat(result.requests()).isEqualTo(300);
            assertThat(result.succeeded()).isEqualTo(200);
            assertThat(result.failuresByStatus()).containsExactly(Map.entry(503, 100));
            assertThat(result.perSecond()).isPositive();
            assertThat(result.p50Micros()).isLessThanOrEqualTo(result.p99Micros());
            assertThat(result.p99Micros()).isLessThanOrEqualTo(result.maxMicros());
        }
    }

    @Test
    void paced_run_sends_every_request_and_waits_for_all_answers() {
        try (LoadDriver driver = new LoadDriver("http://127.0.0.1:" + server.getAddress().getPort(), 202)) {
            LoadDriver.Result result = driver.paced(60, 200, i -> new LoadDriver.Request("/orders", "{}", Map.of()));

            assertThat(received.get()).isEqualTo(60);
            assertThat(result.succeeded() + result.failuresByStatus().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(60);
            assertThat(result.failuresByStatus()).containsOnlyKeys(503);
            // 60 requests due 5 ms apart take at least the 295 ms until the last is due
            assertThat(result.seconds()).isGreaterThanOrEqualTo(0.29);
        }
    }

    @Test
    void an_unreachable_server_is_counted_as_failed_requests() throws Exception {
        server.stop(0);
        try (LoadDriver driver = new LoadDriver("http://127.0.0.1:" + server.getAddress().getPort(), 202)) {
            LoadDriver.Result result = driver.saturate(5, 2, i -> new LoadDriver.Request("/orders", "{}", Map.of()));

            assertThat(result.succeeded()).isZero();
            assertThat(result.failuresByStatus()).containsExactly(Map.entry(-1, 5));
        }
    }
}
