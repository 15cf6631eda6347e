package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.MovableClock;
import io.ordersync.TestDatabases;
import io.ordersync.edi.SentDocuments.SentDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partners' 997 / 999 / CONTRL matched to the documents we sent, on a real (H2) database migrated by Flyway. */
class AcknowledgementMatchingTest {

    private static final Path ACKS = Path.of("src/test/resources/edi/acknowledgements");
    private static final PartnerProfiles PROFILES = PartnerProfiles.load(Path.of("mappings/partners"));
    private static final String ACME = "acme-hardware";
    private static final String RHEINLAND = "rheinland-technik";

    private final MovableClock clock = new MovableClock();
    private HikariDataSource dataSource;
    private SentDocuments sent;
    private ReceivedAcknowledgements received;

    @BeforeEach
    void database() {
        dataSource = TestDatabases.migratedH2("acks", 2);
        sent = new SentDocuments(dataSource, clock);
        received = new ReceivedAcknowledgements(dataSource, sent);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void a_sent_855_awaits_its_997_and_is_overdue_once_the_partners_deadline_has_passed() throws IOException {
        sent.recordSent(PROFILES.byId(ACME).orElseThrow(),
                Files.readString(Path.of("src/test/resources/edi/outbound/acme-855-partially-accepted.x12")),
                "acme-hardware/855-PO-4712.edi", "ord-4712");

        SentDocument document = only(sent.list(null, ACME, 10));
        assertThat(document.status()).isEqualTo(SentDocuments.AWAITING);
        assertThat(document.documentType()).isEqualTo("855");
        assertThat(document.interchangeControl()).isEqualTo("000000042");
        assertThat(document.groupControl()).isEqualTo("42");
        assertThat(document.transactionControl()).isEqualTo("0042");
        assertThat(document.orderId()).isEqualTo("ord-4712");
        assertThat(Duration.between(document.sentAt(), document.ackDueBy())).isEqualTo(Duration.ofHours(24));
        assertThat(sent.list("awaiting", ACME, 10)).hasSize(1);
        assertThat(sent.list("overdue", ACME, 10)).isEmpty();
        assertThat(sent.overdueCount(ACME)).isZero();

        clock.move(Duration.ofHours(24).plusSeconds(1));

        assertThat(only(sent.list("overdue", ACME, 10)).status()).isEqualTo(SentDocuments.OVERDUE);
        assertThat(sent.list("awaiting", ACME, 10)).isEmpty();
        assertThat(sent.overdueCount(ACME)).isEqualTo(1);
        assertThat(sent.overdueCount(RHEINLAND)).isZero();
    }

    @Test
    void a_997_sets_the_sets_it_names_and_its_group_answer_sets_the_others() throws IOException {
        sendX12(ACME, "7", "0007", "0008", "0009");

        List<Map<String, Object>> answers = receive(ACME, "acme-997-accepted-and-with-errors.x12");

        assertThat(statusOf("0007")).isEqualTo(SentDocuments.ACCEPTED);
        assertThat(statusOf("0008")).isEqualTo(SentDocuments.ACCEPTED_WITH_ERRORS);
        // AK9 E: the set no AK2 names was accepted, the group with errors
        assertThat(statusOf("0009")).isEqualTo(SentDocuments.ACCEPTED_WITH_ERRORS);
        assertThat(answers).extracting(a -> a.get("matchedDocuments")).containsExactly(1, 1, 3);
        SentDocument withErrors = sent.list("acknowledged", ACME, 10).stream()
                .filter(d -> d.transactionControl().equals("0008")).findFirst().orElseThrow();
        assertThat(withErrors.acknowledgementDetail()).isEqualTo("997: AK2*855*0008; AK3*BAK*2**8; AK4*2*353*7*ZZ; AK5*E");
        assertThat(withErrors.acknowledgedAt()).isNotNull();
        assertThat(sent.overdueCount(ACME)).isZero();
    }

    @Test
    void a_rejected_group_rejects_all_its_sets_and_group_numbers_match_as_numbers() throws IOException {
        sendX12(ACME, "9", "0021", "0022");
        sendX12(ACME, "10", "0023");

        receive(ACME, "acme-997-group-rejected-with-banner.x12");

        assertThat(sent.list("rejected", ACME, 10)).extracting(SentDocument::transactionControl)
                .containsExactlyInAnyOrder("0021", "0022");
        assertThat(statusOf("0023")).isEqualTo(SentDocuments.AWAITING);
    }

    @Test
    void an_answer_naming_nothing_we_sent_is_kept_and_listed_as_unmatched() throws IOException {
        sendX12(ACME, "7", "0007");

        receive(ACME, "acme-999-rejected.x12");

        assertThat(received.list(ACME, "false", 10)).extracting(ReceivedAcknowledgements.ReceivedAnswer::level,
                ReceivedAcknowledgements.ReceivedAnswer::acknowledgedGroup,
                ReceivedAcknowledgements.ReceivedAnswer::acknowledgedTransaction,
                ReceivedAcknowledgements.ReceivedAnswer::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GROUP", "11", null, "REJECTED"),
                org.assertj.core.groups.Tuple.tuple("TRANSACTION", "11", "0011", "REJECTED"));
        assertThat(received.list(ACME, "true", 10)).isEmpty();
        assertThat(statusOf("0007")).isEqualTo(SentDocuments.AWAITING);
    }

    @Test
    void the_same_partners_numbers_only_match_what_was_sent_to_that_partner() throws IOException {
        sendX12("some-other-partner", "7", "0007");

        List<Map<String, Object>> answers = receive(ACME, "acme-997-accepted-and-with-errors.x12");

        assertThat(answers).allSatisfy(a -> assertThat(a.get("matchedDocuments")).isEqualTo(0));
        assertThat(only(sent.list(null, "some-other-partner", 10)).status()).isEqualTo(SentDocuments.AWAITING);
    }

    @Test
    void reading_the_same_acknowledgement_again_records_nothing_new() throws IOException {
        sendX12(ACME, "7", "0007", "0008");

        receive(ACME, "acme-997-accepted-and-with-errors.x12");
        receive(ACME, "acme-997-accepted-and-with-errors.x12");

        assertThat(received.list(ACME, null, 100)).hasSize(3);
        assertThat(statusOf("0007")).isEqualTo(SentDocuments.ACCEPTED);
    }

    @Test
    void a_contrl_sets_the_messages_it_names_and_its_interchange_answer_sets_the_others() throws IOException {
        Instant now = clock.instant();
        sent.record(RHEINLAND, "EDIFACT", "OS0000042", null, List.of("1", "2", "3"), "ORDRSP", "rheinland/ordrsp.edi",
                null, now, now.plus(Duration.ofHours(12)));
        sent.record(RHEINLAND, "EDIFACT", "OS0000043", null, List.of("1"), "ORDRSP", "rheinland/ordrsp-2.edi",
                null, now, now.plus(Duration.ofHours(12)));

        receive(RHEINLAND, "rheinland-contrl-partly-rejected.edi");
        receive(RHEINLAND, "rheinland-contrl-interchange-rejected.edi");

        assertThat(sent.list(null, RHEINLAND, 10)).extracting(d -> d.interchangeControl() + "/"
                + d.transactionControl() + " " + d.status()).containsExactlyInAnyOrder(
                "OS0000042/1 ACCEPTED", "OS0000042/2 REJECTED", "OS0000042/3 ACCEPTED", "OS0000043/1 REJECTED");
    }

    @Test
    void a_document_for_a_partner_that_sends_no_acknowledgements_is_never_overdue() {
        Instant now = clock.instant();
        sent.record(ACME, "X12", "000000050", "50", List.of("0050"), "855", "acme-hardware/855.edi", null, now, null);

        clock.move(Duration.ofDays(30));

        assertThat(only(sent.list(null, ACME, 10)).status()).isEqualTo(SentDocuments.NOT_EXPECTED);
        assertThat(sent.overdueCount(ACME)).isZero();
    }

    @Test
    void recording_what_is_no_edi_logs_and_records_nothing_rather_than_failing_the_writer() {
        sent.recordSent(PROFILES.byId(ACME).orElseThrow(), "not an interchange", "acme-hardware/x.edi", "ord-1");

        assertThat(sent.list(null, null, 10)).isEmpty();
    }

    @Test
    void an_unknown_status_filter_is_refused_with_the_accepted_values() {
        assertThatIllegalArgumentException().isThrownBy(() -> sent.list("late", null, 10))
                .withMessage("status must be one of overdue, awaiting, acknowledged, rejected, not 'late'");
    }

    private void sendX12(String partner, String group, String... transactions) {
        Instant now = clock.instant();
        sent.record(partner, "X12", String.format("%09d", Integer.parseInt(group)), group, List.of(transactions), "855",
                partner + "/855-" + group + ".edi", null, now, now.plus(Duration.ofHours(24)));
    }

    private List<Map<String, Object>> receive(String partner, String file) throws IOException {
        AcknowledgementReader.Interchange interchange = AcknowledgementReader.read(
                Files.readAllBytes(ACKS.resolve(file))).get(0);
        Set<String> valid = Set.copyOf(interchange.acknowledgements().stream()
                .map(AcknowledgementReader.Acknowledgement::controlNumber).toList());
        return received.receive(partner, interchange, 0, valid, file, clock.instant());
    }

    private String statusOf(String transactionControl) {
        return sent.list(null, null, 100).stream().filter(d -> d.transactionControl().equals(transactionControl))
                .findFirst().orElseThrow().status();
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
