package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** EDI partner files into the order pipeline: over HTTP and through the inbox, with duplicates and refusals. */
@CamelMainTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdiChannelIT extends PipelineTestSupport {

    private static final Path INBOX;
    private static final AtomicInteger CONTROL = new AtomicInteger(500);

    static {
        try {
            INBOX = Files.createTempDirectory("ordersync-edi-inbox");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("ordersync.edi.inbox", INBOX.toString());
        System.setProperty("ordersync.admin.enabled", "false");
    }

    @Test
    void a_partner_850_over_http_becomes_an_order_in_the_partners_legal_entity_erp() {
        String po = "PO-HTTP-" + CONTROL.incrementAndGet();
        HttpResponse<String> response = postEdi(acme850(CONTROL.get(), po));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode interchange = json(response).path("interchanges").get(0);
        assertThat(interchange.path("partner").asText()).isEqualTo("acme-hardware");
        assertThat(interchange.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(interchange.path("orders").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(po) == 1);
        assertThat(simulators.erpEmea().receivedRequests()).noneMatch(r -> r.body().contains(po));
    }

    @Test
    void a_repeated_interchange_creates_nothing_and_is_visible_as_a_duplicate() {
        int control = CONTROL.incrementAndGet();
        String po = "PO-DUP-" + control;
        assertThat(postEdi(acme850(control, po)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(po) == 1);

        HttpResponse<String> again = postEdi(acme850(control, po));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("interchanges").get(0).path("status").asText()).isEqualTo("DUPLICATE");

        JsonNode duplicates = json(get("/api/v1/edi/interchanges?duplicates=true"));
        assertThat(duplicates.toString()).contains(String.format("%09d", control));
        assertThat(erpRequestsFor(po)).isEqualTo(1);
    }

    @Test
    void a_broken_envelope_is_refused_with_its_position_and_kept() {
        int control = CONTROL.incrementAndGet();
        String broken = acme850(control, "PO-BAD-" + control).replace("SE*12*0001", "SE*11*0001");
        HttpResponse<String> response = postEdi(broken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode interchange = json(response).path("interchanges").get(0);
        assertThat(interchange.path("status").asText()).isEqualTo("REJECTED");
        assertThat(interchange.path("problems").toString()).contains("count in SE01 '11' does not match");
        long deadLetter = interchange.path("deadLetter").asLong();
        JsonNode kept = json(get("/api/v1/dead-letters/" + deadLetter)).path("deadLetter");
        assertThat(kept.path("status").asText()).isEqualTo("INVALID");
        assertThat(kept.path("payload").asText()).contains("SE*11*0001");
        assertThat(kept.path("exceptionMessage").asText()).contains("acme-hardware").contains(String.format("%09d", control));
    }

    @Test
    void files_from_unknown_senders_or_not_edi_are_refused_with_the_reason() {
        HttpResponse<String> stranger = postEdi(acme850(CONTROL.incrementAndGet(), "PO-X")
                .replace("ZZ*ACMEHARDWARE   ", "ZZ*STRANGER       "));
        assertThat(stranger.statusCode()).isEqualTo(422);
        assertThat(json(stranger).path("message").asText()).contains("ZZ:STRANGER").contains("no configured trading partner");

        HttpResponse<String> notEdi = postEdi("hello, this is not an interchange");
        assertThat(notEdi.statusCode()).isEqualTo(422);
        assertThat(json(notEdi).path("error").asText()).isEqualTo("EDI_REJECTED");
    }

    @Test
    void a_file_dropped_in_the_inbox_becomes_an_order_and_is_moved_to_done() throws IOException {
        int control = CONTROL.incrementAndGet();
        String po = "PO-INBOX-" + control;
        Path partial = INBOX.resolve(".acme-" + control + ".x12.part");
        Files.writeString(partial, acme850(control, po));
        Files.move(partial, INBOX.resolve("acme-" + control + ".x12"));

        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(po) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(INBOX.resolve("acme-" + control + ".x12")));
        try (var done = Files.walk(INBOX.resolve(".done"))) {
            assertThat(done.filter(p -> p.getFileName().toString().equals("acme-" + control + ".x12"))).hasSize(1);
        }
    }

    private long erpRequestsFor(String po) {
        return simulators.erpNa().receivedRequests().stream().filter(r -> r.body().contains(po)).count();
    }

    private static HttpResponse<String> postEdi(String body) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl("/api/v1/edi")))
                .header("Content-Type", "application/edi-x12")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** ordersync's own ACME sample with a fresh interchange control number and PO number. */
    private static String acme850(int control, String po) {
        try {
            String clean = Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"));
            return clean.replace("000000101", String.format("%09d", control)).replace("PO-ACME-1001", po);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
