package io.ordersync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The load harness's HTTP client: sends requests to a running runtime over real HTTP (java.net.http, keep-alive
 * connections) and measures what the caller sees.
 * <ul>
 *   <li>{@link #saturate}: closed loop, {@code concurrency} callers each sending its next request as soon as the
 *       previous one is answered: the throughput the server sustains (at saturation when the callers outnumber what
 *       the server can work on at once);</li>
 *   <li>{@link #paced}: open loop at a fixed rate, latency measured from the moment each request was due (not from
 *       when it could be sent), so that a stalled server is charged for the requests waiting behind it.</li>
 * </ul>
 * A request counts as successful only with the expected status; every other answer is counted and reported.
 */
final class LoadDriver implements AutoCloseable {

    /** One request: where, what, which headers; {@code tag} names it in {@link Result#failedTags()} (may be null). */
    record Request(String path, String body, Map<String, String> headers, String tag) {

        Request(String path, String body, Map<String, String> headers) {
            this(path, body, headers, null);
        }
    }

    /**
     * What a run measured. Latencies in microseconds, of every request (answered or not). {@code failedTags}: the
     * tags of the requests without the expected status (not written to the results).
     */
    record Result(int requests, int succeeded, Map<Integer, Integer> failuresByStatus, double seconds,
                  double perSecond, long p50Micros, long p95Micros, long p99Micros, long maxMicros,
                  @com.fasterxml.jackson.annotation.JsonIgnore List<String> failedTags) {

        static Result of(int requests, long[] latenciesMicros, int succeeded, Map<Integer, Integer> failures,
                         long elapsedNanos, List<String> failedTags) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            double seconds = elapsedNanos / 1e9;
            return new Result(requests, succeeded, failures, seconds, succeeded / seconds, percentile(sorted, 0.50),
                    percentile(sorted, 0.95), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                    failedTags);
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private final String baseUrl;
    private final int expectedStatus;
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(8);
    private final HttpClient http;

    LoadDriver(String baseUrl, int expectedStatus) {
        this.baseUrl = baseUrl;
        this.expectedStatus = expectedStatus;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends {@code count} requests from {@code concurrency} callers, each waiting for its answer before the next. */
    Result saturate(int count, int concurrency, IntFunction<Request> requests) throws InterruptedException {
        long[] latencies = new long[count];
        int[] statuses = new int[count];
        String[] tags = new String[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            callers.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    Request request = requests.apply(i);
                    tags[i] = request.tag();
                    long sent = System.nanoTime();
                    statuses[i] = send(request);
                    latencies[i] = (System.nanoTime() - sent) / 1_000;
                }
            });
        }
        callers.shutdown();
        if (!callers.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the closed-loop run did not finish within 30 minutes");
        }
        return tally(count, latencies, statuses, tags, System.nanoTime() - start);
    }

    /**
     * Sends {@code count} requests at {@code perSecond}, each when it is due whatever the earlier ones are doing;
     * latency runs from when the request was due to its answer.
     */
    Result paced(int count, double perSecond, IntFunction<Request> requests) {
        long[] latencies = new long[count];
        int[] statuses = new int[count];
        String[] tags = new String[count];
        List<CompletableFuture<Void>> answers = new ArrayList<>(count);
        long intervalNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            Request request = requests.apply(i);
            tags[i] = request.tag();
            answers.add(http.sendAsync(build(request), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        statuses[index] = failure == null ? response.statusCode() : -1;
                        latencies[index] = (System.nanoTime() - due) / 1_000;
                        return null;
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        return tally(count, latencies, statuses, tags, System.nanoTime() - start);
    }

    private Result tally(int count, long[] latencies, int[] statuses, String[] tags, long elapsed) {
        int succeeded = 0;
        Map<Integer, Integer> failures = new java.util.TreeMap<>();
        List<String> failedTags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (statuses[i] == expectedStatus) {
                succeeded++;
            } else {
                failures.merge(statuses[i], 1, Integer::sum);
                if (tags[i] != null) {
                    failedTags.add(tags[i]);
                }
            }
        }
        return Result.of(count, latencies, succeeded, failures, elapsed, failedTags);
    }

    private int send(Request request) {
        try {
            return http.send(build(request), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest build(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    @Override
    public void close() {
        clientThreads.shutdownNow();
    }
}
