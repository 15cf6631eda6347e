package io.ordersync.edi;

import io.xlate.edi.schema.Schema;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link EdiBenchmark}'s variants run in turn in one JVM, 2 s each, round after round, so that the load of other
 * processes on a shared machine falls on all of them alike: a check of the ratios that JMH, which runs one benchmark
 * after the other, measures while that load comes and goes. Prints ops/s, MB/s, transaction sets/s and bytes
 * allocated per operation (the thread's own allocation counter), then b/a and b/c. Not a JMH benchmark: no forks,
 * no blackholes; the results are kept in a field so that no work can be dropped.
 *
 * <p>Run from the project root: {@code mvn -q -Pbench -DskipTests test-compile exec:exec
 * -Dbench.main=io.ordersync.edi.EdiInterleaved -Djmh.args="200 10"} (transaction sets, measured rounds; 2 rounds
 * of warm-up come first).
 */
public final class EdiInterleaved {

    private static final long BLOCK_NANOS = 2_000_000_000L;

    static volatile Object sink;

    public static void main(String[] args) {
        int transactionSets = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        byte[] x12 = EdiBenchmark.interchange(transactionSets);
        EdiSpecs specs = new EdiSpecs(Path.of("edi-specs"));
        Schema schema850 = specs.find("X12", "004010", "850").orElseThrow();
        EdiInspector inspector = new EdiInspector(specs, new EdiOrderMapping(Path.of("mappings")));
        EdiInspector inspectorNoMapping = new EdiInspector(specs, null);

        Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
        variants.put("(a) staediValidatingRead", () -> EdiBenchmark.staedi(x12, schema850));
        variants.put("(b) ordersyncInspect", () -> inspector.inspect("bench.x12", x12));
        variants.put("(b') ordersyncInspectNoMapping", () -> inspectorNoMapping.inspect("bench.x12", x12));
        variants.put("(b2) ordersyncTwoPass", () -> EdiBenchmark.twoPass(inspector, x12));
        variants.put("(b3) ordersyncIntake", () -> EdiBenchmark.intakeReading(inspector, x12));
        variants.put("    staediReadEnvelopeOnly", () -> EdiBenchmark.staedi(x12, null));
        try {
            EdiBenchmark.SmooksParser smooks = new EdiBenchmark.SmooksParser(EdiBenchmark.resource(EdiBenchmark.SMOOKS_CONFIG));
            variants.put("(c) smooksEdiParse", () -> smooks.parse(x12));
        } catch (IllegalStateException noSmooks) {
            System.out.println("Smooks left out: " + noSmooks.getMessage());
        }

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, long[]> totals = new LinkedHashMap<>(); // ops, nanos, bytes allocated
        for (int round = -2; round < rounds; round++) {
            for (var variant : variants.entrySet()) {
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long ops = 0;
                long start = System.nanoTime();
                long now;
                do {
                    sink = variant.getValue().get();
                    ops++;
                    now = System.nanoTime();
                } while (now - start < BLOCK_NANOS);
                if (round >= 0) {
                    long[] t = totals.computeIfAbsent(variant.getKey(), k -> new long[3]);
                    t[0] += ops;
                    t[1] += now - start;
                    t[2] += threads.getCurrentThreadAllocatedBytes() - allocated;
                }
            }
        }

        System.out.printf("%d transaction sets, %,d bytes, %d rounds of %d s per variant%n", transactionSets, x12.length,
                rounds, BLOCK_NANOS / 1_000_000_000L);
        Map<String, Double> opsPerSecond = new LinkedHashMap<>();
        totals.forEach((name, t) -> {
            double perSecond = t[0] * 1e9 / t[1];
            opsPerSecond.put(name.substring(0, 4), perSecond);
            System.out.printf("%-32s %9.2f ops/s %8.3f MB/s %8.0f tx/s %8.1f MB allocated/op%n", name, perSecond,
                    perSecond * x12.length / 1e6, perSecond * transactionSets, t[2] / 1e6 / t[0]);
        });
        double a = opsPerSecond.get("(a) ");
        double b = opsPerSecond.get("(b) ");
        double intake = opsPerSecond.get("(b3)");
        System.out.printf("b/a %.2f   b'/a %.2f   b2/b %.2f   b2/a %.2f   b3/a %.2f%n", b / a,
                opsPerSecond.get("(b')") / a, opsPerSecond.get("(b2)") / b, opsPerSecond.get("(b2)") / a, intake / a);
        if (opsPerSecond.containsKey("(c) ")) {
            double c = opsPerSecond.get("(c) ");
            System.out.printf("b/c %.2f   b3/c %.2f   a/c %.2f%n", b / c, intake / c, a / c);
        }
    }
}
