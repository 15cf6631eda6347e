package io.ordersync.ops;

import io.ordersync.soap.SoapFault;
import io.ordersync.support.ApiAuthenticationException;
import io.ordersync.support.ApiProblem;
import io.ordersync.support.Correlation;
import io.ordersync.support.Json;
import io.ordersync.support.MeterRegistration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request bodies of {@code /api/*} and {@code /soap/*} at the HTTP edge, before a single body byte is held in memory:
 * <ol>
 * <li>credentials are checked first ({@link ApiSecurity#callerOf}): without valid ones the answer is {@code 401}
 * and the body is never read;</li>
 * <li>each path has its own size limit ({@link BodyLimits}): a declared {@code Content-Length} over it is answered
 * {@code 413} at once, a body without one (chunked) is counted as it arrives and refused {@code 413} the moment it
 * passes the limit;</li>
 * <li>the bytes of all bodies being received or processed at once are bounded by one budget: a body that would
 * pass it is answered {@code 503} with {@code Retry-After}, unread (or, chunked, as soon as it would pass it). The
 * bytes stay counted until the answer to their request is sent, since the route holds the body until then.</li>
 * </ol>
 * A refused body still arriving is not read: the request is paused and the connection closed shortly after the answer
 * (time for the client to read it), so the server never holds it. Then the body is read here, into the routing
 * context, so that the Vert.x body handler of Camel's HTTP server (which would read up to the largest limit of any
 * path, before authentication) finds it read and passes it on.
 * <p>
 * Installed like {@link ServiceGate}, through the main HTTP server's authentication hook, in two steps: the checks
 * ({@link #checks()}) before {@link FormBodyRefusal}, the reading ({@link #reader()}) after it.
 */
public final class RequestBodyEdge {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyEdge.class);

    /** Paths whose bodies this edge reads. */
    static final String[] PATHS = {"/api/*", "/soap/*"};

    /** How long a refused connection whose body is still coming stays open for the client to read the answer. */
    static final long CLOSE_REFUSED_AFTER_MS = 1000;

    /** Seconds a client is asked to wait when the in-flight budget is used up. */
    static final int RETRY_AFTER_SECONDS = 2;

    /** Methods whose requests may carry a body. */
    private static final java.util.Set<String> BODY_METHODS = java.util.Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Routing context key: the limit and reservation of this request, set by the checks, used by the reader. */
    private static final String ADMITTED = "ordersync.body.admitted";

    private final BodyLimits limits;
    private final Function<CamelContext, ApiSecurity> securityLookup;
    private final CamelContext context;
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<Integer, AtomicLong> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ApiSecurity security;

    RequestBodyEdge(CamelContext context, BodyLimits limits, Function<CamelContext, ApiSecurity> securityLookup) {
        this.context = context;
        this.limits = limits;
        this.securityLookup = securityLookup;
    }

    /**
     * Creates the edge and puts its checks in front of the API paths of camel-main's HTTP server; call before the
     * context starts, then {@link #installReader} after the handlers that must run between the two.
     */
    public static RequestBodyEdge installChecks(CamelContext context, BodyLimits limits) {
        RequestBodyEdge edge = new RequestBodyEdge(context, limits,
                camel -> camel.getRegistry().lookupByNameAndType("apiSecurity", ApiSecurity.class));
        for (String path : PATHS) {
            addToRouter(context, path, edge.checks());
        }
        return edge;
    }

    /** Puts the reading of admitted bodies on the router, after the checks and whatever was installed since. */
    public void installReader() {
        for (String path : PATHS) {
            addToRouter(context, path, reader());
        }
    }

    /** Bytes of request bodies held now (being received, or read and not yet answered). */
    public long inFlightBytes() {
        return inFlight.get();
    }

    /** Bodies refused so far, by HTTP status (401, 413, 503). */
    public long refused(int status) {
        return refusals.computeIfAbsent(status, ignored -> new AtomicLong()).get();
    }

    /**
     * Meters on /observe/metrics: {@code ordersync_http_body_bytes_in_flight} and
     * {@code ordersync_http_bodies_refused_total{status}}.
     */
    public MeterRegistration meters() {
        return new MeterRegistration() {
            @Override
            protected void register(io.micrometer.core.instrument.MeterRegistry registry) {
                io.micrometer.core.instrument.Gauge.builder("ordersync.http.body.bytes.in.flight", inFlight,
                        AtomicLong::get).description("Bytes of request bodies being received or processed now")
                        .baseUnit("bytes").register(registry);
                for (int status : new int[] {401, 413, 503}) {
                    io.micrometer.core.instrument.FunctionCounter.builder("ordersync.http.bodies.refused",
                            refusals.computeIfAbsent(status, ignored -> new AtomicLong()), AtomicLong::get)
                            .description("Request bodies refused at the HTTP edge before they were read")
                            .tag("status", String.valueOf(status)).register(registry);
                }
            }
        };
    }

    /** Credentials, declared size and in-flight budget, before anything of the body is read. */
    AuthenticationHandler checks() {
        return this::check;
    }

    /** Reads an admitted body, counting it against its limit (and, when its size was not declared, the budget). */
    AuthenticationHandler reader() {
        return this::read;
    }

    private void check(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String contentLength = request.getHeader("Content-Length");
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        long declared;
        try {
            declared = contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE; // Netty refuses such requests before us; should one pass, it is too large
        }
        // HTTP/2 (h2c, which Java's HTTP client asks for) has no chunked encoding: a body of unknown length is
        // simply a stream without Content-Length
        boolean http2Undeclared = request.version() == HttpVersion.HTTP_2 && contentLength == null
                && BODY_METHODS.contains(request.method().name());
        if (!chunked && !http2Undeclared && declared <= 0) {
            routing.next(); // no body: nothing to guard
            return;
        }
        String path = routing.normalizedPath();
        boolean soap = path.startsWith("/soap/");
        ApiSecurity apiSecurity = security();
        if (apiSecurity != null && apiSecurity.required()) {
            try {
                apiSecurity.callerOf(request.getHeader(AdminUsers.CONSOLE_HEADER), request.getHeader("X-API-Key"),
                        request.getHeader("Authorization"),
                        ApiSecurity.queryNamesCredentials(request.query()));
            } catch (ApiAuthenticationException refused) {
                LOG.info("Refused a body without valid credentials on {} {} (401, body not read)",
                        request.method().name(), shortPath(path));
                refuse(routing, 401, soap ? SoapFault.CLIENT : null, "UNAUTHORIZED", refused.getMessage(),
                        Map.of("WWW-Authenticate", refused.challenge()), Map.of());
                return;
            }
        }
        BodyLimits.Limit limit = limits.forPath(path);
        if (declared > limit.bytes()) {
            LOG.warn("Refused a body of {} bytes on {} {} (413): {} takes at most {} bytes ({})", declared,
                    request.method().name(), shortPath(path), limit.channel(), limit.bytes(), limit.property());
            refuse(routing, 413, soap ? SoapFault.CLIENT : null, "PAYLOAD_TOO_LARGE",
                    tooLarge(path, limit, "declares " + declared), Map.of(), tooLargeFields(path, limit));
            return;
        }
        // an HTTP/2 body of unknown length is read by Camel's own body handler (see read()): it holds a share of
        // the budget as large as the path's limit
        long reserved = http2Undeclared ? limit.bytes() : chunked ? 0 : declared;
        if (reserved > 0 && !reserve(reserved)) {
            busy(routing, path, soap, declared);
            return;
        }
        Admitted admitted = new Admitted(limit, reserved, chunked || http2Undeclared ? -1 : declared,
                http2Undeclared);
        routing.put(ADMITTED, admitted);
        // released when the answer is sent (or the connection is gone): the route holds the body until then
        routing.addEndHandler(ignored -> release(admitted));
        routing.next();
    }

    private void read(RoutingContext routing) {
        Admitted admitted = routing.get(ADMITTED);
        if (admitted == null || admitted.readByCamel()
                || ((RoutingContextInternal) routing).seenHandler(RoutingContextInternal.BODY_HANDLER)) {
            // no body, or already read; or an HTTP/2 body of unknown length: Camel's body handler must be reached
            // before the request ends (it resumes the request, which HTTP/2 refuses once ended), so it reads that
            // one itself, up to camel.server.maxBodySize (the largest limit of any path)
            routing.next();
            return;
        }
        HttpServerRequest request = routing.request();
        String path = routing.normalizedPath();
        boolean soap = path.startsWith("/soap/");
        Buffer body = Buffer.buffer((int) Math.min(Math.max(admitted.declaredLength(), 0), 64 * 1024));
        boolean[] done = {false};
        request.handler(chunk -> {
            if (done[0]) {
                return;
            }
            long total = (long) body.length() + chunk.length();
            if (total > admitted.limit().bytes()) {
                done[0] = true;
                LOG.warn("Refused a body on {} {} at {} bytes (413): {} takes at most {} bytes ({})",
                        request.method().name(), shortPath(path), total, admitted.limit().channel(),
                        admitted.limit().bytes(), admitted.limit().property());
                refuse(routing, 413, soap ? SoapFault.CLIENT : null, "PAYLOAD_TOO_LARGE",
                        tooLarge(path, admitted.limit(), "passed it at " + total), Map.of(),
                        tooLargeFields(path, admitted.limit()));
                return;
            }
            if (admitted.declaredLength() < 0) {
                if (!reserve(chunk.length())) {
                    done[0] = true;
                    busy(routing, path, soap, -1);
                    return;
                }
                admitted.add(chunk.length());
            }
            body.appendBuffer(chunk);
            if (body.length() == admitted.declaredLength()) {
                // all of it: passed on before the request's end, as Camel's body handler expects (see above)
                done[0] = true;
                passOn(routing, body);
            }
        });
        request.exceptionHandler(failure -> LOG.debug("Request body on {} broke off: {}", path, failure.toString()));
        request.endHandler(ignored -> {
            if (!done[0]) {
                done[0] = true;
                passOn(routing, body); // chunked (HTTP/1.1): its end is its length
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            routing.response().writeContinue();
        }
        request.resume();
    }

    private static void passOn(RoutingContext routing, Buffer body) {
        ((RoutingContextInternal) routing).setBody(body);
        ((RoutingContextInternal) routing).visitHandler(RoutingContextInternal.BODY_HANDLER);
        routing.next();
    }

    /** A path as quoted in answers and logs: whole unless it is longer than any path of the API. */
    private static String shortPath(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "...";
    }

    private void busy(RoutingContext routing, String path, boolean soap, long declared) {
        String message = "request bodies of " + inFlight.get() + " bytes are being received or processed, at most "
                + limits.inFlightBudget() + " at a time (" + BodyLimits.IN_FLIGHT_PROPERTY + ")"
                + (declared > 0 ? "; this one declares " + declared : "") + "; nothing was accepted, retry in "
                + RETRY_AFTER_SECONDS + " s";
        LOG.warn("Refused a body on {} (503): {}", shortPath(path), message);
        refuse(routing, 503, soap ? SoapFault.SERVER : null, "TEMPORARILY_UNAVAILABLE", message,
                Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)), Map.of());
    }

    private static String tooLarge(String path, BodyLimits.Limit limit, String what) {
        return "the body is too large: " + shortPath(path) + " takes at most " + limit.bytes()
                + " bytes (" + limit.property() + "), this one " + what + "; nothing was accepted";
    }

    private static Map<String, Object> tooLargeFields(String path, BodyLimits.Limit limit) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("limitBytes", limit.bytes());
        fields.put("path", shortPath(path));
        return fields;
    }

    private boolean reserve(long bytes) {
        while (true) {
            long now = inFlight.get();
            if (now + bytes > limits.inFlightBudget()) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    private void release(Admitted admitted) {
        inFlight.addAndGet(-admitted.takeReserved());
    }

    private ApiSecurity security() {
        ApiSecurity known = security;
        if (known == null) {
            known = securityLookup.apply(context);
            security = known;
        }
        return known;
    }

    /**
     * Answers without reading the body: a problem like {@link ApiErrors} on {@code /api}, a SOAP fault on {@code /soap}
     * ({@code soapFaultCode} not null). A body still coming is not read: the request is paused (what the client
     * still sends waits in its socket, not in this heap) and the connection closed once the client had time to read
     * the answer.
     */
    private void refuse(RoutingContext routing, int status, String soapFaultCode, String code, String message,
                               Map<String, String> headers, Map<String, Object> fields) {
        HttpServerRequest request = routing.request();
        HttpServerResponse response = routing.response();
        if (response.ended() || response.closed()) {
            return;
        }
        refusals.computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
        String given = request.getHeader(Correlation.HEADER);
        String correlationId = Correlation.isSane(given) ? given : UUID.randomUUID().toString();
        boolean bodyStillComing = !request.isEnded();
        // HTTP/2 carries other requests on the same connection, so it is not closed: the rest of the body is read and
        // dropped as it comes (never held; a client waiting for its body to be taken would otherwise wait forever)
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        if (bodyStillComing && http2) {
            request.handler(ignored -> { });
            request.resume();
        } else if (bodyStillComing) {
            request.pause();
        }
        String text;
        if (soapFaultCode != null) {
            response.putHeader("Content-Type", SoapFault.CONTENT_TYPE);
            text = SoapFault.envelope(soapFaultCode, code, message, correlationId);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", message);
            body.putAll(fields);
            body.put("correlationId", correlationId);
            response.putHeader("Content-Type", ApiProblem.CONTENT_TYPE);
            text = Json.write(ApiProblem.body(status, body));
        }
        headers.forEach(response::putHeader);
        response.setStatusCode(status).putHeader(Correlation.HEADER, correlationId);
        // "Connection" is no header of HTTP/2
        if (!http2) {
            response.putHeader("Connection", "close");
        }
        HttpConnection connection = request.connection();
        response.end(text).onComplete(ignored -> {
            if (bodyStillComing && !http2 && connection != null) {
                routing.vertx().setTimer(CLOSE_REFUSED_AFTER_MS, timer -> connection.close());
            }
        });
    }

    private static void addToRouter(CamelContext context, String path, AuthenticationHandler handler) {
        if (!EdgeHandlers.add(context, handler, path)) {
            LOG.debug("No main HTTP server: no request body edge");
        }
    }

    /**
     * A request let through the checks: its limit, its declared length (-1: unknown), the bytes it holds of the
     * budget, and whether Camel's body handler reads it (HTTP/2 without Content-Length).
     */
    private static final class Admitted {
        private final BodyLimits.Limit limit;
        private final long declaredLength;
        private final boolean readByCamel;
        private final AtomicLong reserved;

        Admitted(BodyLimits.Limit limit, long reserved, long declaredLength, boolean readByCamel) {
            this.limit = limit;
            this.declaredLength = declaredLength;
            this.readByCamel = readByCamel;
            this.reserved = new AtomicLong(reserved);
        }

        BodyLimits.Limit limit() {
            return limit;
        }

        long declaredLength() {
            return declaredLength;
        }

        boolean readByCamel() {
            return readByCamel;
        }

        long reserved() {
            return reserved.get();
        }

        void add(long bytes) {
            reserved.addAndGet(bytes);
        }

        /** The bytes reserved, once: later calls give 0. */
        long takeReserved() {
            return reserved.getAndSet(0);
        }
    }
}
