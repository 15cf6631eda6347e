package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broken interchange header is named for what it is, before anything else is judged, instead of every segment after
 * it being blamed (too many components, cannot be read at IEA). The X12 cases are real files of the public corpus
 * (../shared/edi-corpus) broken the ways partners' files are: ISA16 left out, a field padded one character too wide, a
 * no-break space where the standard has spaces; the EDIFACT cases are a corpus UNA with two service characters alike.
 */
class EnvelopeDiagnosisTest {

    private static final Path CORPUS = Path.of("../shared/edi-corpus");
    /** A real 850 with a sound ISA ("ISA*00*          *00*          *ZZ*...*U*00401*...*0*P*>~"). */
    private static final String X12 = "node-x12__850_fat.edi";
    private static final String EDIFACT_UNA = "staedi__invoic_d93a_una.edi";

    private final EdiInspector inspector = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
            new EdiOrderMapping(Path.of("mappings")));

    @Test
    void the_corpus_files_have_sound_headers() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent");
        try (var files = Files.list(CORPUS)) {
            for (Path file : files.toList()) {
                byte[] head = EdiInput.prepare(Files.readAllBytes(file)).stream.readAllBytes();
                assertThat(EnvelopeDiagnosis.of(head)).as(file.getFileName().toString()).isEmpty();
            }
        }
    }

    @Test
    void an_isa_without_isa16_is_named_and_nothing_after_it_is_blamed() throws IOException {
        String file = corpus(X12);
        // ISA15 is the 105th character; ISA16 (the component separator '>') is left out
        String broken = file.substring(0, 104) + file.substring(105);
        EdiReport report = inspect(broken);
        assertThat(report.status()).isEqualTo(EdiReport.Status.UNUSABLE);
        assertThat(codes(report)).containsExactly("ISA_SEPARATOR_MISSING@ISA16");
        assertThat(report.problems().get(0).message()).contains("ISA16, the component separator, is missing")
                .contains("105 characters, not 106");
    }

    @Test
    void an_isa_without_isa16_on_lines_of_their_own_is_named_too() throws IOException {
        String file = corpus(X12).replace("~", "~\n");
        String broken = file.substring(0, 104) + file.substring(105);
        assertThat(codes(inspect(broken))).containsExactly("ISA_SEPARATOR_MISSING@ISA16");
    }

    @Test
    void a_field_one_character_too_wide_is_named_with_the_position_that_breaks_the_fixed_width() throws IOException {
        String file = corpus(X12);
        // ISA06, the sender id (15 characters from position 36), padded with one blank too many
        String broken = file.substring(0, 35) + " " + file.substring(35);
        EdiReport report = inspect(broken);
        assertThat(codes(report)).containsExactly("ISA_FIXED_WIDTH@ISA6");
        assertThat(report.problems().get(0).message()).startsWith("ISA06 is 16 characters long, not 15")
                .contains("should be at position 51 and is at 52");
    }

    @Test
    void a_missing_character_in_a_field_is_named_as_well() throws IOException {
        String file = corpus(X12);
        // ISA09, the date (6 digits from position 71), one digit short
        String broken = file.substring(0, 70) + file.substring(71);
        assertThat(codes(inspect(broken))).containsExactly("ISA_FIXED_WIDTH@ISA9");
    }

    @Test
    void no_break_spaces_where_the_isa_has_blanks_are_read_as_spaces_and_the_report_says_so() throws IOException {
        String file = corpus(X12);
        // ISA02 (10 blanks from position 8) written with no-break spaces, as a word processor does
        String nbsp = file.substring(0, 7) + "\u00A0".repeat(10) + file.substring(17);
        EdiReport report = inspector.inspect("nbsp.x12", nbsp.getBytes(StandardCharsets.UTF_8));
        EdiReport sound = inspector.inspect("sound.x12", file.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(report.status()).isEqualTo(sound.status());
        assertThat(report.interchanges()).hasSameSizeAs(sound.interchanges()).isNotEmpty();
        assertThat(report.problems()).isEmpty();
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("10 no-break space(s) (from position 8)")
                .contains("read as spaces"));
    }

    @Test
    void a_no_break_space_that_is_not_all_that_is_wrong_is_named_where_it_is() throws IOException {
        String file = corpus(X12);
        // one no-break space (two bytes) for two characters of ISA06: read as a space, ISA06 would be one character
        // short, so the header is not read anyway
        String broken = file.substring(0, 36) + "\u00A0" + file.substring(38);
        EdiReport report = inspector.inspect("broken.x12", broken.getBytes(StandardCharsets.UTF_8));
        assertThat(codes(report)).startsWith("ISA_NOT_ASCII@ISA");
        assertThat(report.problems().get(0).message()).contains("a no-break space (UTF-8 C2 A0) at position 37");
    }

    @Test
    void a_component_separator_equal_to_the_segment_terminator_is_named() throws IOException {
        String file = corpus(X12);
        String broken = file.substring(0, 104) + "~" + file.substring(105);
        assertThat(codes(inspect(broken))).containsExactly("ISA_SEPARATOR_CLASH@ISA16");
    }

    @Test
    void a_letter_as_element_separator_is_named() throws IOException {
        String broken = corpus(X12).replace('*', 'X');
        assertThat(codes(inspect(broken))).containsExactly("ISA_SEPARATOR@ISA");
    }

    @Test
    void a_una_with_two_service_characters_alike_is_named() throws IOException {
        String file = corpus(EDIFACT_UNA);
        assertThat(file).startsWith("UNA");
        // the element separator (position 5) made the same as the component separator (position 4)
        String broken = file.substring(0, 4) + file.charAt(3) + file.substring(5);
        EdiReport report = inspect(broken);
        assertThat(codes(report)).containsExactly("UNA_SEPARATOR_CLASH@UNA");
        assertThat(report.problems().get(0).message()).contains("the component separator (UNA position 4) and the"
                + " element separator (position 5) are the same character");
    }

    @Test
    void a_una_without_its_reserved_blank_is_named() {
        EdiReport report = inspector.inspect("una.edi", "UNA:+.?'UNB+UNOA:1+A+B+200101:1200+1'"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(codes(report)).containsExactly("UNA_LENGTH@UNA");
        assertThat(report.problems().get(0).message()).startsWith("UNA holds 5 service characters before UNB, not 6");
    }

    private EdiReport inspect(String text) {
        return inspector.inspect("broken.edi", text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String corpus(String name) throws IOException {
        Path file = CORPUS.resolve(name);
        assumeTrue(Files.isRegularFile(file), "../shared/edi-corpus is absent");
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    private static List<String> codes(EdiReport report) {
        List<String> codes = new ArrayList<>();
        report.problems().forEach(p -> codes.add(code(p)));
        report.interchanges().forEach(i -> i.problems().forEach(p -> codes.add(code(p))));
        return codes;
    }

    private static String code(EdiProblem p) {
        return p.code() + (p.segment() == null ? "" : "@" + p.segment() + (p.element() == null ? "" : p.element()));
    }
}
