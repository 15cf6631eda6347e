package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordersync.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's two readings of an EDI file ({@link EdiInspector#inspectWithoutOrders} or, keeping the first orders
 * within a bound, {@link EdiInspector#inspectForIntake}; then {@link EdiInspector#orders}) against the one reading
 * that keeps everything ({@link EdiInspector#inspect}): the same report less the orders, and the same orders, one at
 * a time.
 */
class EdiTwoPassReadingTest {

    private static final Path SAMPLES = Path.of("src/test/resources/edi/samples");
    private static final EdiInspector INSPECTOR = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
            new EdiOrderMapping(Path.of("mappings"), PartnerProfiles.load(Path.of("mappings/partners"))));

    /** Every EDI file of the tests, and of the shared corpus of other people's files when it is there. */
    private static List<Path> ediFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test/resources/edi"), Path.of("src/test/resources/bench/edi"),
                Path.of("../shared/edi-corpus"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.toString().endsWith(".yaml") && !f.toString().endsWith(".xml"))
                            .sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    @Test
    void the_second_reading_gives_each_order_the_one_reading_keeps_and_the_same_report_without_them()
            throws IOException {
        int orders = 0;
        for (Path file : ediFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            EdiReport kept = INSPECTOR.inspect(file.toString(), bytes);
            EdiReport summary = INSPECTOR.inspectWithoutOrders(file.toString(), bytes);

            JsonNode summaryJson = Json.mapper().valueToTree(summary);
            assertThat(summaryJson).as(file.toString()).isEqualTo(withoutOrders(kept));
            List<EdiReport.Transaction> all = inFileOrder(summary);
            List<EdiReport.Transaction> allKept = inFileOrder(kept);
            assertThat(all).as(file.toString()).allSatisfy(t -> assertThat(t.canonicalOrder()).isNull());
            EdiInspector.Orders again = INSPECTOR.orders(bytes);
            for (int i = 0; i < all.size(); i++) {
                EdiReport.Transaction transaction = all.get(i);
                assertThat(transaction.ordinal()).isEqualTo(allKept.get(i).ordinal());
                if (transaction.status() == EdiReport.Status.ACCEPTED) {
                    JsonNode order = again.of(transaction);
                    assertThat(order).as(file + " " + transaction.controlNumber())
                            .isEqualTo(allKept.get(i).canonicalOrder());
                    orders += order == null ? 0 : 1;
                }
            }
        }
        // the files hold X12 850s and EDIFACT ORDERS of several partners, alone and among other documents
        assertThat(orders).isGreaterThan(20);
    }

    @Test
    void the_intake_keeps_the_first_orders_within_the_bound_and_reads_only_the_rest_again() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ManyOrders.write(file, 851, "PO-BOUND", 0, 6);
        byte[] bytes = file.toByteArray();
        List<EdiReport.Transaction> everything = inFileOrder(INSPECTOR.inspect("bound", bytes));
        int segmentsOfTwo = everything.get(0).segmentCount() + everything.get(1).segmentCount();
        EdiInspector bounded = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
                new EdiOrderMapping(Path.of("mappings"), PartnerProfiles.load(Path.of("mappings/partners"))),
                new EdiLimits(1_000_000, 1_000, 100, 100, segmentsOfTwo));

        List<EdiReport.Transaction> first = inFileOrder(bounded.inspectForIntake("bound", bytes));

        assertThat(first).extracting(t -> t.canonicalOrder() != null)
                .containsExactly(true, true, false, false, false, false);
        assertThat(first.get(1).canonicalOrder()).isEqualTo(everything.get(1).canonicalOrder());
        EdiInspector.Orders again = bounded.orders(bytes);
        for (int i = 2; i < 6; i++) {
            assertThat(again.of(first.get(i))).isEqualTo(everything.get(i).canonicalOrder());
        }
        // within the default bound a file of this size is read once: every order kept
        assertThat(inFileOrder(INSPECTOR.inspectForIntake("bound", bytes)))
                .allSatisfy(t -> assertThat(t.canonicalOrder()).isNotNull());
    }

    @Test
    void orders_asked_for_out_of_file_order_are_read_again_from_the_start() throws IOException {
        byte[] bytes = Files.readAllBytes(SAMPLES.resolve("acme-850-two-interchanges.x12"));
        List<EdiReport.Transaction> kept = inFileOrder(INSPECTOR.inspect("two", bytes));
        List<EdiReport.Transaction> summary = inFileOrder(INSPECTOR.inspectWithoutOrders("two", bytes));
        EdiInspector.Orders again = INSPECTOR.orders(bytes);

        for (int i : new int[] {1, 0, 0, 1}) {
            assertThat(again.of(summary.get(i))).isEqualTo(kept.get(i).canonicalOrder()).isNotNull();
        }
        assertThat(kept.get(0).canonicalOrder()).isNotEqualTo(kept.get(1).canonicalOrder());
    }

    @Test
    void only_an_accepted_transaction_set_read_from_the_file_gives_an_order() throws IOException {
        byte[] bad = Files.readAllBytes(SAMPLES.resolve("acme-850-bad-envelope.x12"));
        EdiReport.Transaction rejected = inFileOrder(INSPECTOR.inspectWithoutOrders("bad", bad)).get(0);
        assertThat(rejected.status()).isEqualTo(EdiReport.Status.REJECTED);
        assertThatThrownBy(() -> INSPECTOR.orders(bad).of(rejected)).isInstanceOf(IllegalArgumentException.class);

        EdiReport.Transaction notFromAFile = new EdiReport.Transaction("850", "0001", "004010", null, 12,
                EdiReport.Status.ACCEPTED, List.of(), java.util.Map.of(), null);
        assertThatThrownBy(() -> INSPECTOR.orders(bad).of(notFromAFile)).isInstanceOf(IllegalArgumentException.class);

        // a transaction set of a type no mapping turns into an order: nothing to read again
        EdiReport.Transaction shipment = new EdiReport.Transaction("856", "0001", "004010", null, 12,
                EdiReport.Status.ACCEPTED, List.of(), java.util.Map.of(), null, 0);
        assertThat(INSPECTOR.orders(bad).of(shipment)).isNull();
    }

    @Test
    void a_file_that_is_not_the_one_first_read_is_refused_rather_than_mapped() throws IOException {
        byte[] clean = Files.readAllBytes(SAMPLES.resolve("acme-850-clean.x12"));
        EdiReport.Transaction first = inFileOrder(INSPECTOR.inspectWithoutOrders("clean", clean)).get(0);
        byte[] other = new String(clean, StandardCharsets.US_ASCII).replace("0001", "0002")
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> INSPECTOR.orders(other).of(first)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("850 0001");
    }

    @Test
    void an_interchange_is_complete_only_when_read_to_its_trailer() throws IOException {
        String clean = Files.readString(SAMPLES.resolve("acme-850-clean.x12"));
        assertThat(INSPECTOR.inspectWithoutOrders("clean", clean.getBytes(StandardCharsets.US_ASCII)).interchanges())
                .singleElement().satisfies(i -> assertThat(i.complete()).isTrue());

        // a truncated file: the group was read, the interchange trailer never came
        EdiReport truncated = INSPECTOR.inspectWithoutOrders("truncated",
                clean.replace("IEA*1*000000101~", "").getBytes(StandardCharsets.US_ASCII));
        assertThat(truncated.interchanges()).singleElement().satisfies(i -> assertThat(i.complete()).isFalse());

        // reading stopped by a limit inside the interchange
        EdiReport stopped = new EdiInspector(new EdiSpecs(Path.of("edi-specs")), null,
                new EdiLimits(1_000_000, 10, 100, 100)).inspectWithoutOrders("stopped",
                clean.getBytes(StandardCharsets.US_ASCII));
        assertThat(stopped.interchanges()).singleElement().satisfies(i -> assertThat(i.complete()).isFalse());

        // neither is printed by edi inspect
        String printed = Json.write(INSPECTOR.inspect("clean", clean.getBytes(StandardCharsets.US_ASCII)));
        assertThat(printed).doesNotContain("complete").doesNotContain("ordinal").contains("canonicalOrder");
    }

    @Test
    void the_report_without_orders_of_a_file_of_many_orders_holds_none_of_them() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ManyOrders.write(file, 7, "PO-SEVERAL", 0, 300);
        EdiReport summary = INSPECTOR.inspectWithoutOrders("several", file.toByteArray());

        assertThat(summary.status()).isEqualTo(EdiReport.Status.ACCEPTED);
        assertThat(inFileOrder(summary)).hasSize(300)
                .allSatisfy(t -> assertThat(t.canonicalOrder()).isNull())
                .extracting(t -> t.keys().get("purchaseOrder")).startsWith("PO-SEVERAL-0", "PO-SEVERAL-1");
    }

    /** The report as JSON with every canonical order taken out. */
    private static JsonNode withoutOrders(EdiReport report) {
        JsonNode json = Json.mapper().valueToTree(report);
        json.findParents("canonicalOrder").forEach(parent -> ((ObjectNode) parent).remove("canonicalOrder"));
        return json;
    }

    private static List<EdiReport.Transaction> inFileOrder(EdiReport report) {
        List<EdiReport.Transaction> all = new ArrayList<>();
        for (EdiReport.Interchange interchange : report.interchanges()) {
            interchange.groups().forEach(g -> all.addAll(g.transactions()));
            all.addAll(interchange.transactions());
        }
        all.sort(Comparator.comparingInt(EdiReport.Transaction::ordinal));
        return all;
    }
}
