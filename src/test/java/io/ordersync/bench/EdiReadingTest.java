package io.ordersync.bench;

import io.ordersync.edi.EdiInspector;
import io.ordersync.edi.EdiOrderMapping;
import io.ordersync.edi.EdiProblem;
import io.ordersync.edi.EdiReport;
import io.ordersync.edi.EdiSpecs;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link EdiBenchmark} and the speed of reading 850s rely on (docs/performance.md, "EDI reading"): the 850 schema
 * declares its segments without element detail with the small ANY15 composite, not StAEDI's {@code <any/>} (whose
 * 100-component expansion made reading twice as slow), ANY15 accepts what {@code <any/>} accepted up to 15 components,
 * and the benchmark's inputs are accepted and mapped.
 */
class EdiReadingTest {

    private static final Path SCHEMA_850 = Path.of("edi-specs/x12/004010/850.xml");
    private static final EdiInspector INSPECTOR = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
            new EdiOrderMapping(Path.of("mappings")));

    @Test
    void no_segment_of_the_850_schema_uses_staedis_any_element() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(SCHEMA_850.toFile());
        NodeList segmentTypes = document.getElementsByTagNameNS("*", "segmentType");
        List<String> withAny = new ArrayList<>();
        for (int i = 0; i < segmentTypes.getLength(); i++) {
            Element segment = (Element) segmentTypes.item(i);
            if (segment.getElementsByTagNameNS("*", "any").getLength() > 0) {
                withAny.add(segment.getAttribute("name"));
            }
        }
        assertThat(withAny)
                .as("<any/> in a segment costs 101 validation nodes per element: use <composite type=\"ANY15\"/>")
                .isEmpty();
    }

    @Test
    void an_element_of_a_segment_without_detail_is_any_text_or_up_to_15_components() {
        String fifteen = components(15);
        EdiReport report = INSPECTOR.inspect("pam.x12", withHeaderSegment("PAM*01*5*" + fifteen + "**ZZ*100"));
        assertThat(report.status()).as(report.toString()).isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(INSPECTOR.inspect("pam.x12", withHeaderSegment("PAM*01*5*EA*ZZ*100")).status())
                .isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(INSPECTOR.inspect("pam.x12", withHeaderSegment("PAM*01***>>*")).status())
                .isEqualTo(EdiReport.Status.ACCEPTED);

        EdiReport sixteen = INSPECTOR.inspect("pam.x12", withHeaderSegment("PAM*01*5*" + components(16)));
        assertThat(problems(sixteen)).containsExactly("TOO_MANY_COMPONENTS PAM03-16");
        // as with <any/>: at most as many elements as the segment declares (PAM: 20)
        EdiReport tooMany = INSPECTOR.inspect("pam.x12",
                withHeaderSegment("PAM*" + "X*".repeat(20) + "X"));
        assertThat(problems(tooMany)).containsExactly("TOO_MANY_DATA_ELEMENTS PAM21");
    }

    @Test
    void the_benchmark_inputs_are_accepted_and_every_order_is_mapped() {
        for (int transactionSets : new int[] {20, 200}) {
            EdiReport report = INSPECTOR.inspect("bench.x12", EdiBenchmark.interchange(transactionSets));
            assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);
            List<EdiReport.Transaction> transactions = report.interchanges().get(0).groups().get(0).transactions();
            assertThat(transactions).hasSize(transactionSets).allSatisfy(t -> assertThat(t.canonicalOrder()).isNotNull());
            assertThat(transactions.stream().map(t -> t.keys().get("purchaseOrder")).distinct()).hasSize(transactionSets);
        }
        assertThat(EdiBenchmark.interchange(20)).isEqualTo(EdiBenchmark.resource(EdiBenchmark.SAMPLE));
    }

    private static String components(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            values.add("C" + i);
        }
        return String.join(">", values);
    }

    /** The sample's first 850 alone in its interchange, with {@code segment} after its REF (PAM's place). */
    private static byte[] withHeaderSegment(String segment) {
        String[] lines = new String(EdiBenchmark.resource(EdiBenchmark.SAMPLE), StandardCharsets.US_ASCII).split("~\n");
        List<String> out = new ArrayList<>();
        int transactionSegments = 0;
        for (String line : lines) {
            if (line.startsWith("ISA*") || line.startsWith("GS*")) {
                out.add(line);
            } else if (line.startsWith("SE*")) {
                out.add("SE*" + (transactionSegments + 1) + "*0001");
                break;
            } else {
                out.add(line);
                transactionSegments++;
                if (line.startsWith("REF*")) {
                    out.add(segment);
                    transactionSegments++;
                }
            }
        }
        out.add("GE*1*850");
        out.add("IEA*1*000000850");
        return (String.join("~\n", out) + "~\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> problems(EdiReport report) {
        return report.interchanges().stream().flatMap(i -> i.groups().stream()).flatMap(g -> g.transactions().stream())
                .flatMap(t -> t.problems().stream())
                .map(EdiReadingTest::describe)
                .collect(Collectors.toList());
    }

    private static String describe(EdiProblem p) {
        return p.code() + " " + p.segment() + String.format("%02d", p.element())
                + (p.component() == null ? "" : "-" + p.component());
    }
}
