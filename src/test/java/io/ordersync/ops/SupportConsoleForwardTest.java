package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import io.ordersync.support.Json;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's forwarding servlet on a Jetty of its own (no runtime): what goes over the wire when a body is larger
 * than the console forwards, read byte by byte from a raw socket.
 */
class SupportConsoleForwardTest {

    private static final String USER = "console-operator";
    private static final String PASSWORD = "forward-test-secret";
    private static final String PATH = "/console/api/v1/dead-letters/1/edited-replay";

    private static Server server;
    private static int port;
    private static String cookie;
    private static String token;

    @BeforeAll
    static void startConsole() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // no API behind it: every answer of these tests is the console's own, before any forwarding
        server.setHandler(SupportConsole.context(AdminUsers.parse(USER + ":" + PASSWORD, ""),
                () -> URI.create("http://127.0.0.1:1")));
        server.start();
        port = connector.getLocalPort();

        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console/");
        HttpCookie session = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("ORDERSYNC_CONSOLE")).findFirst().orElseThrow();
        cookie = session.getName() + "=" + session.getValue();
        token = Json.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(url("/console/session"))).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
        assertThat(token).isNotBlank();
    }

    @AfterAll
    static void stopConsole() throws Exception {
        server.stop();
    }

    @Test
    void a_declared_body_over_the_cap_is_answered_413_once() throws Exception {
        assertOneAnswer413(postOverTheCap(port, cookie, token, false));
    }

    @Test
    void a_chunked_body_over_the_cap_is_answered_413_once() throws Exception {
        // no length declared: the servlet reads up to the cap and refuses at the first byte over it
        assertOneAnswer413(postOverTheCap(port, cookie, token, true));
    }

    /**
     * A POST to the console's API path with a body over the console's cap, as a session (cookie, token) would send it:
     * with its length declared (and only part of it sent), or chunked (all of it sent). Everything the server sent until
     * it closed the connection.
     */
    static String postOverTheCap(int port, String cookie, String token, boolean chunked) throws Exception {
        if (!chunked) {
            return exchange(port, cookie, token, "Content-Length: " + (SupportConsole.MAX_BODY_BYTES + 1) + "\r\n",
                    new byte[64 * 1024]);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[256 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int written = 0; written <= SupportConsole.MAX_BODY_BYTES; written += chunk.length) {
            body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(chunk);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return exchange(port, cookie, token, "Transfer-Encoding: chunked\r\n", body.toByteArray());
    }

    /** One well-formed 413 PAYLOAD_TOO_LARGE answer, exactly as long as it says, and nothing after it. */
    static void assertOneAnswer413(String answer) throws Exception {
        assertThat(answer).as(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer.split("HTTP/1\\.1 ", -1)).as("answers on the connection: %s", answer).hasSize(2);
        int end = answer.indexOf("\r\n\r\n");
        assertThat(end).as(answer).isPositive();
        String head = answer.substring(0, end);
        String body = answer.substring(end + 4);
        // exactly the body its head announces, and nothing after it
        String length = head.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
        String json = length != null ? body : unchunk(body);
        if (length != null) {
            assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Integer.parseInt(length));
        }
        assertThat(Json.mapper().readTree(json).path("error").asText()).as(json).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    /** The chunked body's content; fails when anything follows its last chunk. */
    private static String unchunk(String body) {
        StringBuilder content = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            assertThat(lineEnd).as("a chunk header in %s", body).isGreaterThanOrEqualTo(0);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                assertThat(body.substring(at)).as("after the last chunk").isEqualTo("\r\n");
                return content.toString();
            }
            content.append(body, at, at + size);
            at += size + 2;
        }
    }

    /**
     * Sends the request head and body (the body from a thread of its own: the server may answer and close before it
     * took all of it) and returns everything the server sent until it closed the connection.
     */
    private static String exchange(int port, String cookie, String token, String framing, byte[] body)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // a bound, not a pause: a server that keeps the connection open without answering fails the test
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nCookie: " + cookie
                    + "\r\n" + SupportConsole.CSRF_HEADER + ": " + token + "\r\nContent-Type: application/json\r\n"
                    + framing + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException refused) {
                    // the server answered and closed before taking the whole body: expected
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, read);
                }
            } catch (java.net.SocketException reset) {
                // a reset after the answer (the unread body): what arrived before it is the answer
            }
            sending.join();
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
