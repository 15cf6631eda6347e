package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each envelope check of X12 (ISA/IEA, GS/GE, ST/SE) and EDIFACT (UNB/UNZ, UNH/UNT), as {@code edi inspect} reports
 * it: the problem with its segment, position and element, the file rejected, and the acknowledgement the partner
 * would get, per X12 (TA1, 997 AK5/AK9) and EDIFACT (CONTRL UCI/UCM) rules. Also: a partner's CONTRL is validated
 * against its schema like any message.
 */
class EdiEnvelopeChecksTest {

    private static final Path ACME_850 = Path.of("src/test/resources/edi/samples/acme-850-clean.x12");
    private static final Path ORDERS = Path.of("src/test/resources/edi/schema/edifact-d96a-ORDERS.edi");

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // what is wrong               | in, out                    | problem (segment@position element code)
        //                                                             | what the acknowledgement says
        "GE02 is not GS06              | GE*1*101 | GE*1*102           | GE@15 2 CONTROL_REFERENCE_MISMATCH"
            + "                         | AK5*A~AK9*E*1*1*1*4~",
        "GE01 counts two sets, one sent | GE*1*101 | GE*2*101          | GE@15 1 CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"
            + " | AK5*A~AK9*E*2*1*1*5~",
        "SE02 is not ST02              | SE*12*0001 | SE*12*0002       | SE@14 2 CONTROL_REFERENCE_MISMATCH"
            + "                         | AK5*R*3~AK9*R*1*1*0~",
        "IEA01 counts two groups, one sent | IEA*1* | IEA*2*           | IEA@16 1 CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"
            + " | *E*021~",
        "IEA02 is not ISA13            | IEA*1*000000101 | IEA*1*000000109 | IEA@16 2 CONTROL_REFERENCE_MISMATCH"
            + "                         | *E*001~",
    })
    void an_x12_envelope_that_does_not_add_up_is_reported_where_it_is_and_answered(String what, String in, String out,
            String problem, String acknowledgement) throws IOException {
        JsonNode report = inspect("acme.x12", Files.readString(ACME_850).replace(in, out));

        assertThat(report.path("status").asText()).as(what).isEqualTo("REJECTED");
        assertThat(problems(report)).as(what).contains(problem);
        assertThat(acknowledgements(report)).as(what).anySatisfy(ack -> assertThat(ack).contains(acknowledgement));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "UNT02 is not UNH01            | UNT+28+1' | UNT+28+9'           | UNT@30 2 CONTROL_REFERENCE_MISMATCH"
            + "                         | UCI+ORD0001+4012345000009:14+4098765000002:14+7'UCM+1+ORDERS:D:96A:UN+4+28+UNT+2'",
        "UNT01 counts 99 segments      | UNT+28+1' | UNT+99+1'           | UNT@30 1 CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"
            + " | UCM+1+ORDERS:D:96A:UN+4+29+UNT+1'",
        "UNZ01 counts two messages     | UNZ+1+ORD0001 | UNZ+2+ORD0001   | UNZ@31 1 CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"
            + " | UCI+ORD0001+4012345000009:14+4098765000002:14+4+29+UNZ+1'",
        "UNZ02 is not UNB05            | UNZ+1+ORD0001 | UNZ+1+ORD0009   | UNZ@31 2 CONTROL_REFERENCE_MISMATCH"
            + "                         | UCI+ORD0001+4012345000009:14+4098765000002:14+4+28+UNZ+2'",
    })
    void an_edifact_envelope_that_does_not_add_up_is_reported_where_it_is_and_answered(String what, String in,
            String out, String problem, String acknowledgement) throws IOException {
        // the D.96A sample as the rheinland-technik partner sends it
        String orders = Files.readString(ORDERS).replace("5412345000013:14+5498765000011:14",
                "4012345000009:14+4098765000002:14");

        JsonNode report = inspect("rheinland.edi", orders.replace(in, out));

        assertThat(report.path("status").asText()).as(what).isEqualTo("REJECTED");
        assertThat(problems(report)).as(what).contains(problem);
        assertThat(acknowledgements(report)).as(what).anySatisfy(ack -> assertThat(ack).contains(acknowledgement));
    }

    @Test
    void a_partners_contrl_is_validated_against_its_schema_whatever_syntax_version_it_names() throws IOException {
        JsonNode clean = inspect("contrl.edi",
                Files.readString(Path.of("src/test/resources/edi/schema/edifact-d96a-CONTRL.edi")));
        assertThat(clean.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(clean.path("interchanges").get(0).path("transactions").get(0).path("schema").asText())
                .isEqualTo("edifact/d96a/CONTRL.xml");

        JsonNode broken = inspect("contrl-broken.edi",
                Files.readString(Path.of("src/test/resources/edi/schema/edifact-d96a-CONTRL-broken.edi")));
        assertThat(broken.path("status").asText()).isEqualTo("REJECTED");
        // UCI04 5 is no action code of CONTRL
        assertThat(problems(broken)).contains("UCI@4 4 INVALID_CODE_VALUE");
    }

    /** The JSON {@code edi inspect} prints for the text. */
    private JsonNode inspect(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdiCommand.run(new String[] {"edi", "inspect", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** Every problem of the report, at every level, as "segment@position element code". */
    private static List<String> problems(JsonNode report) {
        List<String> found = new ArrayList<>();
        report.findValues("problems").forEach(list -> list.forEach(p -> found.add(p.path("segment").asText() + "@"
                + p.path("segmentPosition").asText() + " " + p.path("element").asText() + " " + p.path("code").asText())));
        return found;
    }

    /** The acknowledgements ordersync would send, with line ends removed. */
    private static List<String> acknowledgements(JsonNode report) {
        List<String> documents = new ArrayList<>();
        report.path("acknowledgements").forEach(ack -> ack.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && !field.getKey().equals("interchange") && !field.getKey().equals("partner")) {
                documents.add(field.getValue().asText().replace("\r", "").replace("\n", ""));
            }
        }));
        return documents;
    }
}
