package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * X12 files of many small purchase orders from ACME Hardware (a partner with a profile): the 850 of
 * {@code src/test/resources/edi/samples/acme-850-clean.x12} (12 segments, 2 lines) with its own ST02 and PO number
 * ({@code <prefix>-<n>}), in interchanges of one group each.
 *
 * <p>As a program, in a JVM of its own with a small heap, it shows that memory does not grow with the number of
 * orders in a file: {@code java -Xmx256m -cp ... io.ordersync.edi.ManyOrders read 83333} reads one interchange of
 * that many 850s (1,000,000 segments) as the runtime does, the report without orders and then every order again one
 * at a time; {@code ... ManyOrders intake 20000} puts one through the real EDI intake ({@link EdiIntakeRig}: order
 * intake and store on an H2 file database). Each prints what became of the orders, the heap in use after a full
 * collection once a tenth and once all of the orders had been handed over (they are checked and counted, not kept),
 * and the seconds taken.
 */
final class ManyOrders {

    /** Segments of each 850. */
    static final int SEGMENTS_PER_ORDER = 12;

    private ManyOrders() {
    }

    /** One interchange (ISA13 {@code control}) of {@code orders} 850s, as bytes. */
    static byte[] interchange(int control, String prefix, int orders) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(orders * 280 + 300);
        write(out, control, prefix, 0, orders);
        return out.toByteArray();
    }

    /** Writes one interchange with the 850s numbered {@code first} .. {@code first + orders - 1}. */
    static void write(ByteArrayOutputStream out, int control, String prefix, int first, int orders) {
        String isa13 = String.format("%09d", control);
        line(out, "ISA*00*          *00*          *ZZ*ACMEHARDWARE   *ZZ*ORDERSYNC      *261123*1015*U*00401*"
                + isa13 + "*0*T*>");
        line(out, "GS*PO*ACMEHW*ORDERSYNC*20261123*1015*" + control + "*X*004010");
        for (int n = first; n < first + orders; n++) {
            transaction(out, String.format("%04d", n % 10_000), prefix + "-" + n);
        }
        line(out, "GE*" + orders + "*" + control);
        line(out, "IEA*1*" + isa13);
    }

    /** One 850 of {@link #SEGMENTS_PER_ORDER} segments. */
    static void transaction(ByteArrayOutputStream out, String st02, String po) {
        line(out, "ST*850*" + st02);
        line(out, "BEG*00*SA*" + po + "**20261123");
        line(out, "CUR*BY*USD");
        line(out, "DTM*002*20261201");
        line(out, "N1*ST*ACME WAREHOUSE EAST*92*WH-EAST");
        line(out, "N3*12 INDUSTRIAL PKWY");
        line(out, "N4*NEWARK*NJ*07105*US");
        line(out, "PO1*1*10*EA*12.50**VP*SKU-100*BP*ACME-W-1");
        line(out, "PID*F****BLUE WIDGET");
        line(out, "PO1*2*2.5*KG*3.30**VP*SKU-200");
        line(out, "CTT*2");
        line(out, "SE*" + SEGMENTS_PER_ORDER + "*" + st02);
    }

    static void line(ByteArrayOutputStream out, String segment) {
        out.writeBytes((segment + "~\n").getBytes(StandardCharsets.US_ASCII));
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.parseInt(args[1]);
        byte[] file = interchange(42, "PO-MANY", orders);
        Heap heap = new Heap(orders);
        long started = System.nanoTime();
        String outcome = switch (args[0]) {
            case "read" -> read(file, orders, heap);
            case "intake" -> intake(file, orders, heap);
            default -> throw new IllegalArgumentException("read or intake: " + args[0]);
        };
        System.out.println(outcome + " segments=" + ((long) orders * SEGMENTS_PER_ORDER + 4) + " bytes="
                + file.length + " seconds=" + (System.nanoTime() - started) / 1_000_000_000L + " " + heap);
    }

    /** As the runtime reads a file: pass 1 without orders, then each order read again, checked and counted. */
    private static String read(byte[] file, int orders, Heap heap) {
        PartnerProfiles partners = PartnerProfiles.load(Path.of("mappings/partners"));
        EdiInspector inspector = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
                new EdiOrderMapping(Path.of("mappings"), partners));
        long started = System.nanoTime();
        EdiReport report = inspector.inspectWithoutOrders("many-orders.x12", file);
        long firstPass = System.nanoTime() - started;
        heap.afterFirstPass();
        List<EdiReport.Transaction> transactions = report.interchanges().get(0).groups().get(0).transactions();
        EdiInspector.Orders again = inspector.orders(file);
        int count = 0;
        for (EdiReport.Transaction transaction : transactions) {
            JsonNode order = again.of(transaction);
            String po = order == null ? null : order.path("source").path("externalId").asText();
            if (!("PO-MANY-" + count).equals(po)) {
                throw new AssertionError("order " + count + " is " + po);
            }
            count++;
            heap.handedOver(count);
        }
        return "status=" + report.status() + " transactions=" + transactions.size() + " orders=" + count
                + " firstPassSeconds=" + firstPass / 1_000_000_000L;
    }

    /** Through the EDI intake with a real order store on an H2 file database. */
    private static String intake(byte[] file, int orders, Heap heap) throws Exception {
        Path database = Files.createTempDirectory("ordersync-many-orders");
        String url = "jdbc:h2:file:" + database.resolve("ordersync") + ";DB_CLOSE_ON_EXIT=FALSE";
        int[] published = {0};
        try (EdiIntakeRig rig = EdiIntakeRig.start(url, order -> {
            if (!order.contains("\"externalId\":\"PO-MANY-" + published[0] + "\"")) {
                throw new AssertionError("order " + published[0] + " is not the next of the file: " + order);
            }
            published[0]++;
            heap.handedOver(published[0]);
        })) {
            Map<String, Object> summary = rig.receive("many-orders.x12", file);
            @SuppressWarnings("unchecked")
            Map<String, Object> interchange = ((List<Map<String, Object>>) summary.get("interchanges")).get(0);
            return "status=" + interchange.get("status") + " orders=" + interchange.get("orders") + " stored="
                    + rig.storedOrders() + " published=" + published[0];
        } finally {
            // the database of 83,333 orders is about 2 GB
            io.ordersync.TestFiles.deleteRecursively(database);
        }
    }

    /** Heap in use after a full collection, at a tenth and at the end of the orders (MiB). */
    private static final class Heap {
        private final int orders;
        private long afterFirstPass = -1;
        private long atTenth = -1;
        private long atEnd = -1;

        Heap(int orders) {
            this.orders = orders;
        }

        void afterFirstPass() {
            afterFirstPass = used();
        }

        void handedOver(int count) {
            if (count == Math.max(orders / 10, 1)) {
                atTenth = used();
            }
            if (count == orders) {
                atEnd = used();
            }
        }

        private static long used() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        }

        @Override
        public String toString() {
            return "heapAfterFirstPassMiB=" + afterFirstPass + " heapAtTenthMiB=" + atTenth + " heapAtEndMiB="
                    + atEnd + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024);
        }
    }
}
