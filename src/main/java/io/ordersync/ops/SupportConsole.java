package io.ordersync.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import io.ordersync.support.Json;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The support console ({@value #CONTEXT_PATH} on the admin port, beside Hawtio): a small front end (plain HTML,
 * CSS and JavaScript from {@code src/main/resources/console}, no build step, nothing from a CDN) over the REST API.
 * <p>
 * Every action the console offers is an API call: the page calls {@value #CONTEXT_PATH}{@value #API_PREFIX}..., and
 * this forwards it to the runtime's own API ({@code /api/v1/...} on the API port) as the logged-in user
 * ({@link AdminUsers#CONSOLE_HEADER}), so the API's role checks, validation, answers and audit are the console's,
 * and support can script whatever the console does. The console adds only the login (a session per browser:
 * HttpOnly, SameSite=Strict cookie; a per-session token on every change, against cross-site requests).
 */
public final class SupportConsole {

    public static final String CONTEXT_PATH = "/console";
    static final String API_PREFIX = "/api/v1/";
    /** The largest request body the console forwards (an edited payload), refused unread above. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final String CSRF_HEADER = "X-Console-Token";
    private static final String SESSION_USER = "ordersync.console.user";
    private static final String SESSION_TOKEN = "ordersync.console.token";
    private static final Set<String> FORWARDED_METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Map<String, String> STATIC_FILES = Map.of(
            "/console.js", "text/javascript; charset=utf-8",
            "/console.css", "text/css; charset=utf-8",
            "/hawtio-link.js", "text/javascript; charset=utf-8");
    private static final Pattern API_PATH = Pattern.compile("[A-Za-z0-9._~/-]{1,300}");
    private static final Logger LOG = LoggerFactory.getLogger(SupportConsole.class);

    private SupportConsole() {
    }

    /**
     * The console's servlet context.
     *
     * @param api the base URL of the runtime's API (e.g. {@code http://127.0.0.1:8080}), looked up per request
     */
    static ServletContextHandler context(AdminUsers users, Supplier<URI> api) {
        ServletContextHandler console = new ServletContextHandler(ServletContextHandler.SESSIONS);
        console.setContextPath(CONTEXT_PATH);
        console.getSessionHandler().setHttpOnly(true);
        console.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        console.getSessionHandler().setSessionCookie("ORDERSYNC_CONSOLE");
        console.getSessionHandler().setMaxInactiveInterval((int) Duration.ofHours(8).toSeconds());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        console.addServlet(new ServletHolder(new Login(users)), "/login");
        console.addServlet(new ServletHolder(new Logout()), "/logout");
        console.addServlet(new ServletHolder(new Session(users)), "/session");
        console.addServlet(new ServletHolder(new ApiForward(users, api, client)), API_PREFIX + "*");
        console.addServlet(new ServletHolder(new Pages()), "/");
        org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler errors = new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
        errors.setShowStacks(false);
        console.setErrorHandler(errors);
        return console;
    }

    private static Optional<String> userOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable((String) session.getAttribute(SESSION_USER));
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        securityHeaders(response);
        response.setStatus(status);
        response.setContentType(contentType);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SupportConsole.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IOException("console resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String quote(String text) {
        return Json.write(text);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The login form (GET) and its check (POST): the users of {@code ordersync.admin.users}. */
    private static final class Login extends HttpServlet {
        private final AdminUsers users;

        Login(AdminUsers users) {
            this.users = users;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String message = request.getParameter("failed") != null ? "User or password is wrong."
                    : request.getParameter("out") != null ? "You have logged out." : "";
            write(response, 200, "text/html; charset=utf-8", resource("login.html")
                    .replace("{{message}}", html(message)));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getContentLengthLong() > 8192) {
                write(response, 413, "text/plain; charset=utf-8", "The login form is too large.");
                return;
            }
            String user = request.getParameter("username");
            Optional<String> known = users.authenticate(user, request.getParameter("password"));
            securityHeaders(response);
            if (known.isEmpty()) {
                LOG.info("Support console: refused a login{}", user == null ? "" : " as '" + user.replaceAll(
                        "[^A-Za-z0-9._@-]", "?") + "'");
                response.sendRedirect(CONTEXT_PATH + "/login?failed");
                return;
            }
            HttpSession old = request.getSession(false);
            if (old != null) {
                old.invalidate();
            }
            HttpSession session = request.getSession(true);
            byte[] token = new byte[24];
            new SecureRandom().nextBytes(token);
            session.setAttribute(SESSION_USER, known.get());
            session.setAttribute(SESSION_TOKEN, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
            LOG.info("Support console: {} logged in ({})", known.get(), users.roleOf(known.get()));
            response.sendRedirect(CONTEXT_PATH + "/");
        }
    }

    private static final class Logout extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HttpSession session = request.getSession(false);
            if (session != null) {
                Object user = session.getAttribute(SESSION_USER);
                session.invalidate();
                LOG.info("Support console: {} logged out", user);
            }
            securityHeaders(response);
            response.sendRedirect(CONTEXT_PATH + "/login?out");
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            doPost(request, response);
        }
    }

    /** Who is logged in: {@code {"user", "role", "token", "hawtio"}} (the token goes with every change). */
    private static final class Session extends HttpServlet {
        private final AdminUsers users;

        Session(AdminUsers users) {
            this.users = users;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<String> user = userOf(request);
            if (user.isEmpty()) {
                write(response, 401, "application/json", "{\"error\":\"UNAUTHORIZED\",\"message\":\"log in first\"}");
                return;
            }
            String role = users.roleOf(user.get());
            write(response, 200, "application/json", "{\"user\":" + quote(user.get()) + ",\"role\":"
                    + quote(role) + ",\"token\":" + quote(
                    (String) request.getSession().getAttribute(SESSION_TOKEN)) + ",\"hawtio\":"
                    + (AdminUsers.OPERATOR.equals(role) ? quote(AdminConsole.CONTEXT_PATH + "/") : "null") + "}");
        }
    }

    /** The pages: {@code /console/} (the application), its script and style. */
    private static final class Pages extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            String type = STATIC_FILES.get(path);
            if (type != null) {
                write(response, 200, type, resource(path.substring(1)));
                return;
            }
            if (!"/".equals(path) && !"/index.html".equals(path)) {
                write(response, 404, "text/plain; charset=utf-8", "Not found: " + CONTEXT_PATH + path);
                return;
            }
            if (userOf(request).isEmpty()) {
                securityHeaders(response);
                response.sendRedirect(CONTEXT_PATH + "/login");
                return;
            }
            write(response, 200, "text/html; charset=utf-8", resource("index.html"));
        }
    }

    /**
     * {@code /console/api/v1/...} to the runtime's {@code /api/v1/...}, as the session's user. Only the method, path,
     * query, Content-Type, Accept and X-Correlation-Id travel; the answer's status, Content-Type and body come back.
     */
    private static final class ApiForward extends HttpServlet {
        private final AdminUsers users;
        private final Supplier<URI> api;
        private final HttpClient client;

        ApiForward(AdminUsers users, Supplier<URI> api, HttpClient client) {
            this.users = users;
            this.api = api;
            this.client = client;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<String> user = userOf(request);
            if (user.isEmpty()) {
                write(response, 401, "application/json",
                        "{\"error\":\"UNAUTHORIZED\",\"message\":\"the console session ended: log in again\"}");
                return;
            }
            String method = request.getMethod();
            if (!FORWARDED_METHODS.contains(method)) {
                write(response, 405, "application/json", "{\"error\":\"METHOD_NOT_ALLOWED\",\"message\":"
                        + quote(method + " is not forwarded to the API") + "}");
                return;
            }
            if (!"GET".equals(method)) {
                String expected = (String) request.getSession().getAttribute(SESSION_TOKEN);
                String given = request.getHeader(CSRF_HEADER);
                if (expected == null || given == null || !java.security.MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                    write(response, 403, "application/json", "{\"error\":\"FORBIDDEN\",\"message\":\"a change needs"
                            + " the console's session token (" + CSRF_HEADER + "): reload the console\"}");
                    return;
                }
            }
            String rest = request.getPathInfo() == null ? "" : request.getPathInfo();
            if (!API_PATH.matcher(rest).matches() || rest.contains("..")) {
                write(response, 400, "application/json", "{\"error\":\"INVALID_PARAMETER\",\"message\":"
                        + "\"not an API path\"}");
                return;
            }
            // too large by its declared length (refused unread) or while a body without one is read: one answer
            byte[] body = request.getContentLengthLong() > MAX_BODY_BYTES ? null : readCapped(request.getInputStream());
            if (body == null) {
                write(response, 413, "application/json", "{\"error\":\"PAYLOAD_TOO_LARGE\",\"message\":"
                        + quote("the console forwards bodies up to " + MAX_BODY_BYTES + " bytes") + "}");
                return;
            }
            String query = request.getQueryString();
            URI target = URI.create(api.get() + API_PREFIX + rest.substring(1)
                    + (query == null || query.isEmpty() ? "" : "?" + query));
            HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .header(AdminUsers.CONSOLE_HEADER, users.consoleCredential(user.get()))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] {"Content-Type", "Accept", "X-Correlation-Id"}) {
                String value = request.getHeader(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                write(response, 503, "application/json", "{\"error\":\"TEMPORARILY_UNAVAILABLE\",\"message\":"
                        + "\"the console is stopping\"}");
                return;
            } catch (IOException e) {
                LOG.warn("Support console: the API did not answer {} {}: {}", method, target.getPath(), e.toString());
                write(response, 502, "application/json", "{\"error\":\"API_UNREACHABLE\",\"message\":"
                        + quote("the runtime's API did not answer: " + e.getClass().getSimpleName()) + "}");
                return;
            }
            securityHeaders(response);
            response.setStatus(answer.statusCode());
            answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
            answer.headers().firstValue("Retry-After").ifPresent(value -> response.setHeader("Retry-After", value));
            answer.headers().firstValue("X-Correlation-Id")
                    .ifPresent(value -> response.setHeader("X-Correlation-Id", value));
            response.getOutputStream().write(answer.body());
        }

        /** The body, or null when it is larger than {@link #MAX_BODY_BYTES} (read no further). */
        private static byte[] readCapped(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (bytes.size() + read > MAX_BODY_BYTES) {
                    return null;
                }
                bytes.write(buffer, 0, read);
            }
            return bytes.toByteArray();
        }
    }
}
