package io.ordersync.it;

import static io.ordersync.it.RuntimeProperties.temporaryDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.MovableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Duplicates within a partner's window (interchange, group and transaction level) and partners' acknowledgements of
 * what we sent, through the real runtime over HTTP and the EDI inbox. The partner profiles are the test ones of
 * {@code src/test/resources/edi/partners}: ACME checks groups and transaction sets within 30 days, Bolt Supply only
 * interchanges. Time passes by moving the runtime's clock. Run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EdiDuplicatesAndAcknowledgementsScenarios extends PipelineTestSupport {

    private static final Path INBOX = temporaryDirectory("ordersync.edi.inbox", "ordersync-edi-inbox");
    private static final Path OUTBOX = temporaryDirectory("ordersync.edi.outbox", "ordersync-edi-outbox");
    private static final MovableClock CLOCK = new MovableClock();
    /** Every interchange, group and transaction set of this class gets its own control number. */
    private static final AtomicInteger NUMBERS = new AtomicInteger(7000);
    private static final String ACME = "acme-hardware";

    static {
        RuntimeProperties.set("ordersync.partners.dir", "src/test/resources/edi/partners");
        RuntimeProperties.useTestRoles("acme-hardware", "bolt-supply");
        RuntimeProperties.withoutAdminConsole();
    }

    /** The runtime's clock: bound before the runtime's own configuration runs, which takes it. */
    @Configure
    protected void bindTheClock(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) {
                context.getRegistry().bind("clock", CLOCK);
            }
        });
    }

    // =========================================================================================== (a) window

    @Test
    void a_repeated_interchange_within_the_window_creates_nothing_and_is_listed_as_sent_again() {
        Edi file = acme().set("PO-REPEAT");
        assertThat(postEdi(file.text()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor("PO-REPEAT-" + file.icn) == 1);

        CLOCK.move(Duration.ofDays(29));
        HttpResponse<String> again = postEdi(file.text());

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode answer = json(again).path("interchanges").get(0);
        assertThat(answer.path("status").asText()).isEqualTo("DUPLICATE");
        JsonNode listed = interchange(ACME, file.icn, 0);
        assertThat(answer.path("duplicateOf").asLong()).isEqualTo(listed.path("interchangeId").asLong());
        assertThat(listed.path("duplicates").asInt()).isEqualTo(1);
        assertThat(listed.path("orders").asInt()).isEqualTo(1);
        assertThat(ids(json(get("/api/v1/edi/interchanges?partner=" + ACME + "&duplicates=true"))))
                .contains(listed.path("interchangeId").asLong());
        assertThat(erpRequestsFor("PO-REPEAT-" + file.icn)).isEqualTo(1);
    }

    @Test
    void an_interchange_control_number_reused_after_the_window_is_accepted_as_new() {
        Edi first = acme().set("PO-WRAP-A");
        assertThat(postEdi(first.text()).statusCode()).isEqualTo(202);

        CLOCK.move(Duration.ofDays(30).plusMinutes(1));
        // the partner's numbers wrapped around: same ISA13, new group, set and purchase order
        Edi reused = acme().withIcn(first.icn).set("PO-WRAP-B");
        HttpResponse<String> response = postEdi(reused.text());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response).path("interchanges").get(0);
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.path("orders").asInt()).isEqualTo(1);
        assertThat(answer.path("reuseNumber").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor("PO-WRAP-B-" + first.icn) == 1);
        assertThat(interchange(ACME, first.icn, 0).path("duplicates").asInt()).isZero();
        assertThat(interchange(ACME, first.icn, 1).path("orders").asInt()).isEqualTo(1);
    }

    // ============================================================================= (b) groups and transactions

    @Test
    void a_repeated_group_in_a_new_interchange_creates_no_order_and_is_listed_with_the_first_one() {
        Edi first = acme().set("PO-GROUP-A");
        assertThat(postEdi(first.text()).statusCode()).isEqualTo(202);
        long firstId = interchange(ACME, first.icn, 0).path("interchangeId").asLong();

        Edi sameGroup = acme().withGroup(first.gs06).set("PO-GROUP-B");
        HttpResponse<String> response = postEdi(sameGroup.text());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response).path("interchanges").get(0);
        assertThat(answer.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(answer.path("orders").asInt()).isZero();
        JsonNode listed = interchange(ACME, sameGroup.icn, 0);
        assertThat(listed.path("orders").asInt()).isZero();
        assertThat(listed.path("duplicateContent")).singleElement().satisfies(repeat -> {
            assertThat(repeat.path("level").asText()).isEqualTo("GROUP");
            assertThat(repeat.path("controlNumber").asText()).isEqualTo(first.gs06);
            assertThat(repeat.path("sender").asText()).isEqualTo("ACMEHW");
            assertThat(repeat.path("firstInterchangeId").asLong()).isEqualTo(firstId);
        });
        assertThat(ids(json(get("/api/v1/edi/interchanges?duplicates=true")))).contains(listed.path("interchangeId")
                .asLong());
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor("PO-GROUP-A-" + first.icn) == 1);
        assertThat(erpRequestsFor("PO-GROUP-B-" + sameGroup.icn)).isZero();
    }

    @Test
    void a_partner_whose_profile_does_not_check_groups_may_repeat_a_group_number() {
        Edi first = bolt().set("PO-BOLT-A");
        assertThat(postEdi(first.text()).statusCode()).isEqualTo(202);

        Edi sameGroup = bolt().withGroup(first.gs06).set("PO-BOLT-B");
        HttpResponse<String> response = postEdi(sameGroup.text());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).path("interchanges").get(0).path("orders").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor("PO-BOLT-B-" + sameGroup.icn) == 1);
    }

    @Test
    void a_repeated_transaction_set_creates_no_order_while_the_new_set_beside_it_does() {
        Edi first = acme().set("PO-SET-A");
        assertThat(postEdi(first.text()).statusCode()).isEqualTo(202);

        Edi mixed = acme().set("PO-SET-B", first.st02s.get(0)).set("PO-SET-C");
        HttpResponse<String> response = postEdi(mixed.text());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response).path("interchanges").get(0);
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.path("orders").asInt()).isEqualTo(1);
        assertThat(answer.path("duplicateContent")).singleElement().satisfies(repeat -> {
            assertThat(repeat.path("level").asText()).isEqualTo("TRANSACTION");
            assertThat(repeat.path("setType").asText()).isEqualTo("850");
            assertThat(repeat.path("controlNumber").asText()).isEqualTo(first.st02s.get(0));
        });
        assertThat(interchange(ACME, mixed.icn, 0).path("duplicateContent").get(0).path("level").asText())
                .isEqualTo("TRANSACTION");
        await().atMost(Duration.ofSeconds(30)).until(() -> erpRequestsFor("PO-SET-C-" + mixed.icn) == 1);
        assertThat(erpRequestsFor("PO-SET-B-" + mixed.icn)).isZero();
    }

    // ======================================================================== (c) acknowledgements of what we sent

    @Test
    void an_855_is_acknowledged_once_the_partners_accepting_997_is_dropped_in_the_inbox() throws IOException {
        JsonNode sent = orderAnswered("PO-ACK-OK");
        assertThat(sent.path("status").asText()).isEqualTo("AWAITING");
        assertThat(sent.path("documentType").asText()).isEqualTo("855");

        dropInInbox(ack997(sent, "AK5*A", "AK9*A*1*1*1"));

        JsonNode acknowledged = awaitSentStatus(sent, "ACCEPTED");
        assertThat(acknowledged.path("acknowledgementDetail").asText()).contains("AK5*A");
        assertThat(sentIds(json(get("/api/v1/edi/sent-documents?status=acknowledged&partner=" + ACME))))
                .contains(sent.path("sentId").asLong());
    }

    @Test
    void an_855_is_rejected_when_the_partners_997_rejects_it() throws IOException {
        JsonNode sent = orderAnswered("PO-ACK-BAD");

        dropInInbox(ack997(sent, "AK5*R*5", "AK9*R*1*1*0"));

        awaitSentStatus(sent, "REJECTED");
        assertThat(sentIds(json(get("/api/v1/edi/sent-documents?status=rejected")))).contains(sent.path("sentId")
                .asLong());
        assertThat(sentIds(json(get("/api/v1/edi/sent-documents?status=acknowledged")))).doesNotContain(
                sent.path("sentId").asLong());
    }

    @Test
    void an_855_without_a_997_past_its_due_time_is_overdue_in_the_api_and_the_metric() {
        JsonNode sent = orderAnswered("PO-ACK-LATE");
        assertThat(sentIds(json(get("/api/v1/edi/sent-documents?status=awaiting&partner=" + ACME))))
                .contains(sent.path("sentId").asLong());

        CLOCK.move(Duration.ofHours(24).plusMinutes(1));

        JsonNode overdue = json(get("/api/v1/edi/sent-documents?status=overdue&partner=" + ACME));
        assertThat(sentIds(overdue)).contains(sent.path("sentId").asLong());
        assertThat(overdue).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("OVERDUE"));
        assertThat(overdueMetric(ACME)).isEqualTo((double) overdue.size());
        assertThat(overdueMetric("bolt-supply")).isZero();
    }

    @Test
    void an_acknowledgement_of_something_we_never_sent_is_kept_as_unmatched() throws IOException {
        String ack = fill(Files.readString(Path.of("src/test/resources/edi/acknowledgements/acme-997-template.x12")),
                "{ACKNOWLEDGED_GROUP}", "987654", "{ACKNOWLEDGED_SET}", "9876", "{AK5}", "AK5*A", "{AK9}",
                "AK9*A*1*1*1");
        Ack997 unmatched = new Ack997(ack);
        dropInInbox(unmatched);

        await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                json(get("/api/v1/edi/acknowledgements?matched=false&partner=" + ACME)).spliterator(), false)
                .anyMatch(a -> a.path("ackInterchange").asText().equals(unmatched.icn)
                        && "987654".equals(a.path("acknowledgedGroup").asText())
                        && a.path("matchedDocuments").asInt() == 0));
    }

    @Test
    void a_wrong_query_value_is_answered_400_with_the_accepted_values() {
        HttpResponse<String> status = get("/api/v1/edi/sent-documents?status=late");
        HttpResponse<String> matched = get("/api/v1/edi/acknowledgements?matched=maybe");

        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json(status).path("message").asText()).contains("overdue, awaiting, acknowledged, rejected");
        assertThat(matched.statusCode()).isEqualTo(400);
        assertThat(json(matched).path("message").asText())
                .isEqualTo("query parameter matched must be true or false, not 'maybe'");
        assertThat(json(matched).path("error").asText()).isEqualTo("INVALID_PARAMETER");
    }

    // ================================================================================================ helpers

    /** Sends an ACME 850 and waits for the 855 the ERP's answer produced to be recorded as sent. */
    private JsonNode orderAnswered(String poPrefix) {
        Edi order = acme().set(poPrefix);
        String po = poPrefix + "-" + order.icn;
        assertThat(postEdi(order.text()).statusCode()).isEqualTo(202);
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode document : json(get("/api/v1/edi/sent-documents?partner=" + ACME + "&limit=500"))) {
                if (document.path("fileName").asText().contains("855-" + po + "-")) {
                    found[0] = document;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private JsonNode awaitSentStatus(JsonNode sent, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode document : json(get("/api/v1/edi/sent-documents?partner=" + ACME + "&limit=500"))) {
                if (document.path("sentId").asLong() == sent.path("sentId").asLong()) {
                    last[0] = document;
                    return status.equals(document.path("status").asText());
                }
            }
            return false;
        });
        return last[0];
    }

    /** A 997 from ACME answering the sent document's group and set. */
    private static Ack997 ack997(JsonNode sent, String ak5, String ak9) throws IOException {
        return new Ack997(fill(Files.readString(Path.of("src/test/resources/edi/acknowledgements/acme-997-template.x12")),
                "{ACKNOWLEDGED_GROUP}", sent.path("groupControl").asText(),
                "{ACKNOWLEDGED_SET}", sent.path("transactionControl").asText(), "{AK5}", ak5, "{AK9}", ak9));
    }

    /** A 997 with its own fresh interchange, group and set numbers. */
    private static final class Ack997 {
        final String icn = String.format("%09d", NUMBERS.incrementAndGet());
        final String text;

        Ack997(String template) {
            this.text = fill(template, "{ICN}", icn, "{GS06}", String.valueOf(NUMBERS.incrementAndGet()), "{ST02}",
                    String.format("%04d", NUMBERS.incrementAndGet()));
        }
    }

    private static void dropInInbox(Ack997 ack) throws IOException {
        Path partial = INBOX.resolve(".997-" + ack.icn + ".x12.part");
        Files.writeString(partial, ack.text);
        Files.move(partial, INBOX.resolve("997-" + ack.icn + ".x12"));
    }

    /** The gauge's value on /observe/metrics (the Prometheus text format). */
    private static double overdueMetric(String partner) {
        String metrics = send(HttpRequest.newBuilder(URI.create(apiUrl("/observe/metrics"))).GET().build()).body();
        Matcher line = Pattern.compile("(?m)^ordersync_edi_acknowledgements_overdue\\{[^}]*partner=\"" + partner
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("the overdue gauge of %s in:%n%s", partner, metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }

    /** An X12 850 interchange being put together: fresh control numbers unless told otherwise. */
    private static final class Edi {
        final String sender;
        final String gs02;
        String icn = String.format("%09d", NUMBERS.incrementAndGet());
        String gs06 = String.valueOf(NUMBERS.incrementAndGet());
        final List<String> st02s = new ArrayList<>();
        final StringBuilder sets = new StringBuilder();

        Edi(String sender, String gs02) {
            this.sender = sender;
            this.gs02 = gs02;
        }

        Edi withIcn(String control) {
            icn = control;
            return this;
        }

        Edi withGroup(String control) {
            gs06 = control;
            return this;
        }

        /** Adds an 850 whose PO number is the prefix and the interchange number, with a fresh ST02. */
        Edi set(String poPrefix) {
            return set(poPrefix, String.format("%04d", NUMBERS.incrementAndGet()));
        }

        Edi set(String poPrefix, String st02) {
            st02s.add(st02);
            sets.append(fill(resource("850-set.x12"), "{ST02}", st02, "{PO}", poPrefix + "-" + icn));
            return this;
        }

        String text() {
            return fill(resource("850-interchange.x12"), "{SENDER}", String.format("%-15s", sender), "{GS02}", gs02,
                    "{ICN}", icn, "{GS06}", gs06, "{SETS}", sets.toString(), "{SET_COUNT}",
                    String.valueOf(st02s.size()));
        }

        private static String resource(String name) {
            try {
                return Files.readString(Path.of("src/test/resources/edi/duplicates", name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Edi acme() {
        return new Edi("ACMEHARDWARE", "ACMEHW");
    }

    private static Edi bolt() {
        return new Edi("BOLTSUPPLY", "BOLTSUP");
    }

    private static String fill(String template, String... tokensAndValues) {
        String text = template;
        for (int i = 0; i + 1 < tokensAndValues.length; i += 2) {
            text = text.replace(tokensAndValues[i], tokensAndValues[i + 1]);
        }
        return text;
    }

    /** The partner's interchange with this control number and reuse number, as GET /api/v1/edi/interchanges lists it. */
    private static JsonNode interchange(String partner, String controlNumber, int reuseNumber) {
        for (JsonNode listed : json(get("/api/v1/edi/interchanges?partner=" + partner))) {
            if (listed.path("controlNumber").asText().equals(controlNumber)
                    && listed.path("reuseNumber").asInt() == reuseNumber) {
                return listed;
            }
        }
        throw new AssertionError("interchange " + controlNumber + " (reuse " + reuseNumber + ") of " + partner
                + " is not listed");
    }

    private static List<Long> ids(JsonNode interchanges) {
        return StreamSupport.stream(interchanges.spliterator(), false).map(i -> i.path("interchangeId").asLong())
                .toList();
    }

    private static List<Long> sentIds(JsonNode documents) {
        return StreamSupport.stream(documents.spliterator(), false).map(d -> d.path("sentId").asLong()).toList();
    }

}
