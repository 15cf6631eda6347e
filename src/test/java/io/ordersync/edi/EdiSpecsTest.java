package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transaction schemas under {@code edi-specs/} (StAEDI schema format): each loads, real and sample documents
 * validate clean, and broken samples produce exactly the expected validation errors.
 *
 * <p>The schema of a transaction is chosen as the EDI layer chooses it: standard + version + transaction type, read
 * from the transaction header (X12: GS08/ST03 version, ST01 type; EDIFACT: UNH S009 0052+0054 and 0065), and set on
 * the reader at the end of the ST/UNH segment. Issues are written {@code <control number> <where> <error>}, where
 * {@code <where>} is {@code SEG02} or {@code SEG03-4} for element/component errors and the concerned segment tag for
 * segment errors; errors outside any transaction (envelope, checked by StAEDI's own control schemas) are reported
 * under {@code envelope}.
 */
class EdiSpecsTest {

    static final Path SPECS = Path.of("edi-specs");
    static final Path SAMPLES = Path.of("src/test/resources/edi/schema");
    static final Path CORPUS = Path.of("../shared/edi-corpus");

    static final Map<Path, Schema> CACHE = new HashMap<>();

    // ---------------------------------------------------------------------------------------------------------
    // schema selection and validation

    /** edi-specs path of the transaction schema for a transaction, by standard, version and transaction type. */
    static Path specFor(String standard, String[] version, String type) {
        if ("X12".equals(standard)) {
            // GS08 / ST03 "004010", "004010VICS", "005010X231": version and release are the first six characters
            String v = version[version.length - 1];
            return SPECS.resolve("x12").resolve(v.substring(0, Math.min(6, v.length()))).resolve(type + ".xml");
        }
        // EDIFACT UNH S009: [0051 agency, 0052 version, 0054 release, 0057 association code]; the runtime's lookup
        return new io.ordersync.edi.EdiSpecs(SPECS).file("EDIFACT", version[1] + version[2], type);
    }

    static Schema load(Path spec) {
        return CACHE.computeIfAbsent(spec, p -> {
            try {
                return SchemaFactory.newFactory().createSchema(p.toUri().toURL());
            } catch (EDISchemaException | MalformedURLException e) {
                throw new IllegalStateException("schema " + p + " does not load", e);
            }
        });
    }

    record Result(List<String> transactions, List<String> issues) {}

    static Result validate(InputStream in) throws Exception {
        List<String> transactions = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        String control = null;
        boolean inTransaction = false;
        try (EDIStreamReader reader = EDIInputFactory.newFactory().createEDIStreamReader(in)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_TRANSACTION -> {
                        inTransaction = true;
                        control = null;
                    }
                    case END_TRANSACTION -> inTransaction = false;
                    case ELEMENT_DATA -> {
                        Location l = reader.getLocation();
                        String tag = l.getSegmentTag();
                        if (("ST".equals(tag) && l.getElementPosition() == 2)
                                || ("UNH".equals(tag) && l.getElementPosition() == 1)) {
                            control = reader.getText();
                        }
                    }
                    case END_SEGMENT -> {
                        String tag = reader.getLocation().getSegmentTag();
                        if ("ST".equals(tag) || "UNH".equals(tag)) {
                            String type = reader.getTransactionType();
                            Path spec = specFor(reader.getStandard(), reader.getTransactionVersion(), type);
                            if (Files.isRegularFile(spec)) {
                                reader.setTransactionSchema(load(spec));
                                transactions.add(type + " " + control + " " + SPECS.relativize(spec));
                            } else {
                                // StAEDI keeps the previous transaction's schema unless it is replaced
                                reader.setTransactionSchema(null);
                                transactions.add(type + " " + control + " no schema ("
                                        + String.join(":", reader.getTransactionVersion()) + ")");
                            }
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        Location l = reader.getLocation();
                        String where;
                        if (event == EDIStreamEvent.SEGMENT_ERROR) {
                            where = reader.getText();
                        } else {
                            where = l.getSegmentTag() + String.format("%02d", l.getElementPosition())
                                    + (l.getComponentPosition() > 0 ? "-" + l.getComponentPosition() : "");
                        }
                        issues.add((inTransaction ? control : "envelope") + " " + where + " " + reader.getErrorType());
                    }
                    default -> { }
                }
            }
        }
        return new Result(transactions, issues);
    }

    static Result validate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in);
        }
    }

    static List<String> list(String pipeSeparated) {
        return pipeSeparated == null || pipeSeparated.isBlank() ? List.of()
                : Arrays.stream(pipeSeparated.split("\\|")).map(String::trim).toList();
    }

    // ---------------------------------------------------------------------------------------------------------
    // every schema loads

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("x12/004010/850.xml", "BEG"), Arguments.of("x12/004010/855.xml", "BAK"),
                Arguments.of("x12/004010/856.xml", "BSN"), Arguments.of("x12/004010/860.xml", "BCH"),
                Arguments.of("x12/004010/810.xml", "BIG"), Arguments.of("x12/004010/997.xml", "AK1"),
                Arguments.of("x12/005010/999.xml", "IK5"), Arguments.of("x12/005010/850.xml", "BEG"),
                Arguments.of("x12/005010/997.xml", "AK4"),
                Arguments.of("edifact/d96a/ORDERS.xml", "BGM"), Arguments.of("edifact/d96a/CONTRL.xml", "UCI"),
                Arguments.of("edifact/d96a/ORDRSP.xml", "BGM"), Arguments.of("edifact/d96a/DESADV.xml", "CPS"),
                Arguments.of("edifact/d96a/INVOIC.xml", "UNS"), Arguments.of("edifact/d01b/ORDERS.xml", "BGM"));
    }

    @ParameterizedTest(name = "{0} loads")
    @MethodSource("schemas")
    void schemaLoads(String spec, String firstSegment) {
        Schema schema = load(SPECS.resolve(spec));
        assertThat(schema.getStandard()).isNotNull();
        assertThat(schema.containsSegment(firstSegment)).isTrue();
    }

    @Test
    void everySchemaUnderEdiSpecsIsTestedHere() throws IOException {
        List<String> tested = schemas().map(a -> (String) a.get()[0]).sorted().toList();
        try (Stream<Path> files = Files.walk(SPECS)) {
            List<String> present = files.filter(p -> p.toString().endsWith(".xml"))
                    .map(p -> SPECS.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(present).containsExactlyElementsOf(tested);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // samples written for these tests

    @ParameterizedTest(name = "{0} is clean")
    @CsvSource(delimiter = ';', value = {
        "x12-004010-850.edi;    850 0001 x12/004010/850.xml",
        "x12-004010-855.edi;    855 0001 x12/004010/855.xml",
        "x12-004010-856.edi;    856 0001 x12/004010/856.xml",
        "x12-004010-860.edi;    860 0001 x12/004010/860.xml",
        "x12-004010-810.edi;    810 0001 x12/004010/810.xml",
        "x12-004010-997.edi;    997 0001 x12/004010/997.xml",
        "x12-005010-999.edi;    999 0001 x12/005010/999.xml",
        "x12-005010-850.edi;    850 0001 x12/005010/850.xml",
        "edifact-d96a-ORDERS.edi; ORDERS 1 edifact/d96a/ORDERS.xml",
        "edifact-d96a-CONTRL.edi; CONTRL 1 edifact/d96a/CONTRL.xml",
        "edifact-d96a-ORDRSP.edi; ORDRSP 1 edifact/d96a/ORDRSP.xml",
        "edifact-d96a-DESADV.edi; DESADV 1 edifact/d96a/DESADV.xml",
        "edifact-d96a-INVOIC.edi; INVOIC 1 edifact/d96a/INVOIC.xml",
        "edifact-d01b-ORDERS.edi; ORDERS 1 edifact/d01b/ORDERS.xml",
    })
    void wellFormedSampleValidatesClean(String file, String transactions) throws Exception {
        Result result = validate(SAMPLES.resolve(file));
        assertThat(result.transactions()).containsExactlyElementsOf(list(transactions));
        assertThat(result.issues()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // 0001: no BEG; 0002: BEG01 'XX' is no transaction set purpose code; 0003: BEG03 is 35 characters (max 22)
        "x12-004010-850-broken.edi; 0001 BEG MANDATORY_SEGMENT_MISSING | 0002 BEG01 INVALID_CODE_VALUE"
            + " | 0003 BEG03 DATA_ELEMENT_TOO_LONG",
        // ACK01 'ZZ' is no line item status code
        "x12-004010-855-broken.edi; 0001 ACK01 INVALID_CODE_VALUE",
        // 0001: AK501 'Z'; 0002: AK403 '99'; 0003: no AK9
        "x12-004010-997-broken.edi; 0001 AK501 INVALID_CODE_VALUE | 0002 AK403 INVALID_CODE_VALUE"
            + " | 0003 AK9 MANDATORY_SEGMENT_MISSING",
        // IK304 'Q' is no implementation segment syntax error code
        "x12-005010-999-broken.edi; 0001 IK304 INVALID_CODE_VALUE",
        // 1: no BGM; 2: UNS+X (0081 is D or S); 3: NAD party qualifier 'SUPP' (an..3)
        "edifact-d96a-ORDERS-broken.edi; 1 BGM MANDATORY_SEGMENT_MISSING | 2 UNS01 INVALID_CODE_VALUE"
            + " | 3 NAD01 DATA_ELEMENT_TOO_LONG",
        // UCI action '5' (0083 is 4, 7 or 8)
        "edifact-d96a-CONTRL-broken.edi; 1 UCI04 INVALID_CODE_VALUE",
        // 1: no BGM; 2: CPS hierarchical id of 13 characters (7164 an..12); 3: GIN BJ without its number (C208)
        "edifact-d96a-DESADV-broken.edi; 1 BGM MANDATORY_SEGMENT_MISSING | 2 CPS01 DATA_ELEMENT_TOO_LONG"
            + " | 3 GIN02 REQUIRED_DATA_ELEMENT_MISSING",
        // 1: no UNS; 2: invoice number of 36 characters (1004 an..35); 3: no DTM (the invoice date is mandatory)
        "edifact-d96a-INVOIC-broken.edi; 1 UNS MANDATORY_SEGMENT_MISSING | 2 BGM02 DATA_ELEMENT_TOO_LONG"
            + " | 3 DTM MANDATORY_SEGMENT_MISSING",
    })
    void brokenSampleReportsTheExpectedErrors(String file, String expected) throws Exception {
        Result result = validate(SAMPLES.resolve(file));
        assertThat(result.transactions()).allMatch(t -> !t.contains("no schema"));
        assertThat(result.issues()).containsExactlyElementsOf(list(expected));
    }

    // ---------------------------------------------------------------------------------------------------------
    // real documents from ../shared/edi-corpus (sources: ../shared/edi-corpus-sources.tsv), read in place

    @ParameterizedTest(name = "corpus {0}")
    @CsvSource(delimiter = ';', value = {
        "bots-plugins__850-004010.15.x12;     ;  850 0001 x12/004010/850.xml | 850 0002 x12/004010/850.xml"
            + " | 850 0003 x12/004010/850.xml | 850 0004 x12/004010/850.xml; ",
        "bots-plugins__850-004010VICS-01.x12; ;  850 000004422 x12/004010/850.xml | 850 000004423 x12/004010/850.xml"
            + " | 850 000004424 x12/004010/850.xml | 850 000004425 x12/004010/850.xml; ",
        "node-x12__850_fat.edi;               ;  850 000000010 x12/004010/850.xml | 850 000000010 x12/004010/850.xml; ",
        "bots-plugins__ebcdic.x12;      IBM037;  850 0278 x12/004010/850.xml; ",
        "node-x12__855.edi;                   ;  855 0005 x12/004010/855.xml; ",
        "staedi__multi-tx-transaction-type.edi; ; 855 0001 x12/004010/855.xml | 855 0002 x12/004010/855.xml; ",
        "bots-plugins__856_2.x12;             ;  856 0060 x12/004010/856.xml | 856 0061 x12/004010/856.xml; ",
        // the 850 in the second group is version 003010: no schema, not validated
        "staedi__invoice810_po850_dual.edi;   ;  810 000000001 x12/004010/810.xml | 810 000000002 x12/004010/810.xml"
            + " | 850 000191240 no schema (X:003010); ",
        "bots-plugins__0T0000000004.edi;      ;  ORDERS T0000000004-1 edifact/d96a/ORDERS.xml"
            + " | ORDERS T0000000004-2 edifact/d96a/ORDERS.xml | ORDERS T0000000004-3 edifact/d96a/ORDERS.xml; ",
        // a genuine error of the file: an unescaped ':' in IMD free text adds a seventh component to C273
        "edifact__example_order_error.edi;    ;  ORDERS 2019265563 edifact/d01b/ORDERS.xml;"
            + " 2019265563 IMD03-6 DATA_ELEMENT_TOO_LONG | 2019265563 IMD03-7 TOO_MANY_COMPONENTS",
    })
    void corpusDocument(String file, String charset, String transactions, String issues) throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent: corpus documents not checked");
        Path path = CORPUS.resolve(file);
        assumeTrue(Files.isRegularFile(path), "corpus file " + file + " is absent");
        Result result;
        if (charset == null) {
            result = validate(path);
        } else {
            // EBCDIC in fixed 80-byte records: decode, then drop the blank padding after each segment terminator
            String text = new String(Files.readAllBytes(path), Charset.forName(charset));
            char terminator = text.charAt(105);
            text = text.replaceAll(java.util.regex.Pattern.quote(String.valueOf(terminator)) + " +",
                    java.util.regex.Matcher.quoteReplacement(String.valueOf(terminator)));
            result = validate(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(result.transactions()).containsExactlyElementsOf(list(transactions));
        assertThat(result.issues()).containsExactlyElementsOf(list(issues));
    }

    @Test
    void corpusListsWhatItHolds() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent: corpus documents not checked");
        // guards against corpusDocument cases being skipped one by one after a rename in the corpus
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).contains(
                    "bots-plugins__850-004010.15.x12", "bots-plugins__850-004010VICS-01.x12", "node-x12__850_fat.edi",
                    "bots-plugins__ebcdic.x12", "node-x12__855.edi", "staedi__multi-tx-transaction-type.edi",
                    "bots-plugins__856_2.x12", "staedi__invoice810_po850_dual.edi", "bots-plugins__0T0000000004.edi",
                    "edifact__example_order_error.edi");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // X12 005010 997 (Functional Acknowledgment)

    @Test
    void x12005010FunctionalAcknowledgmentSampleValidatesClean() throws Exception {
        // AK103 and AK203 present, C030 with component and repetition positions, AK403 12 (new in 005010)
        Result result = validate(SAMPLES.resolve("x12-005010-997.edi"));
        assertThat(result.transactions()).containsExactly("997 0001 x12/005010/997.xml");
        assertThat(result.issues()).isEmpty();
    }

    @Test
    void x12005010FunctionalAcknowledgmentBrokenSampleReportsThe005010CodeLists() throws Exception {
        // 0001: AK101 'CG' is a 004010 functional identifier code no longer in the 005010 list;
        // 0002: AK303 '2000A' is 5 characters (447 is AN 1/4 in 005010), AK403 'I6' is a 999 (621) code, not 723;
        // 0003: AK502 'I5' is a 999 (618) code, not 718
        Result result = validate(SAMPLES.resolve("x12-005010-997-broken.edi"));
        assertThat(result.transactions()).containsExactly("997 0001 x12/005010/997.xml",
                "997 0002 x12/005010/997.xml", "997 0003 x12/005010/997.xml");
        assertThat(result.issues()).containsExactly("0001 AK101 INVALID_CODE_VALUE",
                "0002 AK303 DATA_ELEMENT_TOO_LONG", "0002 AK403 INVALID_CODE_VALUE", "0003 AK502 INVALID_CODE_VALUE");
    }

    @Test
    void corpusStaediSimple997MultipleInterchangesValidatesClean() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent: corpus documents not checked");
        Path path = CORPUS.resolve("staedi__simple997-multiple-interchanges.edi");
        assertThat(path).isRegularFile();
        Result result = validate(path);
        // three interchanges (00501, GS08 005010X230), one 997 each
        assertThat(result.transactions()).containsExactly("997 0001 x12/005010/997.xml",
                "997 0001 x12/005010/997.xml", "997 0001 x12/005010/997.xml");
        assertThat(result.issues()).isEmpty();
    }

    @Test
    void corpusStaediInvalid997ReportsExactlyItsDefects() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/edi-corpus is absent: corpus documents not checked");
        Path path = CORPUS.resolve("staedi__invalid997.edi");
        assertThat(path).isRegularFile();
        Result result = validate(path);
        assertThat(result.transactions()).containsExactly("997 0001 x12/005010/997.xml");
        // AK1*HC NOT IN CODESET*000001: AK101 (479, ID 2/2) is too long and no functional identifier code;
        // AK4*8*66 NON NUMERIC*7*MI: AK402 (725, N0 1/4) has non-numeric characters and is too long
        // (the order of two errors on one element is StAEDI's business, not the schema's)
        assertThat(result.issues()).containsExactlyInAnyOrder(
                "0001 AK101 DATA_ELEMENT_TOO_LONG", "0001 AK101 INVALID_CODE_VALUE",
                "0001 AK402 INVALID_CHARACTER_DATA", "0001 AK402 DATA_ELEMENT_TOO_LONG");
    }
}
