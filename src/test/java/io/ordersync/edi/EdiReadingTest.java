package io.ordersync.edi;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link EdiBenchmark} and the speed of reading and validating EDI rely on (docs/performance.md, "EDI reading"):
 * no schema in {@code edi-specs/} declares a segment's elements with StAEDI's {@code <any/>} (whose 100-component
 * expansion made the 850 read twice as slow and was 37-98 % of the other schemas' validation trees), they use the small
 * ANY15 composite instead, ANY15 is the same everywhere and accepts what {@code <any/>} accepted up to 15 components,
 * and the benchmark's inputs are accepted and mapped.
 */
class EdiReadingTest {

    private static final Path SCHEMA_850 = Path.of("edi-specs/x12/004010/850.xml");
    private static final EdiInspector INSPECTOR = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
            new EdiOrderMapping(Path.of("mappings")));

    @Test
    void no_segment_of_any_schema_uses_staedis_any_element() throws Exception {
        List<Path> schemas = schemas();
        assertThat(schemas).contains(SCHEMA_850, Path.of("edi-specs/x12/004010/856.xml"),
                Path.of("edi-specs/edifact/d01b/ORDERS.xml"));
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        List<String> withAny = new ArrayList<>();
        for (Path schema : schemas) {
            var document = factory.newDocumentBuilder().parse(schema.toFile());
            NodeList segmentTypes = document.getElementsByTagNameNS("*", "segmentType");
            for (int i = 0; i < segmentTypes.getLength(); i++) {
                Element segment = (Element) segmentTypes.item(i);
                if (segment.getElementsByTagNameNS("*", "any").getLength() > 0) {
                    withAny.add(schema + " " + segment.getAttribute("name"));
                }
            }
        }
        assertThat(withAny)
                .as("<any/> in a segment costs 101 validation nodes per element: use <composite type=\"ANY15\"/>")
                .isEmpty();
    }

    @Test
    void any15_is_a_composite_of_15_any_components_wherever_it_is_used() throws Exception {
        List<String> using = new ArrayList<>();
        for (Path schema : schemas()) {
            if (!Files.readString(schema).contains("type=\"ANY15\"")) {
                continue;
            }
            Schema loaded = SchemaFactory.newFactory().createSchema(schema.toUri().toURL());
            EDIType any15 = loaded.getType("ANY15");
            using.add(schema.toString());
            assertThat(any15).as(schema.toString()).isInstanceOf(EDIComplexType.class);
            List<EDIReference> components = ((EDIComplexType) any15).getReferences();
            assertThat(components).as(schema + ": ANY15's components").hasSize(15).allSatisfy(c -> {
                assertThat(c.getMinOccurs()).isZero();
                assertThat(c.getReferencedType().getId()).as("StAEDI's any element").endsWith("ANY_ELEMENT");
            });
        }
        assertThat(using).hasSizeGreaterThanOrEqualTo(10);
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
    void an_edifact_element_without_detail_is_any_text_or_up_to_15_components() {
        // D.01B TDT declares TDT01-09; TDT10-11 are the unchecked tail (ANY15)
        for (String tdt : List.of("TDT+20++30+31++++++" + components(15, ":") + "+X", "TDT+20++30+31++++++EA+",
                "TDT+20++30+31++++++:::+")) {
            EdiReport report = INSPECTOR.inspect("orders.edi", d01bOrdersWithTdt(tdt));
            assertThat(report.status()).as(tdt + ": " + report).isEqualTo(EdiReport.Status.ACCEPTED);
        }
        EdiReport sixteen = INSPECTOR.inspect("orders.edi", d01bOrdersWithTdt("TDT+20++30+31++++++"
                + components(16, ":")));
        assertThat(problems(sixteen)).containsExactly("TOO_MANY_COMPONENTS TDT10-16");
        assertThat(problems(INSPECTOR.inspect("orders.edi", d01bOrdersWithTdt("TDT+20++30+31++++++X+X+X"))))
                .containsExactly("TOO_MANY_DATA_ELEMENTS TDT12");
    }

    @Test
    void the_benchmark_inputs_are_accepted_and_every_order_is_mapped() {
        for (int transactionSets : new int[] {20, 200}) {
            EdiReport report = INSPECTOR.inspect("bench.x12", EdiBenchmark.interchange(transactionSets));
            assertThat(report.status()).isEqualTo(EdiReport.Status.ACCEPTED);
            List<EdiReport.Transaction> transactions = report.interchanges().get(0).groups().get(0).transactions();
            assertThat(transactions).hasSize(transactionSets).allSatisfy(t -> assertThat(t.canonicalOrder()).isNotNull());
            assertThat(transactions.stream().map(t -> t.keys().get("purchaseOrder")).distinct()).hasSize(transactionSets);
            // the intake's readings (b2, b3) find every order too
            byte[] input = EdiBenchmark.interchange(transactionSets);
            assertThat(EdiBenchmark.twoPass(INSPECTOR, input)).isEqualTo(transactionSets);
            assertThat(EdiBenchmark.intakeReading(INSPECTOR, input)).isEqualTo(transactionSets);
        }
        assertThat(EdiBenchmark.interchange(20)).isEqualTo(EdiBenchmark.resource(EdiBenchmark.SAMPLE));
    }

    private static String components(int count) {
        return components(count, ">");
    }

    private static String components(int count, String separator) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            values.add("C" + i);
        }
        return String.join(separator, values);
    }

    private static List<Path> schemas() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("edi-specs"))) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
        }
    }

    /** The D.01B ORDERS sample of the schema tests with its TDT segment replaced by {@code tdt}. */
    private static byte[] d01bOrdersWithTdt(String tdt) {
        try {
            String sample = Files.readString(Path.of("src/test/resources/edi/schema/edifact-d01b-ORDERS.edi"),
                    StandardCharsets.US_ASCII);
            assertThat(sample).contains("\nTDT+20++30+31'\n");
            return sample.replace("\nTDT+20++30+31'\n", "\n" + tdt + "'\n").getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        // X12 transaction sets are in groups, EDIFACT messages (without UNG) directly in the interchange
        return report.interchanges().stream()
                .flatMap(i -> Stream.concat(i.groups().stream().flatMap(g -> g.transactions().stream()),
                        i.transactions().stream()))
                .flatMap(t -> t.problems().stream())
                .map(EdiReadingTest::describe)
                .collect(Collectors.toList());
    }

    private static String describe(EdiProblem p) {
        return p.code() + " " + p.segment() + String.format("%02d", p.element())
                + (p.component() == null ? "" : "-" + p.component());
    }
}
