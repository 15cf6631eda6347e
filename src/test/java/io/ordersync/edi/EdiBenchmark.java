package io.ordersync.edi;

import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reading one X12 interchange of purchase orders (850, 004010, 8–12 lines each) three ways. The interchange is
 * {@code bench/edi/acme-850-x20.x12} (20 transaction sets, 21,301 bytes) or, for {@code transactionSets=200}, the same
 * 20 transaction sets repeated ten times with new control and PO numbers (one ISA/GS, 200 transaction sets, 6,844
 * segments, 211,697 bytes), built in setup. One operation = the whole interchange; MB/s and transaction sets/s follow
 * from ops/s (see docs/performance.md, "EDI reading"). Every variant reads the same bytes.
 * <ul>
 *   <li>{@code staediValidatingRead}: bare StAEDI, the floor: EDIInputFactory, the 850 schema of
 *       {@code edi-specs/x12/004010/850.xml} set at the end of each ST segment, every event read and counted.</li>
 *   <li>{@code staediReadEnvelopeOnly}: the same loop with no transaction schema (only StAEDI's own ISA/GS/ST
 *       envelope checks): what tokenizing costs, to tell it from the cost of validating against the 850 schema. Not a
 *       peer of the others, which validate the transaction sets.</li>
 *   <li>{@code ordersyncInspect}: ordersync's EDI -> canonical step, {@link EdiInspector#inspect(String, byte[])}
 *       (validation, report, 850 -> canonical through {@code mappings/x12-850-to-canonical.jslt}).</li>
 *   <li>{@code ordersyncInspectNoMapping}: the same without a mapping ({@code new EdiInspector(specs, null)}):
 *       validation + report only, to split the cost of the mapping off.</li>
 *   <li>{@code ordersyncTwoPass}: always reading twice ({@link #twoPass}): the report without orders
 *       ({@link EdiInspector#inspectWithoutOrders}), then every order read and mapped again, one at a time
 *       ({@link EdiInspector#orders}); memory does not grow with the orders, at the price of a second reading.</li>
 *   <li>{@code ordersyncIntake}: what the runtime's intake reads ({@link #intakeReading}): the first reading keeps the
 *       orders within {@link io.ordersync.edi.EdiLimits#maxKeptOrderSegments()} (every order of both inputs), and
 *       only orders beyond it are read again: for these inputs, one reading.</li>
 *   <li>{@code smooksEdiParse}: the Smooks EDI cartridge 2.1.0 (Smooks 2.2.1, Daffodil 3.10) parsing the same bytes
 *       to XML with its generic EDI DFDL schema ({@code bench/edi/smooks-x12-edi.xml}). It splits segments and
 *       elements only: it validates no 850 structure, so it does less work than the other variants.</li>
 * </ul>
 * Smooks is on the classpath of the {@code bench} profile only (its Xerces/Saxon/Woodstox must not reach the tests
 * of {@code mvn verify}), so it is called through method handles and this class compiles without it.
 *
 * <p>Run: {@code mvn -q -Pbench -DskipTests test-compile exec:exec -Djmh.args="... io.ordersync.edi.EdiBenchmark"};
 * never part of {@code mvn verify}. Needs the project root as working directory ({@code edi-specs/}, {@code mappings/}).
 * Smooks (Daffodil, Scala) needs a longer warm-up than StAEDI: with 2 x 2 s it was still compiling and measured at a
 * third of its steady speed, hence 5 x 3 s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EdiBenchmark {

    public static final String SAMPLE = "/bench/edi/acme-850-x20.x12";
    public static final String SMOOKS_CONFIG = "/bench/edi/smooks-x12-edi.xml";
    /** Transaction sets in {@link #SAMPLE}. */
    public static final int SAMPLE_TRANSACTION_SETS = 20;

    @State(Scope.Benchmark)
    public static class Input {
        /** 20: the sample as it is; a multiple of 20: the sample's transaction sets repeated in one interchange. */
        @Param({"20", "200"})
        public int transactionSets;

        public byte[] x12;
        public Schema schema850;
        public EdiInspector inspector;
        public EdiInspector inspectorNoMapping;

        @Setup
        public void load() {
            x12 = interchange(transactionSets);
            EdiSpecs specs = new EdiSpecs(Path.of("edi-specs"));
            schema850 = specs.find("X12", "004010", "850")
                    .orElseThrow(() -> new IllegalStateException("edi-specs/x12/004010/850.xml not found: run from the project root"));
            inspector = new EdiInspector(specs, new EdiOrderMapping(Path.of("mappings")));
            inspectorNoMapping = new EdiInspector(specs, null);
            // the same work must succeed in every variant: a rejected sample would measure the error path
            check(inspector.inspect("bench.x12", x12), true, transactionSets);
            check(inspectorNoMapping.inspect("bench.x12", x12), false, transactionSets);
            if (twoPass(inspector, x12) != transactionSets || intakeReading(inspector, x12) != transactionSets) {
                throw new IllegalStateException("the intake's readings did not give one order per transaction set");
            }
            long[] counts = staedi(x12, schema850);
            if (counts[1] != 0) {
                throw new IllegalStateException("bare StAEDI reports " + counts[1] + " errors on " + SAMPLE);
            }
        }
    }

    /** Smooks, created once as a long-running route would hold it; the first parse (Daffodil compile) is in setup. */
    @State(Scope.Thread)
    public static class SmooksState {
        public SmooksParser parser;

        @Setup
        public void create(Input input) {
            parser = new SmooksParser(resource(SMOOKS_CONFIG));
            String xml = parser.parse(input.x12);
            long segments = xml.split("<segment>", -1).length - 1L;
            long expected = new String(input.x12, StandardCharsets.US_ASCII).chars().filter(c -> c == '~').count();
            if (segments != expected) {
                throw new IllegalStateException("Smooks produced " + segments + " segments, expected " + expected
                        + ": " + xml.substring(0, Math.min(xml.length(), 2000)));
            }
        }
    }

    @Benchmark
    public long staediValidatingRead(Input input) {
        return staedi(input.x12, input.schema850)[0];
    }

    @Benchmark
    public long staediReadEnvelopeOnly(Input input) {
        return staedi(input.x12, null)[0];
    }

    // Object, not EdiReport: JMH's generated code (package jmh_generated) cannot name a package-private type
    @Benchmark
    public Object ordersyncInspect(Input input) {
        return input.inspector.inspect("bench.x12", input.x12);
    }

    @Benchmark
    public Object ordersyncInspectNoMapping(Input input) {
        return input.inspectorNoMapping.inspect("bench.x12", input.x12);
    }

    @Benchmark
    public int ordersyncTwoPass(Input input) {
        return twoPass(input.inspector, input.x12);
    }

    /**
     * The EDI intake's reading of a file: pass 1 without orders, then every accepted order read again (as
     * {@code EdiIntake} asks for them, in file order); the number of orders.
     */
    public static int twoPass(EdiInspector inspector, byte[] x12) {
        return acceptedOrders(inspector.inspectWithoutOrders("bench.x12", x12), inspector.orders(x12));
    }

    @Benchmark
    public int ordersyncIntake(Input input) {
        return intakeReading(input.inspector, input.x12);
    }

    /**
     * The EDI intake's reading of a file as {@code EdiIntake} does it: the first reading keeping the orders within
     * the bound, then each accepted order taken from it or, beyond the bound, read again; the number of orders.
     */
    public static int intakeReading(EdiInspector inspector, byte[] x12) {
        return acceptedOrders(inspector.inspectForIntake("bench.x12", x12), inspector.orders(x12));
    }

    /** Each accepted order of the report, taken from it when kept, else read again: how many there are. */
    private static int acceptedOrders(EdiReport report, EdiInspector.Orders again) {
        int count = 0;
        for (EdiReport.Interchange interchange : report.interchanges()) {
            for (EdiReport.Group group : interchange.groups()) {
                for (EdiReport.Transaction transaction : group.transactions()) {
                    if (transaction.status() == EdiReport.Status.ACCEPTED && (transaction.canonicalOrder() != null
                            || again.of(transaction) != null)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @Benchmark
    public String smooksEdiParse(Input input, SmooksState smooks) {
        return smooks.parser.parse(input.x12);
    }

    /** The bare StAEDI validating read ({@code schema850} null: envelope checks only): {events, errors}. */
    public static long[] staedi(byte[] x12, Schema schema850) {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true); // the "~\n" line ends
        long events = 0;
        long errors = 0;
        boolean inSt = false;
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(x12))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                events++;
                if (event.isError()) {
                    errors++;
                } else if (event == EDIStreamEvent.START_SEGMENT) {
                    inSt = "ST".equals(reader.getText());
                } else if (event == EDIStreamEvent.END_SEGMENT && inSt && schema850 != null) {
                    reader.setTransactionSchema(schema850);
                    inSt = false;
                }
            }
        } catch (EDIStreamException | IOException e) {
            throw new IllegalStateException(e);
        }
        return new long[] {events, errors};
    }

    private static void check(EdiReport report, boolean mapped, int transactionSets) {
        if (report.status() != EdiReport.Status.ACCEPTED) {
            throw new IllegalStateException(SAMPLE + " x " + transactionSets + " is " + report.status() + ": " + report);
        }
        List<EdiReport.Transaction> transactions = report.interchanges().get(0).groups().get(0).transactions();
        if (transactions.size() != transactionSets
                || transactions.stream().anyMatch(t -> (t.canonicalOrder() != null) != mapped)) {
            throw new IllegalStateException("expected " + transactionSets + " transaction sets, "
                    + (mapped ? "each" : "none") + " mapped: " + report);
        }
    }

    /**
     * The benchmark input: {@link #SAMPLE} itself for 20 transaction sets; for a multiple of 20, one interchange whose
     * group repeats the sample's 20 transaction sets, copy {@code k} (from 0) with ST02/SE02 counting on from 0001 and
     * {@code -k} appended to each BEG03 PO number (copy 0 keeps the sample's), GE01 the new count.
     */
    public static byte[] interchange(int transactionSets) {
        byte[] sample = resource(SAMPLE);
        if (transactionSets == SAMPLE_TRANSACTION_SETS) {
            return sample;
        }
        if (transactionSets <= 0 || transactionSets % SAMPLE_TRANSACTION_SETS != 0) {
            throw new IllegalArgumentException("transaction sets must be a multiple of " + SAMPLE_TRANSACTION_SETS
                    + ": " + transactionSets);
        }
        List<String> segments = List.of(new String(sample, StandardCharsets.US_ASCII).split("~\n"));
        int firstSt = segments.indexOf(segments.stream().filter(s -> s.startsWith("ST*")).findFirst().orElseThrow());
        int ge = segments.indexOf(segments.stream().filter(s -> s.startsWith("GE*")).findFirst().orElseThrow());
        StringBuilder out = new StringBuilder();
        segments.subList(0, firstSt).forEach(s -> out.append(s).append("~\n"));
        int control = 0;
        for (int copy = 0; copy < transactionSets / SAMPLE_TRANSACTION_SETS; copy++) {
            for (String segment : segments.subList(firstSt, ge)) {
                String[] e = segment.split("\\*", -1);
                if ("ST".equals(e[0])) {
                    e[2] = String.format("%04d", ++control);
                } else if ("SE".equals(e[0])) {
                    e[2] = String.format("%04d", control);
                } else if ("BEG".equals(e[0]) && copy > 0) {
                    e[3] = e[3] + "-" + copy;
                }
                out.append(String.join("*", e)).append("~\n");
            }
        }
        String[] trailer = segments.get(ge).split("\\*", -1);
        trailer[1] = String.valueOf(control);
        out.append(String.join("*", trailer)).append("~\n");
        segments.subList(ge + 1, segments.size()).forEach(s -> out.append(s.strip()).append("~\n"));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] resource(String name) {
        try (InputStream in = EdiBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code new Smooks(config)}, then per parse {@code smooks.filterSource(smooks.createExecutionContext(),
     * new StreamSource<>(in), new StringSink())} and the sink's XML, through method handles.
     */
    public static final class SmooksParser {
        private final Object smooks;
        private final MethodHandle createExecutionContext;
        private final MethodHandle filterSource;
        private final MethodHandle newStreamSource;
        private final MethodHandle newStringSink;
        private final MethodHandle sinkResult;
        private final Class<?> sinkClass;

        public SmooksParser(byte[] config) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> smooksClass = Class.forName("org.smooks.Smooks");
                Class<?> contextClass = Class.forName("org.smooks.api.ExecutionContext");
                Class<?> sourceClass = Class.forName("org.smooks.api.io.Source");
                sinkClass = Class.forName("org.smooks.api.io.Sink");
                Class<?> streamSourceClass = Class.forName("org.smooks.io.source.StreamSource");
                Class<?> stringSinkClass = Class.forName("org.smooks.io.sink.StringSink");
                smooks = lookup.findConstructor(smooksClass, MethodType.methodType(void.class, InputStream.class))
                        .invoke(new ByteArrayInputStream(config));
                createExecutionContext = lookup.findVirtual(smooksClass, "createExecutionContext",
                        MethodType.methodType(contextClass));
                filterSource = lookup.findVirtual(smooksClass, "filterSource",
                        MethodType.methodType(void.class, contextClass, sourceClass, sinkClass.arrayType())).asFixedArity();
                newStreamSource = lookup.findConstructor(streamSourceClass,
                        MethodType.methodType(void.class, InputStream.class));
                newStringSink = lookup.findConstructor(stringSinkClass, MethodType.methodType(void.class));
                sinkResult = lookup.findVirtual(stringSinkClass, "getResult", MethodType.methodType(String.class));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Smooks is not on the classpath: run with the bench profile (-Pbench)", e);
            } catch (Throwable e) {
                throw new IllegalStateException("Smooks cannot be set up: " + e, e);
            }
        }

        public String parse(byte[] x12) {
            try {
                Object context = createExecutionContext.invoke(smooks);
                Object source = newStreamSource.invoke(new ByteArrayInputStream(x12));
                Object sink = newStringSink.invoke();
                Object[] sinks = (Object[]) java.lang.reflect.Array.newInstance(sinkClass, 1);
                sinks[0] = sink;
                filterSource.invoke(smooks, context, source, sinks);
                return (String) sinkResult.invoke(sink);
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
