package io.ordersync.edi;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before/after of the ANY15 change for the schemas other than the 850 (docs/performance.md, "EDI reading"): the
 * validating read every outbound document gets before it is released ({@link AckValidation#problems}, StAEDI against
 * the document's {@code edi-specs} schema), once with the schemas of a given directory (the {@code edi-specs/} of
 * before the change) and once with {@code edi-specs/}, in turn in one JVM like {@link EdiInterleaved}: each document
 * and schema set 2 s per round, two rounds of warm-up, then the measured rounds. Prints ops/s of both and new/old.
 *
 * <p>Documents: an 856 as {@code AdvanceShipNotice} writes it (shipment, order, packs with their items: TD1, REF,
 * MAN per pack, LIN and SN1 per item) with 2 packs of 2 and 1 items (34 segments from ST to SE, the size of
 * {@code AdvanceShipNoticeTest}'s shipment) and with 100 packs of 3 items (1,317 segments), and the clean samples
 * of {@code src/test/resources/edi/schema/} of the other types whose schemas changed (855, 810, DESADV, ORDRSP,
 * INVOIC, and the inbound D.01B ORDERS).
 *
 * <p>Run from the project root, with the schemas of before the change extracted first:
 * <pre>
 * mkdir -p /tmp/edi-before &amp;&amp; git archive 7979dfd edi-specs | tar -x -C /tmp/edi-before
 * mvn -q -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.ordersync.edi.EdiSchemaInterleaved \
 *     -Djmh.args="/tmp/edi-before/edi-specs 8"
 * </pre>
 */
public final class EdiSchemaInterleaved {

    private static final long BLOCK_NANOS = 2_000_000_000L;

    static volatile Object sink;

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: EdiSchemaInterleaved <edi-specs directory of before the change> [rounds]");
            System.exit(2);
        }
        EdiSpecs before = new EdiSpecs(Path.of(args[0]));
        EdiSpecs after = new EdiSpecs(Path.of("edi-specs"));
        int rounds = args.length > 1 ? Math.max(1, Integer.parseInt(args[1])) : 8;

        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("856, 2 packs (writer-sized)", asn(2, 2));
        documents.put("856, 100 packs x 3 items", asn(100, 3));
        for (String sample : List.of("x12-004010-855", "x12-004010-810", "edifact-d96a-DESADV", "edifact-d96a-ORDRSP",
                "edifact-d96a-INVOIC", "edifact-d01b-ORDERS")) {
            documents.put(sample.replace("x12-004010-", "").replace("edifact-", "") + " (schema sample)",
                    read(Path.of("src/test/resources/edi/schema/" + sample + ".edi")));
        }
        documents.forEach((name, edi) -> {
            for (EdiSpecs specs : List.of(before, after)) {
                List<String> problems = AckValidation.problems(edi, specs);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(name + " does not validate against " + specs.root() + ": "
                            + problems);
                }
            }
        });

        Map<String, long[]> totals = new LinkedHashMap<>(); // ops, nanos
        for (int round = -2; round < rounds; round++) {
            for (var document : documents.entrySet()) {
                for (EdiSpecs specs : List.of(before, after)) {
                    String key = document.getKey() + (specs == before ? " | before" : " | after");
                    long ops = 0;
                    long start = System.nanoTime();
                    long now;
                    do {
                        sink = AckValidation.problems(document.getValue(), specs);
                        ops++;
                        now = System.nanoTime();
                    } while (now - start < BLOCK_NANOS);
                    if (round >= 0) {
                        long[] t = totals.computeIfAbsent(key, k -> new long[2]);
                        t[0] += ops;
                        t[1] += now - start;
                    }
                }
            }
        }

        System.out.printf("%d rounds of %d s per document and schema set; before = %s%n", rounds,
                BLOCK_NANOS / 1_000_000_000L, before.root());
        System.out.printf("%-34s %8s %12s %12s %9s%n", "document", "bytes", "before ops/s", "after ops/s",
                "after/before");
        documents.forEach((name, edi) -> {
            long[] b = totals.get(name + " | before");
            long[] a = totals.get(name + " | after");
            double opsBefore = b[0] * 1e9 / b[1];
            double opsAfter = a[0] * 1e9 / a[1];
            System.out.printf("%-34s %8d %12.1f %12.1f %9.2f%n", name, edi.length(), opsBefore, opsAfter,
                    opsAfter / opsBefore);
        });
    }

    /** An 856 in the shape {@code AdvanceShipNotice} writes: shipment, order, {@code packs} packs of {@code items}. */
    static String asn(int packs, int items) {
        List<String> body = new ArrayList<>();
        body.add("BSN*00*SHP-1001*20261126*1405*0001");
        body.add("DTM*011*20261126*1405");
        body.add("DTM*017*20261130");
        int hl = 0;
        body.add("HL*" + ++hl + "**S*1");
        body.add("TD1*PKG*" + packs + "****G*22.85*KG");
        body.add("TD5*B*2*UPSN**UPS GROUND");
        body.add("REF*CN*1Z999AA10123456784");
        body.add("N1*ST*ACME Hardware DC East");
        body.add("N3*1200 Industrial Way");
        body.add("N4*Columbus*OH*43215*US");
        body.add("N1*SF**91*DC-EAST");
        int order = ++hl;
        body.add("HL*" + order + "*1*O*1");
        body.add("PRF*PO-4711***20261120");
        body.add("REF*VN*SO-900123");
        for (int p = 1; p <= packs; p++) {
            int pack = ++hl;
            body.add("HL*" + pack + "*" + order + "*P*1");
            body.add("TD1*PKG*1****G*14.6*KG");
            body.add(String.format("REF*CN*1Z999AA1%010d", p));
            body.add(String.format("MAN*GM*3401234500%08d", p));
            // the writer's 2-pack example has 2 items in the first pack and 1 in the second
            int itemsHere = packs == 2 && p == 2 ? 1 : items;
            for (int i = 1; i <= itemsHere; i++) {
                body.add("HL*" + ++hl + "*" + pack + "*I*0");
                body.add("LIN*" + i + "*VP*SKU-" + (100 * i) + "*BP*ACME-" + (100 * i));
                body.add("SN1**10*EA**10*EA");
            }
        }
        body.add("CTT*" + hl);
        StringBuilder edi = new StringBuilder();
        edi.append("ISA*00*          *00*          *ZZ*ORDERSYNC      *ZZ*ACMEHW         *261125*0830*U*00401")
                .append("*000000042*0*P*>~\n");
        edi.append("GS*SH*ORDERSYNC*ACMEHW*20261125*0830*42*X*004010~\n");
        edi.append("ST*856*0042~\n");
        body.forEach(s -> edi.append(s).append("~\n"));
        edi.append("SE*").append(body.size() + 2).append("*0042~\n");
        edi.append("GE*1*42~\n");
        edi.append("IEA*1*000000042~\n");
        return edi.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
