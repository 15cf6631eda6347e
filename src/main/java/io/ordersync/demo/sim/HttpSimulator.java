package io.ordersync.demo.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the loopback HTTP simulators: lifecycle, switchable {@link SimBehaviour}, request recording and the
 * control endpoints shared by all of them:
 * <ul>
 *   <li>{@code POST /sim/behaviour} body {@code {"mode":"UNAVAILABLE","failNext":0,"delayMs":0,"rejectSkus":["X"]}}
 *       (all fields optional) &rarr; 204</li>
 *   <li>{@code GET /sim/behaviour} &rarr; 200 the current behaviour</li>
 *   <li>{@code POST /sim/reset} &rarr; 204 (clears recorded requests, domain data and behaviour)</li>
 *   <li>{@code GET /sim/requests} &rarr; 200 JSON array of the requests received at the business endpoint</li>
 * </ul>
 * A kind of simulator may add control endpoints of its own ({@link #handleOwnControl}).
 * Uses only the JDK's {@link HttpServer}, bound to 127.0.0.1, one thread per concurrent request.
 */
public abstract class HttpSimulator implements AutoCloseable {

    /** JSON mapper used by the simulators: decimals are read as {@link java.math.BigDecimal}. */
    protected static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // keep "10.50" as 10.50 (do not strip trailing zeros of decimals)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String APPLICATION_JSON = "application/json; charset=utf-8";

    static {
        // the JDK server writes response headers and body separately; without TCP_NODELAY, Nagle's algorithm and
        // delayed ACKs add ~40 ms to every answer on loopback (read once, when the JDK server first loads)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Set<String> BEHAVIOUR_FIELDS = Set.of("mode", "failNext", "delayMs", "rejectSkus");

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final int requestedPort;

    private HttpServer server;
    private ExecutorService executor;
    private volatile int port = -1;

    private final Object behaviourLock = new Object();
    private volatile SimBehaviour behaviour = SimBehaviour.defaults();
    private final AtomicInteger failNextRemaining = new AtomicInteger();
    /** Failures kept for requests that mention a given text, so that other traffic cannot use them up. */
    private final Map<String, AtomicInteger> failNextMatching = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<RecordedRequest> requests = new ArrayList<>();

    protected HttpSimulator(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        this.name = name;
        this.requestedPort = port;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Binds 127.0.0.1 on the configured port (0 = a free port) and starts serving. Idempotent. */
    public synchronized HttpSimulator start() {
        if (server != null) {
            return this;
        }
        try {
            HttpServer created = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), requestedPort), 64);
            AtomicInteger threads = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "sim-" + name + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            executor = Executors.newCachedThreadPool(factory);
            created.setExecutor(executor);
            created.createContext("/", this::dispatch);
            created.start();
            server = created;
            port = created.getAddress().getPort();
            log.info("{} simulator listening on {}", name, baseUrl());
            return this;
        } catch (IOException e) {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
            throw new UncheckedIOException("cannot start " + name + " simulator on port " + requestedPort, e);
        }
    }

    /** Stops serving and releases the port. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
        log.info("{} simulator on port {} stopped", name, port);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port actually bound. */
    public int port() {
        int p = port;
        if (p < 0) {
            throw new IllegalStateException(name + " simulator has not been started");
        }
        return p;
    }

    /** e.g. {@code http://127.0.0.1:9101} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Short name used in logs and thread names, e.g. {@code erp-na}. */
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ behaviour

    /** The current behaviour; {@code failNext} is the number of simulated 503s still to come. */
    public SimBehaviour behaviour() {
        synchronized (behaviourLock) {
            return behaviour.withFailNext(failNextRemaining.get());
        }
    }

    /** Replaces the behaviour (including the failNext counter). */
    public void setBehaviour(SimBehaviour newBehaviour) {
        SimBehaviour b = newBehaviour == null ? SimBehaviour.defaults() : newBehaviour;
        SimBehaviour previous;
        synchronized (behaviourLock) {
            previous = behaviour.withFailNext(failNextRemaining.get());
            behaviour = b;
            failNextRemaining.set(b.failNext());
        }
        if (!previous.equals(b)) {
            log.info("{} simulator behaviour set to {}", name, b);
        }
    }

    /** Shortcut for {@code setBehaviour(SimBehaviour.of(mode))}. */
    public void behaviour(SimMode mode) {
        setBehaviour(SimBehaviour.of(mode));
    }

    /** Makes the next {@code count} business requests answer 503, keeping the current mode. */
    public void failNext(int count) {
        synchronized (behaviourLock) {
            setBehaviour(behaviour.withFailNext(count));
        }
    }

    /**
     * Makes the next {@code count} business requests whose path or body contains {@code text} answer 503. Requests
     * for other orders pass, so a test's failures are not taken by traffic left over from another test.
     */
    public void failNextMatching(String text, int count) {
        if (text == null || text.isEmpty() || count < 0) {
            throw new IllegalArgumentException("failNextMatching needs a text and a count >= 0");
        }
        failNextMatching.put(text, new AtomicInteger(count));
    }

    /** Clears recorded requests, domain data and behaviour. */
    public void reset() {
        synchronized (requests) {
            requests.clear();
        }
        failNextMatching.clear();
        clearData();
        setBehaviour(SimBehaviour.defaults());
    }

    /**
     * Forgets the recorded requests and keeps the domain data (orders, updates) and behaviour: what a long run does
     * between phases, so that the record of requests does not grow with every order.
     */
    public void forgetRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Snapshot of everything received at the business endpoint, in order of arrival. */
    public List<RecordedRequest> receivedRequests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    // ------------------------------------------------------------------ extension points

    /** True when the request addresses the simulated business endpoint (recorded and subject to behaviour). */
    protected abstract boolean isBusinessRequest(Call call);

    /** Handles a business request once the behaviour let it through. */
    protected abstract void handleBusiness(Call call) throws IOException;

    /** Handles a request that is neither a control nor a business request. Default: 404. */
    protected void handleOther(Call call) throws IOException {
        call.respond(404, TEXT_PLAIN, "no such resource: " + call.method() + " " + call.path());
    }

    /** Answers a control endpoint of this kind of simulator under {@code /sim/}; false when it has none by that path. */
    protected boolean handleOwnControl(Call call) throws IOException {
        return false;
    }

    /** Clears the simulator's domain data (called by {@link #reset()}). */
    protected abstract void clearData();

    // ------------------------------------------------------------------ dispatch

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        Call call = null;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            call = new Call(exchange, body);
            if (call.path().equals("/sim") || call.path().startsWith("/sim/")) {
                handleControl(call);
            } else if (isBusinessRequest(call)) {
                record(call);
                if (!applyBehaviour(call)) {
                    handleBusiness(call);
                }
            } else {
                handleOther(call);
            }
        } catch (Exception e) {
            log.warn("{} simulator failed on {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
            if (call != null && !call.responded()) {
                try {
                    call.respond(500, TEXT_PLAIN, "simulator error: " + e);
                } catch (IOException ignored) {
                    // client went away
                }
            }
        } finally {
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.info("{} {} {} -> {} ({} ms) correlationId={}", name, exchange.getRequestMethod(),
                    exchange.getRequestURI(), exchange.getResponseCode(), ms,
                    exchange.getRequestHeaders().getFirst("X-Correlation-Id"));
            exchange.close();
        }
    }

    private void record(Call call) {
        HttpExchange ex = call.exchange();
        RecordedRequest recorded = new RecordedRequest(call.method(), call.path(), call.query(),
                ex.getRequestHeaders(), call.bodyAsString(), Instant.now());
        synchronized (requests) {
            requests.add(recorded);
        }
    }

    /** Applies failNext / UNAVAILABLE / REFUSE_REQUEST / SLOW. Returns true when the request has been answered already. */
    private boolean applyBehaviour(Call call) throws IOException {
        if (!failNextMatching.isEmpty()) {
            String body = call.bodyAsString();
            for (Map.Entry<String, AtomicInteger> failing : failNextMatching.entrySet()) {
                boolean mentioned = call.path().contains(failing.getKey()) || body.contains(failing.getKey());
                if (mentioned && failing.getValue().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    call.respond(503, TEXT_PLAIN, "503 Service Unavailable (simulated: failNextMatching)");
                    return true;
                }
            }
        }
        if (failNextRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            call.respond(503, TEXT_PLAIN, "503 Service Unavailable (simulated: failNext)");
            return true;
        }
        SimBehaviour current = behaviour;
        if (current.mode() == SimMode.UNAVAILABLE) {
            call.respond(503, TEXT_PLAIN, "503 Service Unavailable (simulated)");
            return true;
        }
        if (current.mode() == SimMode.REFUSE_REQUEST) {
            call.respond(400, TEXT_PLAIN, "400 Bad Request (simulated: the request is refused as invalid)");
            return true;
        }
        if (current.mode() == SimMode.SLOW && current.delayMs() > 0) {
            try {
                Thread.sleep(current.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                call.respond(503, TEXT_PLAIN, "503 Service Unavailable (simulator shutting down)");
                return true;
            }
        }
        return false;
    }

    /** Behaviour effective for the business logic of the current request. */
    protected SimBehaviour currentBehaviour() {
        return behaviour;
    }

    // ------------------------------------------------------------------ control endpoints

    private void handleControl(Call call) throws IOException {
        String path = call.path();
        String method = call.method();
        switch (path) {
            case "/sim/behaviour" -> {
                if (method.equals("POST") || method.equals("PUT")) {
                    SimBehaviour parsed;
                    try {
                        parsed = parseBehaviour(call.bodyAsString());
                    } catch (IllegalArgumentException e) {
                        call.respondJson(400, error(e.getMessage()));
                        return;
                    }
                    setBehaviour(parsed);
                    call.respond(204, null, "");
                } else if (method.equals("GET")) {
                    call.respondJson(200, behaviourJson(behaviour()));
                } else {
                    methodNotAllowed(call, "GET, POST");
                }
            }
            case "/sim/reset" -> {
                if (method.equals("POST")) {
                    reset();
                    call.respond(204, null, "");
                } else {
                    methodNotAllowed(call, "POST");
                }
            }
            case "/sim/requests" -> {
                if (method.equals("GET")) {
                    ArrayNode array = JSON.createArrayNode();
                    for (RecordedRequest r : receivedRequests()) {
                        array.add(requestJson(r));
                    }
                    call.respondJson(200, array);
                } else {
                    methodNotAllowed(call, "GET");
                }
            }
            default -> {
                if (!handleOwnControl(call)) {
                    call.respondJson(404, error("no such control endpoint: " + path));
                }
            }
        }
    }

    static void methodNotAllowed(Call call, String allowed) throws IOException {
        call.exchange().getResponseHeaders().set("Allow", allowed);
        call.respondJson(405, error("method " + call.method() + " not allowed, use " + allowed));
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    /** Parses the control JSON; missing fields take their defaults. */
    static SimBehaviour parseBehaviour(String body) {
        if (body == null || body.isBlank()) {
            return SimBehaviour.defaults();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("behaviour body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("behaviour body must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!BEHAVIOUR_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown behaviour field '" + field + "', expected one of "
                        + BEHAVIOUR_FIELDS);
            }
        }
        SimMode mode = SimMode.ACCEPT;
        JsonNode modeNode = root.get("mode");
        if (modeNode != null && !modeNode.isNull()) {
            try {
                mode = SimMode.valueOf(modeNode.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + modeNode.asText() + "', expected one of "
                        + java.util.Arrays.toString(SimMode.values()));
            }
        }
        int failNext = (int) nonNegativeLong(root, "failNext");
        long delayMs = nonNegativeLong(root, "delayMs");
        Set<String> rejectSkus = new LinkedHashSet<>();
        JsonNode skus = root.get("rejectSkus");
        if (skus != null && !skus.isNull()) {
            if (!skus.isArray()) {
                throw new IllegalArgumentException("rejectSkus must be an array of strings");
            }
            for (JsonNode sku : skus) {
                if (!sku.isTextual()) {
                    throw new IllegalArgumentException("rejectSkus must be an array of strings");
                }
                rejectSkus.add(sku.asText());
            }
        }
        return new SimBehaviour(mode, failNext, delayMs, rejectSkus);
    }

    private static long nonNegativeLong(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0
                || (field.equals("failNext") && node.asLong() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(field + " must be a non-negative integer but was " + node);
        }
        return node.asLong();
    }

    static ObjectNode behaviourJson(SimBehaviour b) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mode", b.mode().name());
        node.put("failNext", b.failNext());
        node.put("delayMs", b.delayMs());
        ArrayNode skus = node.putArray("rejectSkus");
        b.rejectSkus().stream().sorted().forEach(skus::add);
        return node;
    }

    static ObjectNode requestJson(RecordedRequest r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("method", r.method());
        node.put("path", r.path());
        if (r.query() != null) {
            node.put("query", r.query());
        }
        ObjectNode headers = node.putObject("headers");
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            headers.put(h.getKey(), String.join(", ", h.getValue()));
        }
        node.put("correlationId", r.correlationId());
        node.put("body", r.body());
        node.put("receivedAt", r.receivedAt().toString());
        return node;
    }

    // ------------------------------------------------------------------ per-request helper

    /** One HTTP exchange with its body already read. */
    protected static final class Call {
        private final HttpExchange exchange;
        private final byte[] body;
        private boolean responded;

        Call(HttpExchange exchange, byte[] body) {
            this.exchange = exchange;
            this.body = body;
        }

        public HttpExchange exchange() {
            return exchange;
        }

        public String method() {
            return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        }

        public String path() {
            return exchange.getRequestURI().getPath();
        }

        public String query() {
            return exchange.getRequestURI().getRawQuery();
        }

        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        public byte[] body() {
            return body;
        }

        public String bodyAsString() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean responded() {
            return responded;
        }

        public void respondJson(int status, JsonNode json) throws IOException {
            respond(status, APPLICATION_JSON, JSON.writeValueAsBytes(json));
        }

        public void respond(int status, String contentType, String text) throws IOException {
            respond(status, contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        public void respond(int status, String contentType, byte[] bytes) throws IOException {
            if (responded) {
                throw new IllegalStateException("response already sent");
            }
            responded = true;
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            boolean noBody = bytes.length == 0 || status == 204 || status == 304 || method().equals("HEAD");
            exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
