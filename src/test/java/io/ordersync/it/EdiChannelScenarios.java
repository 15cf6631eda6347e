package io.ordersync.it;

import static io.ordersync.it.RuntimeProperties.temporaryDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import io.ordersync.demo.sim.Carton;
import io.ordersync.demo.sim.FulfilmentOrder;
import io.ordersync.demo.sim.LineQuantity;
import io.ordersync.demo.sim.StatusEventSources;
import io.ordersync.demo.sim.WebhookSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * EDI partner files into the order pipeline: over HTTP and through the inbox, to both ERPs by the partner's legal
 * entity, with acknowledgements, the partner documents of later milestones, duplicates and refusals; run on H2 and
 * on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EdiChannelScenarios extends PipelineTestSupport {

    private static final Path INBOX = temporaryDirectory("ordersync.edi.inbox", "ordersync-edi-inbox");
    private static final Path OUTBOX = temporaryDirectory("ordersync.edi.outbox", "ordersync-edi-outbox");
    static final AtomicInteger CONTROL = new AtomicInteger(500);

    static {
        RuntimeProperties.withoutAdminConsole();
    }

    @Test
    void files_of_an_x12_and_an_edifact_partner_dropped_in_the_inbox_reach_both_erps_and_are_acknowledged()
            throws IOException {
        int x12Control = CONTROL.incrementAndGet();
        int edifactControl = CONTROL.incrementAndGet();
        String x12Po = "PO-BOTH-" + x12Control;
        String edifactPo = "RT-BOTH-" + edifactControl;

        int emeaOrdersBefore = simulators.erpEmea().orders().size();
        drop("acme-" + x12Control + ".x12", acme850(x12Control, x12Po));
        drop("rheinland-" + edifactControl + ".edi", rheinlandOrders(edifactControl, edifactPo));

        // acme-hardware books in US01 (the REST ERP), rheinland-technik in DE01 (the SOAP ERP)
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(x12Po) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.erpEmea().orders().size() > emeaOrdersBefore);
        String emeaOrderId = simulators.erpEmea().orders().get(emeaOrdersBefore).ordersyncOrderId();
        JsonNode emeaOrder = json(get("/api/v1/orders/" + emeaOrderId));
        assertThat(emeaOrder.path("legalEntity").asText()).isEqualTo("DE01");
        assertThat(emeaOrder.toString()).contains(edifactPo);
        assertThat(simulators.erpEmea().receivedRequests()).noneMatch(r -> r.body().contains(x12Po));
        assertThat(erpRequestsFor(edifactPo)).isZero();

        String ack997 = await().atMost(Duration.ofSeconds(30)).until(() -> outboxFile("acme-hardware",
                "997-" + String.format("%09d", x12Control) + "-"), java.util.Objects::nonNull);
        assertThat(ack997).contains("AK1*PO*101").contains("AK2*850*0001").contains("AK5*A").contains("AK9*A*1*1*1");
        String contrl = await().atMost(Duration.ofSeconds(30)).until(() -> outboxFile("rheinland-technik",
                "CONTRL-ICN" + edifactControl + "-"), java.util.Objects::nonNull);
        // UCI action 7: the interchange is acknowledged, every message accepted
        assertThat(contrl).contains("CONTRL:D:3:UN").contains("UCI+ICN" + edifactControl + "+").contains("+7'");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.notExists(INBOX.resolve("acme-" + x12Control + ".x12"))
                && Files.notExists(INBOX.resolve("rheinland-" + edifactControl + ".edi")));
    }

    @Test
    void an_edifact_partner_gets_a_despatch_advice_and_an_invoice_when_its_order_ships_and_is_invoiced() {
        int control = CONTROL.incrementAndGet();
        String po = "RT-O2C-" + control;
        int emeaOrdersBefore = simulators.erpEmea().orders().size();
        HttpResponse<String> response = postEdi(rheinlandOrders(control, po));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.erpEmea().orders().size() > emeaOrdersBefore);
        io.ordersync.demo.sim.ErpOrder booked = simulators.erpEmea().orders().get(emeaOrdersBefore);
        String orderId = booked.ordersyncOrderId();
        awaitOrderStatus(orderId, "ACCEPTED");

        // the warehouse and receivables report the milestones in their own JSON, over the webhook
        FulfilmentOrder order = FulfilmentOrder.fromErp("DE01", booked);
        try (StatusEventSources sources = StatusEventSources.over(new WebhookSender(apiUrl(""), API_KEY))) {
            sources.warehouse().ship(order, "SHP-RT-" + control,
                    Carton.of("1ZRT" + control, order.allLines().toArray(LineQuantity[]::new)));
            awaitOrderStatus(orderId, "SHIPPED");
            sources.receivables().invoice(order, "INV-RT-" + control, new java.math.BigDecimal("19.00"));
            awaitOrderStatus(orderId, "INVOICED");
        }

        String desadv = await().atMost(Duration.ofSeconds(30)).until(() -> outboxFile("rheinland-technik",
                "DESADV-"), d -> d != null && d.contains("SHP-RT-" + control));
        assertThat(desadv).contains("UNH+").contains("DESADV:D:96A:UN").contains("BGM+351+SHP-RT-" + control)
                .contains(po).contains("1ZRT" + control);
        String invoic = await().atMost(Duration.ofSeconds(30)).until(() -> outboxFile("rheinland-technik",
                "INVOIC-"), d -> d != null && d.contains("INV-RT-" + control));
        assertThat(invoic).contains("INVOIC:D:96A:UN").contains("BGM+380+INV-RT-" + control).contains(po);
    }

    @Test
    void a_file_in_the_inbox_that_is_no_edi_is_kept_with_the_reason_and_moved_to_error() throws IOException {
        String name = "scan-" + CONTROL.incrementAndGet() + ".pdf";
        drop(name, "%PDF-1.4 this is a scanned purchase order, not an interchange");

        await().atMost(Duration.ofSeconds(30)).until(() -> archived(".error", name).size() == 1);
        assertThat(INBOX.resolve(name)).doesNotExist();
        JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode candidate : json(get("/api/v1/dead-letters?status=INVALID"))) {
                JsonNode kept = json(get("/api/v1/dead-letters/" + candidate.path("id").asText())).path("deadLetter");
                if (kept.path("exceptionMessage").asText().contains(name)) {
                    return kept;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertThat(letter.path("exceptionMessage").asText()).contains("file " + name + " is unusable");
        assertThat(letter.path("payload").asText()).contains("scanned purchase order");
    }

    @Test
    void the_partner_overview_counts_a_partners_interchanges_and_repeats() {
        JsonNode before = partnerOverview("acme-hardware");
        assertThat(before.path("standard").asText()).isEqualTo("X12");
        assertThat(before.path("legalEntity").asText()).isNotBlank();
        String x12 = acme850(CONTROL.incrementAndGet(), "PO-OVERVIEW-" + CONTROL.get());

        assertThat(postEdi(x12).statusCode()).isEqualTo(202);
        assertThat(postEdi(x12).statusCode()).as("the same interchange again: a repeat").isEqualTo(200);

        JsonNode after = partnerOverview("acme-hardware");
        assertThat(after.path("interchangesReceived").path("ACCEPTED").asLong())
                .isEqualTo(before.path("interchangesReceived").path("ACCEPTED").asLong() + 1);
        assertThat(after.path("duplicatesReceived").asLong()).isEqualTo(before.path("duplicatesReceived").asLong() + 1);
        assertThat(after.path("lastReceivedAt").asText()).isNotBlank();
        assertThat(json(get("/api/v1/edi/partners"))).extracting(p -> p.path("partner").asText())
                .contains("acme-hardware", "rheinland-technik").isSorted();
    }

    private static JsonNode partnerOverview(String partner) {
        for (JsonNode candidate : json(get("/api/v1/edi/partners"))) {
            if (partner.equals(candidate.path("partner").asText())) {
                return candidate;
            }
        }
        throw new AssertionError("no partner " + partner + " in GET /api/v1/edi/partners");
    }

    @Test
    void a_partner_850_over_http_becomes_an_order_in_the_partners_legal_entity_erp() throws IOException {
        String po = "PO-HTTP-" + CONTROL.incrementAndGet();
        HttpResponse<String> response = postEdi(acme850(CONTROL.get(), po));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode interchange = json(response).path("interchanges").get(0);
        assertThat(interchange.path("partner").asText()).isEqualTo("acme-hardware");
        assertThat(interchange.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(interchange.path("orders").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(po) == 1);
        assertThat(simulators.erpEmea().receivedRequests()).noneMatch(r -> r.body().contains(po));

        // the partner's profile asks for a TA1 and a 997: both are in its outbox, accepting everything
        String ack = outboxFile(interchange, "997-");
        assertThat(ack).contains("AK1*PO*101").contains("AK2*850*0001").contains("AK5*A").contains("AK9*A*1*1*1");
        assertThat(ack).contains("*ZZ*ORDERSYNC      *ZZ*ACMEHARDWARE   *");
        assertThat(outboxFile(interchange, "TA1-")).contains("TA1*" + String.format("%09d", CONTROL.get()))
                .contains("*A*000");

        // once the ERP accepted the order, the partner gets an 855 with the ERP's order number
        Path folder = OUTBOX.resolve("acme-hardware");
        await().atMost(Duration.ofSeconds(30)).until(() -> response855(folder, po) != null);
        String poAck = response855(folder, po);
        assertThat(poAck).contains("ST*855*").contains("BAK*00*AT*" + po).contains("ACK*IA*10*EA")
                .contains("ACK*IA*2.5*KG").contains("CTT*2");
        String erpNumber = simulators.erpNa().createdOrders().values().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(poAck).contains(erpNumber);

        // the order's journey starts with the partner's own transaction set, not the whole interchange
        JsonNode hit = json(get("/api/v1/search?kind=order&q=" + po)).path("hits").get(0);
        JsonNode received = journeyMessages(hit.path("id").asText()).get(0);
        assertThat(received.path("kind").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("system").asText()).isEqualTo("edi:acme-hardware");
        assertThat(received.path("operation").asText())
                .startsWith("EDI 850 0001 of interchange " + String.format("%09d", CONTROL.get()));
        assertThat(received.path("requestContentType").asText()).isEqualTo("application/edi-x12");
        assertThat(received.path("requestPayload").asText()).startsWith("ST*850*0001~\nBEG*00*SA*" + po)
                .endsWith("SE*" + received.path("requestPayload").asText().lines().count() + "*0001~")
                .doesNotContain("ISA*").doesNotContain("GS*");
    }

    @Test
    void a_soap_caller_cannot_claim_a_partners_po_and_the_partners_850_is_still_a_new_order() {
        String po = "PO-SQUAT-" + CONTROL.incrementAndGet();
        // what the 850's key was before keys had namespaces: EDI, the interchange's sender, the PO
        assertSourceSystemRefused(soapSubmitAsSoapOnlyCaller("EDI", "ACMEHARDWARE:" + po), "EDI");

        HttpResponse<String> response = postEdi(acme850(CONTROL.get(), po));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).path("interchanges").get(0).path("status").asText()).isEqualTo("ACCEPTED");
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(po) == 1);
        // the partner's own namespace, and the ERP reference derived from it
        String reference = erpReferenceOfKey("edi:acme-hardware|EDI:ACMEHARDWARE:" + po);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.erpNa().createdOrderCount(reference) == 1);
        assertThat(health().statusCode()).isEqualTo(200);
    }

    /** The 855 written for a PO, or null while there is none. */
    private static String response855(Path folder, String po) throws IOException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (var files = Files.list(folder)) {
            Optional<Path> file = files.filter(f -> f.getFileName().toString().startsWith("855-" + po + "-")).findFirst();
            return file.isPresent() ? Files.readString(file.get()) : null;
        }
    }

    @Test
    void an_edifact_partner_orders_reach_the_emea_erp_and_get_a_contrl() {
        int control = CONTROL.incrementAndGet();
        String po = "RT-PO-" + control;
        int emeaOrdersBefore = simulators.erpEmea().orders().size();
        HttpResponse<String> response = postEdi(rheinlandOrders(control, po));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode interchange = json(response).path("interchanges").get(0);
        assertThat(interchange.path("partner").asText()).isEqualTo("rheinland-technik");
        assertThat(interchange.path("orders").asInt()).isEqualTo(1);
        // the partner's profile books its orders in DE01, whose ERP is the SOAP one
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.erpEmea().orders().size() == emeaOrdersBefore + 1);
        assertThat(simulators.erpEmea().orders().get(emeaOrdersBefore).customerNumber()).isEqualTo("5412345000013");
        assertThat(simulators.erpEmea().orders().get(emeaOrdersBefore).lines()).hasSize(2);
        String contrl = outboxFile(interchange, "CONTRL-");
        assertThat(contrl).contains("UNH+").contains("CONTRL:D:").contains("UCI+ICN" + control);
    }

    @Test
    void outbound_control_numbers_never_repeat() {
        JsonNode first = json(postEdi(acme850(CONTROL.incrementAndGet(), "PO-N1-" + CONTROL.get())))
                .path("interchanges").get(0);
        JsonNode second = json(postEdi(acme850(CONTROL.incrementAndGet(), "PO-N2-" + CONTROL.get())))
                .path("interchanges").get(0);
        String a = outboxFile(first, "997-");
        String b = outboxFile(second, "997-");
        assertThat(isa13(a)).isNotEqualTo(isa13(b));
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
        assertThat(outboxFile(interchange, "997-")).contains("AK5*R*4").contains("AK9*R*1*1*0");
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

    @Test
    void empty_files_in_the_inbox_are_refused_with_a_dead_letter_and_moved_to_error_without_holding_up_the_inbox()
            throws IOException {
        java.util.List<String> empty = java.util.List.of("empty-" + CONTROL.incrementAndGet() + ".x12",
                "empty-" + CONTROL.incrementAndGet() + ".edi", "empty-" + CONTROL.incrementAndGet() + ".x12");
        for (String name : empty) {
            Files.write(INBOX.resolve(name), new byte[0]);
        }
        int control = CONTROL.incrementAndGet();
        String po = "PO-AFTER-EMPTY-" + control;
        drop("acme-" + control + ".x12", acme850(control, po));

        // read in the same few seconds as without the empty files (each held up the poll for 10 s)
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100)).until(() -> erpRequestsFor(po) == 1);
        for (String name : empty) {
            await().atMost(Duration.ofSeconds(10)).until(() -> archived(".error", name).size() == 1
                    && Files.notExists(INBOX.resolve(name)));
            assertThat(invalidLetterNaming(name).path("exceptionMessage").asText())
                    .isEqualTo("file " + name + " is refused: empty file (0 bytes)");
        }
    }

    @Test
    void two_files_of_the_same_name_are_both_read_and_both_kept_in_done() throws IOException {
        String name = "acme-same-" + CONTROL.incrementAndGet() + ".x12";
        int firstControl = CONTROL.incrementAndGet();
        String firstPo = "PO-SAME-" + firstControl;
        drop(name, acme850(firstControl, firstPo));
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(firstPo) == 1
                && Files.notExists(INBOX.resolve(name)) && archived(".done", name).size() == 1);
        int secondControl = CONTROL.incrementAndGet();
        String secondPo = "PO-SAME-" + secondControl;
        drop(name, acme850(secondControl, secondPo));

        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor(secondPo) == 1
                && Files.notExists(INBOX.resolve(name)) && archived(".done", name).size() == 2);
        assertThat(archived(".done", name)).map(file -> Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                .containsExactlyInAnyOrder(acme850(firstControl, firstPo), acme850(secondControl, secondPo));
    }

    @Test
    void large_uploads_at_once_leave_health_answering_and_no_blocked_thread_reported() throws Exception {
        ch.qos.logback.classic.Logger vertxLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.vertx");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> vertxEvents =
                new ch.qos.logback.core.read.ListAppender<>();
        vertxEvents.start();
        vertxLog.addAppender(vertxEvents);
        // one of 100,000 segments (4 MB) and 23 of 20,000: each read to the end, then refused (its sender is no
        // trading partner)
        byte[] large;
        byte[] medium;
        try (var generated = new io.ordersync.edi.LargeInterchange(100_000);
                var smaller = new io.ordersync.edi.LargeInterchange(20_000)) {
            large = generated.readAllBytes();
            medium = smaller.readAllBytes();
        }
        java.util.concurrent.CompletableFuture<Void> uploadsDone = null;
        java.net.http.HttpClient uploads = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpClient health = java.net.http.HttpClient.newHttpClient();
        // liveness on this machine before the uploads (its CPU cores are shared with other builds): the bound below
        // is a second more than the slowest of these
        long baseline = 0;
        for (int i = 0; i < 10; i++) {
            baseline = Math.max(baseline, liveMillis(health));
        }
        long bound = 1000 + baseline;
        try {
            // more at once than the HTTP server has worker threads (20), as partners uploading together might
            java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers =
                    new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(uploads.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(apiUrl("/api/v1/edi")))
                        .header("Content-Type", "application/edi-x12").header("X-API-Key", API_KEY)
                        .timeout(Duration.ofMinutes(2))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(i == 0 ? large : medium)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            java.util.concurrent.CompletableFuture<Void> all =
                    java.util.concurrent.CompletableFuture.allOf(answers.toArray(java.util.concurrent.CompletableFuture[]::new));
            uploadsDone = all;
            // health asked every 100 ms until every upload is answered
            long[] slowest = {0};
            int[] asked = {0};
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                slowest[0] = Math.max(slowest[0], liveMillis(health));
                asked[0]++;
                assertThat(slowest[0]).as("slowest /observe/health/live answer so far, ms (slowest before the"
                        + " uploads: %d ms)", bound - 1000).isLessThan(bound);
                return all.isDone() && asked[0] >= 10;
            });
            int processed = 0;
            for (var answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 503) {
                    // refused unread: every EDI slot taken, or the bytes of the bodies in flight at their bound
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(json(response).path("message").asText()).satisfiesAnyOf(
                            message -> assertThat(message).contains("EDI uploads are in progress")
                                    .contains("ordersync.edi.api.max-concurrent"),
                            message -> assertThat(message).contains("ordersync.http.max-in-flight-body-bytes"));
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
                    assertThat(json(response).path("message").asText()).contains("no configured trading partner");
                    processed++;
                }
            }
            assertThat(processed).isBetween(1, 23);
            assertThat(vertxEvents.list).map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .noneMatch(message -> message.contains("blocked"));
        } finally {
            vertxLog.detachAppender(vertxEvents);
            if (uploadsDone != null) {
                // the next scenarios upload too: none of these may still hold a slot
                uploadsDone.handle((done, failed) -> null).get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        }
    }

    /** Files of an archive folder (.done, .error) kept under the name, or under the name made unique (base-2.ext). */
    private static java.util.List<Path> archived(String folder, String name) throws IOException {
        Path root = INBOX.resolve(folder);
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        String base = name.substring(0, name.lastIndexOf('.'));
        String extension = name.substring(name.lastIndexOf('.'));
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().equals(name)
                    || p.getFileName().toString().matches(java.util.regex.Pattern.quote(base) + "-\\d+"
                            + java.util.regex.Pattern.quote(extension))).toList();
        }
    }

    /** The INVALID dead letter whose reason names the file. */
    private static JsonNode invalidLetterNaming(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode candidate : json(get("/api/v1/dead-letters?status=INVALID"))) {
                JsonNode kept = json(get("/api/v1/dead-letters/" + candidate.path("id").asText())).path("deadLetter");
                if (kept.path("exceptionMessage").asText().contains(name)) {
                    return kept;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    /** Writes a file into the inbox as a partner's upload does: under a name the inbox skips, then renamed. */
    private static void drop(String name, String content) throws IOException {
        Path partial = INBOX.resolve("." + name + ".part");
        Files.writeString(partial, content, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.move(partial, INBOX.resolve(name));
    }

    /** The newest file of the partner's outbox whose name starts with the prefix, or null. */
    private static String outboxFile(String partner, String prefix) throws IOException {
        Path folder = OUTBOX.resolve(partner);
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (var files = Files.list(folder)) {
            Optional<Path> newest = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .max(java.util.Comparator.comparing(f -> f.getFileName().toString()));
            return newest.isPresent() ? Files.readString(newest.get(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    : null;
        }
    }

    /** The outbox file named in the API answer whose name starts with the prefix. */
    static String outboxFile(JsonNode interchange, String prefix) {
        for (JsonNode written : interchange.path("acknowledgements")) {
            String name = written.asText();
            if (name.substring(name.indexOf('/') + 1).startsWith(prefix)) {
                try {
                    return Files.readString(OUTBOX.resolve(name));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError("no " + prefix + " acknowledgement in " + interchange);
    }

    private static String isa13(String x12) {
        return x12.substring(0, x12.indexOf('~')).split("\\*")[13];
    }


    // ------------------------------------------------------------------------------- support search

    @Test
    void support_search_finds_an_order_by_its_po_crm_id_and_erp_number_in_any_case_and_filters_it() {
        String crmId = newCrmId();
        String po = "Po-Search-" + CONTROL.incrementAndGet();
        String orderId = json(submit(crmOrder("us01-two-lines.json", crmId).replace("\"PO-T-1\"", "\"" + po + "\"")))
                .path("orderId").asText();
        String erpNumber = awaitOrderStatus(orderId, "ACCEPTED").path("erpOrderNumber").asText();

        for (String q : new String[] {po.toUpperCase(), po.toLowerCase(), crmId.toLowerCase(), erpNumber.toLowerCase(),
                orderId.toUpperCase()}) {
            JsonNode found = search("q=" + q);
            assertThat(found.path("counts").path("order").asLong()).as(q + ": " + found).isEqualTo(1);
            JsonNode hit = found.path("hits").get(0);
            assertThat(hit.path("kind").asText()).isEqualTo("order");
            assertThat(hit.path("id").asText()).isEqualTo(orderId);
            assertThat(hit.path("link").asText()).isEqualTo("/api/v1/orders/" + orderId);
            assertThat(hit.path("customerPo").asText()).isEqualTo(po);
            assertThat(hit.path("legalEntity").asText()).isEqualTo("US01");
            assertThat(hit.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(hit.path("summary").asText()).contains(orderId).contains("ACCEPTED").contains("PO " + po)
                    .contains("US01").contains("CRM " + crmId);
        }
        // the link is the order's own resource
        assertThat(get("/api/v1/orders/" + orderId).statusCode()).isEqualTo(200);

        // filters: each one that excludes the order, and each one that keeps it
        assertThat(search("q=" + po + "&legalEntity=DE01").path("counts").path("order").asLong()).isZero();
        assertThat(search("q=" + po + "&legalEntity=us01").path("counts").path("order").asLong()).isEqualTo(1);
        assertThat(search("q=" + po + "&channel=EDI").path("counts").path("order").asLong()).isZero();
        assertThat(search("q=" + po + "&channel=CRM").path("counts").path("order").asLong()).isEqualTo(1);
        assertThat(search("q=" + po + "&status=REJECTED").path("counts").path("order").asLong()).isZero();
        assertThat(search("q=" + po + "&status=accepted").path("counts").path("order").asLong()).isEqualTo(1);
        java.time.Instant now = java.time.Instant.now();
        assertThat(search("q=" + po + "&from=" + now.plusSeconds(60)).path("counts").path("order").asLong()).isZero();
        assertThat(search("q=" + po + "&from=" + now.minusSeconds(600) + "&to=" + now.plusSeconds(60))
                .path("counts").path("order").asLong()).isEqualTo(1);
        JsonNode onlyDeadLetters = search("q=" + po + "&kind=dead-letter");
        assertThat(onlyDeadLetters.path("hits")).isEmpty();
        assertThat(onlyDeadLetters.path("total").asLong()).isZero();
        assertThat(onlyDeadLetters.path("counts").path("order").asLong()).as("counts are of every kind").isEqualTo(1);
    }

    @Test
    void support_search_finds_an_interchange_by_its_control_number_and_its_order_by_the_po() {
        int control = CONTROL.incrementAndGet();
        String po = "PO-SRCH-EDI-" + control;
        HttpResponse<String> response = postEdi(acme850(control, po));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        JsonNode found = search("q=" + String.format("%09d", control));
        assertThat(found.path("counts").path("interchange").asLong()).as(found.toString()).isEqualTo(1);
        JsonNode hit = found.path("hits").get(0);
        assertThat(hit.path("kind").asText()).isEqualTo("interchange");
        assertThat(hit.path("partner").asText()).isEqualTo("acme-hardware");
        assertThat(hit.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(hit.path("link").asText()).isEqualTo("/api/v1/edi/interchanges?partner=acme-hardware");
        assertThat(hit.path("summary").asText()).contains(String.format("%09d", control)).contains("acme-hardware");
        // an interchange has no legal entity: that filter leaves interchanges out; its channel is EDI
        assertThat(search("q=" + String.format("%09d", control) + "&legalEntity=US01").path("counts")
                .path("interchange").asLong()).isZero();
        assertThat(search("q=" + String.format("%09d", control) + "&channel=edi").path("counts")
                .path("interchange").asLong()).isEqualTo(1);

        JsonNode order = search("q=" + po.toLowerCase() + "&kind=order");
        assertThat(order.path("counts").path("order").asLong()).as(order.toString()).isEqualTo(1);
        // the order names its partner by the interchange's sender identity
        assertThat(order.path("hits").get(0).path("partner").asText()).isEqualTo("ACMEHARDWARE");
        assertThat(order.path("hits").get(0).path("summary").asText()).contains("EDI");
    }

    @Test
    void support_search_finds_the_dead_letter_of_an_order_by_its_order_id() {
        simulators.erpNa().behaviour(io.ordersync.demo.sim.SimMode.REFUSE_REQUEST);
        String orderId = json(submit(crmOrder("us01-two-lines.json", newCrmId()))).path("orderId").asText();
        awaitOrderStatus(orderId, "FAILED");
        simulators.erpNa().behaviour(io.ordersync.demo.sim.SimMode.ACCEPT);

        JsonNode found = search("q=" + orderId + "&kind=dead-letter");
        assertThat(found.path("counts").path("dead-letter").asLong()).as(found.toString()).isPositive();
        assertThat(found.path("counts").path("order").asLong()).isEqualTo(1);
        assertThat(found.path("hits")).isNotEmpty().allSatisfy(hit -> {
            assertThat(hit.path("kind").asText()).isEqualTo("dead-letter");
            assertThat(hit.path("orderId").asText()).isEqualTo(orderId);
            assertThat(hit.path("link").asText()).isEqualTo("/api/v1/dead-letters/" + hit.path("id").asText());
            assertThat(hit.path("summary").asText()).contains("erp-deliver").contains("US01");
        });
        String link = found.path("hits").get(0).path("link").asText();
        assertThat(json(get(link)).path("deadLetter").path("orderId").asText()).isEqualTo(orderId);
        // the order and its dead letters together, one search
        JsonNode both = search("q=" + orderId);
        assertThat(both.path("total").asLong()).isEqualTo(1 + found.path("counts").path("dead-letter").asLong());
        assertThat(search("q=" + orderId + "&kind=dead-letter&status=REPLAYED").path("hits")).isEmpty();
    }

    @Test
    void the_dead_letter_list_names_the_partner_of_the_order_and_filters_by_it() {
        String po = "PO-DLP-" + CONTROL.incrementAndGet();
        simulators.erpNa().behaviour(io.ordersync.demo.sim.SimMode.REFUSE_REQUEST);
        String orderId;
        try {
            assertThat(postEdi(acme850(CONTROL.get(), po)).statusCode()).isEqualTo(202);
            orderId = await().atMost(Duration.ofSeconds(30)).until(() -> search("q=" + po + "&kind=order")
                    .path("hits").path(0).path("orderId").asText(null), java.util.Objects::nonNull);
            awaitOrderStatus(orderId, "FAILED");
        } finally {
            simulators.erpNa().behaviour(io.ordersync.demo.sim.SimMode.ACCEPT);
        }

        JsonNode listed = json(get("/api/v1/dead-letters?status=NEW&orderId=" + orderId));
        assertThat(listed).as(listed.toString()).isNotEmpty().allSatisfy(letter -> {
            assertThat(letter.path("routeId").asText()).isEqualTo("erp-deliver");
            assertThat(letter.path("partner").asText()).isEqualTo("ACMEHARDWARE");
        });
        long id = listed.get(0).path("id").asLong();
        assertThat(json(get("/api/v1/dead-letters/" + id)).path("deadLetter").path("partner").asText())
                .isEqualTo("ACMEHARDWARE");
        // the filter: the partner's dead letters, no other partner's
        assertThat(json(get("/api/v1/dead-letters?partner=ACMEHARDWARE&orderId=" + orderId)))
                .anyMatch(letter -> letter.path("id").asLong() == id);
        assertThat(json(get("/api/v1/dead-letters?partner=RHEINLAND&orderId=" + orderId))).isEmpty();
        // a dead letter without an order (bad input) has no partner to name, and is not in a partner's list
        assertThat(json(get("/api/v1/dead-letters?partner=ACMEHARDWARE&limit=500")))
                .allSatisfy(letter -> assertThat(letter.path("partner").asText()).isEqualTo("ACMEHARDWARE"));
    }

    @Test
    void support_search_pages_newest_first_with_a_cursor() {
        String correlationId = "search-page-" + java.util.UUID.randomUUID();
        java.util.List<String> orderIds = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> accepted = submit(crmOrder("us01-two-lines.json", newCrmId()),
                    "X-Correlation-Id", correlationId);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            orderIds.add(json(accepted).path("orderId").asText());
        }

        JsonNode first = search("q=" + correlationId + "&limit=2");
        assertThat(first.path("counts").path("order").asLong()).isEqualTo(3);
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("hits")).hasSize(2);
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotEmpty();
        JsonNode second = search("q=" + correlationId + "&limit=2&cursor=" + cursor);
        assertThat(second.path("hits")).hasSize(1);
        assertThat(second.path("nextCursor").isNull()).as("no next page: " + second).isTrue();

        java.util.List<JsonNode> hits = new java.util.ArrayList<>();
        first.path("hits").forEach(hits::add);
        second.path("hits").forEach(hits::add);
        assertThat(hits).extracting(hit -> hit.path("id").asText()).containsExactlyInAnyOrderElementsOf(orderIds);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(java.time.Instant.parse(hits.get(i).path("time").asText()))
                    .isBeforeOrEqualTo(java.time.Instant.parse(hits.get(i - 1).path("time").asText()));
        }
        // the default page holds them all
        assertThat(search("q=" + correlationId).path("hits")).hasSize(3);
    }

    @Test
    void support_search_is_for_viewers_and_refuses_bad_parameters_with_a_problem() {
        // support is an operator (which includes viewer); shop only submits orders
        HttpResponse<String> operator = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                apiUrl("/api/v1/search?q=anything"))).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(SOAP_ONLY_USER.getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET().build());
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        HttpResponse<String> submitter = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                apiUrl("/api/v1/search?q=anything"))).header("X-API-Key", SHOP_API_KEY).GET().build());
        assertThat(problem(submitter, 403, "FORBIDDEN").path("requiredRole").asText()).isEqualTo("viewer");

        for (String query : new String[] {"", "q=", "q=%20", "q=x&limit=0", "q=x&limit=201", "q=x&limit=ten",
                "q=x&kind=customer", "q=x&from=yesterday", "q=x&to=2026-12-06", "q=x&cursor=not-a-cursor",
                "q=x&from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z"}) {
            HttpResponse<String> refused = get("/api/v1/search?" + query);
            JsonNode body = problem(refused, 400, "INVALID_PARAMETER");
            assertThat(body.path("fieldErrors").get(0).path("field").asText()).as(query).isNotEmpty();
        }
    }

    private static JsonNode search(String query) {
        HttpResponse<String> answer = get("/api/v1/search?" + query);
        assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(200);
        return json(answer);
    }

    /** An EDIFACT ORDERS D96A from the rheinland-technik partner, with its own interchange reference and PO. */
    static String rheinlandOrders(int control, String po) {
        try {
            return Files.readString(Path.of("src/test/resources/edi/schema/edifact-d96a-ORDERS.edi"))
                    .replace("5412345000013:14+5498765000011:14", "4012345000009:14+4098765000002:14")
                    .replace("ORD0001", "ICN" + control)
                    .replace("PO20250001", po);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long /observe/health/live takes to answer 200 (fails on anything else). */
    private long liveMillis(java.net.http.HttpClient health) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> live = health.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(apiUrl("/observe/health/live"))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
