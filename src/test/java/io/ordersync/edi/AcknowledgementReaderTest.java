package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.edi.AcknowledgementReader.Answer;
import io.ordersync.edi.AcknowledgementReader.Level;
import io.ordersync.edi.AcknowledgementReader.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgementReaderTest {

    private static final Path ACKS = Path.of("src/test/resources/edi/acknowledgements");

    @Test
    void a_997_answers_each_named_set_then_its_group() throws IOException {
        List<AcknowledgementReader.Interchange> read = read("acme-997-accepted-and-with-errors.x12");

        assertThat(read).singleElement().satisfies(interchange -> {
            assertThat(interchange.standard()).isEqualTo("X12");
            assertThat(interchange.senderQualifier()).isEqualTo("ZZ");
            assertThat(interchange.senderId()).isEqualTo("ACMEHARDWARE");
            assertThat(interchange.controlNumber()).isEqualTo("000000901");
        });
        AcknowledgementReader.Acknowledgement ack = read.get(0).acknowledgements().get(0);
        assertThat(ack.type()).isEqualTo("997");
        assertThat(ack.controlNumber()).isEqualTo("0001");
        assertThat(ack.answers()).containsExactly(
                new Answer(Level.TRANSACTION, null, "7", "855", "0007", Outcome.ACCEPTED, "AK2*855*0007; AK5*A"),
                new Answer(Level.TRANSACTION, null, "7", "855", "0008", Outcome.ACCEPTED_WITH_ERRORS,
                        "AK2*855*0008; AK3*BAK*2**8; AK4*2*353*7*ZZ; AK5*E"),
                new Answer(Level.GROUP, null, "7", "PR", null, Outcome.ACCEPTED_WITH_ERRORS, "AK9*E*2*2*2"));
    }

    @Test
    void a_997_rejecting_a_whole_group_without_naming_its_sets_is_one_group_answer() throws IOException {
        // the file also starts with a byte-order mark and a banner line, as VANs deliver them
        List<AcknowledgementReader.Interchange> read = read("acme-997-group-rejected-with-banner.x12");

        assertThat(read.get(0).acknowledgements().get(0).answers()).containsExactly(
                new Answer(Level.GROUP, null, "000000009", "PR", null, Outcome.REJECTED, "AK9*R*1*1*0"));
    }

    @Test
    void a_999_is_read_like_a_997_with_its_ik_segments() throws IOException {
        AcknowledgementReader.Acknowledgement ack = read("acme-999-rejected.x12").get(0).acknowledgements().get(0);

        assertThat(ack.type()).isEqualTo("999");
        assertThat(ack.answers()).extracting(Answer::level, Answer::transaction, Answer::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.TRANSACTION, "0011", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple(Level.GROUP, null, Outcome.REJECTED));
        assertThat(ack.answers().get(0).detail()).isEqualTo("AK2*855*0011; IK3*PO1*4**8; IK4*2*330*7*0; IK5*R*5");
    }

    @Test
    void a_contrl_answers_each_message_then_the_interchange() throws IOException {
        List<AcknowledgementReader.Interchange> read = read("rheinland-contrl-partly-rejected.edi");

        assertThat(read.get(0).standard()).isEqualTo("EDIFACT");
        assertThat(read.get(0).senderId()).isEqualTo("4012345000009");
        assertThat(read.get(0).senderQualifier()).isEqualTo("14");
        assertThat(read.get(0).controlNumber()).isEqualTo("RTC0001");
        AcknowledgementReader.Acknowledgement ack = read.get(0).acknowledgements().get(0);
        assertThat(ack.type()).isEqualTo("CONTRL");
        assertThat(ack.controlNumber()).isEqualTo("1");
        assertThat(ack.answers()).containsExactly(
                new Answer(Level.TRANSACTION, "OS0000042", null, "ORDRSP", "1", Outcome.ACCEPTED,
                        "UCM+1+ORDRSP:D:96A:UN+7"),
                new Answer(Level.TRANSACTION, "OS0000042", null, "ORDRSP", "2", Outcome.REJECTED,
                        "UCM+2+ORDRSP:D:96A:UN+4; UCS+5+13; UCD+13+3"),
                new Answer(Level.INTERCHANGE, "OS0000042", null, null, null, Outcome.ACCEPTED,
                        "UCI+OS0000042+4098765000002:14+4012345000009:14+7"));
    }

    @Test
    void a_contrl_rejecting_the_interchange_answers_for_all_of_it() throws IOException {
        assertThat(read("rheinland-contrl-interchange-rejected.edi").get(0).acknowledgements().get(0).answers())
                .containsExactly(new Answer(Level.INTERCHANGE, "OS0000043", null, null, null, Outcome.REJECTED,
                        "UCI+OS0000043+4098765000002:14+4012345000009:14+4+20"));
    }

    @Test
    void other_transaction_sets_in_the_file_are_skipped() throws IOException {
        byte[] mixed = (Files.readString(Path.of("src/test/resources/edi/samples/acme-850-clean.x12"))
                + Files.readString(ACKS.resolve("acme-997-accepted-and-with-errors.x12"))).getBytes();

        List<AcknowledgementReader.Interchange> read = AcknowledgementReader.read(mixed);

        assertThat(read).extracting(AcknowledgementReader.Interchange::controlNumber)
                .containsExactly("000000101", "000000901");
        assertThat(read.get(0).acknowledgements()).isEmpty();
        assertThat(read.get(1).acknowledgements()).singleElement()
                .satisfies(ack -> assertThat(ack.answers()).hasSize(3));
    }

    @Test
    void status_codes_map_to_outcomes_and_nothing_unknown_counts_as_accepted() {
        assertThat(AcknowledgementReader.x12Outcome("A")).isEqualTo(Outcome.ACCEPTED);
        assertThat(AcknowledgementReader.x12Outcome("E")).isEqualTo(Outcome.ACCEPTED_WITH_ERRORS);
        assertThat(AcknowledgementReader.x12Outcome("P")).isEqualTo(Outcome.PARTIALLY_ACCEPTED);
        for (String rejected : List.of("M", "R", "W", "X", "?")) {
            assertThat(AcknowledgementReader.x12Outcome(rejected)).as(rejected).isEqualTo(Outcome.REJECTED);
        }
        assertThat(AcknowledgementReader.contrlOutcome("7")).isEqualTo(Outcome.ACCEPTED);
        assertThat(AcknowledgementReader.contrlOutcome("8")).isEqualTo(Outcome.ACCEPTED);
        assertThat(AcknowledgementReader.contrlOutcome("4")).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void a_file_that_is_no_edi_holds_no_acknowledgements() {
        assertThat(AcknowledgementReader.read("hello, this is not an interchange".getBytes())).isEmpty();
    }

    private static List<AcknowledgementReader.Interchange> read(String file) throws IOException {
        return AcknowledgementReader.read(Files.readAllBytes(ACKS.resolve(file)));
    }
}
