package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The admin console starts alongside the rest of the runtime: its port is taken at once (a port in use fails there,
 * before anything else starts), Hawtio starts on a thread of its own, and a request made meanwhile waits for it
 * instead of being refused.
 */
class AdminConsoleStartTest {

    private static final AdminUsers USERS = AdminUsers.parse("ann:pw-a", "ann:operator");
    private static final URI API = URI.create("http://127.0.0.1:9");

    @Test
    void a_port_in_use_fails_at_once_naming_it() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> AdminConsole.startInBackground("127.0.0.1", taken.getLocalPort(), USERS, () -> API))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("admin console: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void a_request_made_while_it_starts_is_answered_once_it_has_started() throws Exception {
        AdminConsole console = AdminConsole.startInBackground("127.0.0.1", 0, USERS, () -> API);
        InetSocketAddress address;
        try {
            address = console.boundAddress();
            // sent at once: the port listens, the request waits in its backlog until the console serves
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(console.url() + "login")).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            console.awaitStarted();
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).containsIgnoringCase("hawtio");
        } finally {
            console.close();
        }
        // closed: the port is free again
        try (ServerSocket again = new ServerSocket(address.getPort(), 1, address.getAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(address.getPort());
        }
    }

    @Test
    void closed_while_it_starts_it_stops_once_started_and_frees_its_port() throws Exception {
        AdminConsole console = AdminConsole.startInBackground("127.0.0.1", 0, USERS, () -> API);
        InetSocketAddress address = console.boundAddress();
        console.close();
        try (ServerSocket again = new ServerSocket(address.getPort(), 1, address.getAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(address.getPort());
        }
    }
}
