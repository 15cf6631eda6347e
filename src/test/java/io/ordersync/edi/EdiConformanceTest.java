package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance over the public EDI corpus in ../shared/edi-corpus: every file has an expected outcome written after
 * reading it (src/test/resources/edi/conformance/expected.yaml). Skipped, with a message, when the corpus is absent.
 */
class EdiConformanceTest {

    private static final Path CORPUS = Path.of("../shared/edi-corpus");
    private static final Path EXPECTED = Path.of("src/test/resources/edi/conformance/expected.yaml");

    private final EdiInspector inspector = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
            new EdiOrderMapping(Path.of("mappings")));

    @Test
    void every_corpus_file_has_an_expected_outcome() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent: conformance suite skipped");
        JsonNode expected = expected();
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .allSatisfy(name -> assertThat(expected.has(name)).as("expectation for " + name).isTrue());
        }
    }

    @TestFactory
    Stream<DynamicTest> each_corpus_file_gives_its_expected_outcome() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent: conformance suite skipped");
        JsonNode expected = expected();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
            Path file = CORPUS.resolve(entry.getKey());
            if (Files.exists(file)) {
                tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> check(file, entry.getValue())));
            }
        }
        return tests.stream();
    }

    private void check(Path file, JsonNode expect) throws IOException {
        EdiReport report = inspector.inspect(file.getFileName().toString(), Files.readAllBytes(file));
        String why = expect.path("why").asText();

        assertThat(report.status().name()).as("status (" + why + ")").isEqualTo(expect.path("status").asText());
        assertThat(report.interchanges()).extracting(EdiReport.Interchange::controlNumber).as("interchanges")
                .containsExactlyElementsOf(texts(expect.path("interchanges")));

        List<String> transactions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        report.problems().forEach(p -> problems.add(code(p)));
        for (EdiReport.Interchange interchange : report.interchanges()) {
            interchange.problems().forEach(p -> problems.add(code(p)));
            List<EdiReport.Transaction> all = new ArrayList<>(interchange.transactions());
            for (EdiReport.Group group : interchange.groups()) {
                group.problems().forEach(p -> problems.add(code(p)));
                all.addAll(group.transactions());
            }
            for (EdiReport.Transaction t : all) {
                t.problems().forEach(p -> problems.add(code(p)));
                Object number = t.keys().values().stream().findFirst().orElse("-");
                Object lines = t.keys().containsKey("lineCount") ? t.keys().get("lineCount") : "-";
                transactions.add(t.type() + " " + (t.keys().size() > 0 && !(number instanceof Integer) ? number : "-")
                        + " " + lines + " " + t.status());
            }
        }
        assertThat(transactions).as("transactions (" + why + ")")
                .containsExactlyElementsOf(texts(expect.path("transactions")));
        for (String code : texts(expect.path("problems"))) {
            assertThat(problems).as("problems (" + why + ")").anySatisfy(p -> assertThat(p).startsWith(code));
        }
        for (String warning : texts(expect.path("warnings"))) {
            assertThat(report.warnings()).as("warnings").anySatisfy(w -> assertThat(w).contains(warning));
        }
    }

    private static String code(EdiProblem p) {
        return p.code() + (p.segment() == null ? "" : "@" + p.segment() + (p.element() == null ? "" : p.element()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode expected() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(EXPECTED.toFile());
    }
}
