package io.ordersync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates an X12 interchange of a given number of segments on the fly (never held in memory): 850s of 50,000
 * lines each. Run with a small heap to show inspection stays bounded:
 * {@code java -Xmx256m -cp ... io.ordersync.edi.LargeInterchange 1000000}.
 */
public final class LargeInterchange extends InputStream {

    /** Segments of one generated 850 (even, so PO1/PID pairs fill it). */
    static final long TRANSACTION_SEGMENTS = 100_000;

    private final long segments;
    private long written;
    private byte[] current = new byte[0];
    private int position;

    public LargeInterchange(long segments) {
        this.segments = segments;
    }

    @Override
    public int read() throws IOException {
        if (position == current.length && !next()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position == current.length && !next()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    /**
     * Segment layout: ISA GS, then 850s of (ST BEG (PO1 PID)* CTT SE) of {@link #TRANSACTION_SEGMENTS} segments
     * each (the last one takes the remainder), then GE IEA: exactly {@code segments} segments in all.
     */
    private boolean next() {
        if (written >= segments) {
            return false;
        }
        String segment;
        long body = segments - 4;
        long transactions = (body + TRANSACTION_SEGMENTS - 1) / TRANSACTION_SEGMENTS;
        if (written == 0) {
            segment = "ISA*00*          *00*          *ZZ*GENERATOR      *ZZ*ORDERSYNC      *261123*1200*U*00401"
                    + "*000000001*0*T*>";
        } else if (written == 1) {
            segment = "GS*PO*GENERATOR*ORDERSYNC*20261123*1200*1*X*004010";
        } else if (written == segments - 2) {
            segment = "GE*" + transactions + "*1";
        } else if (written == segments - 1) {
            segment = "IEA*1*000000001";
        } else {
            long offset = written - 2;
            long transaction = offset / TRANSACTION_SEGMENTS;
            long size = Math.min(TRANSACTION_SEGMENTS, body - transaction * TRANSACTION_SEGMENTS);
            long at = offset % TRANSACTION_SEGMENTS;
            String control = String.format("%04d", transaction + 1);
            if (at == 0) {
                segment = "ST*850*" + control;
            } else if (at == 1) {
                segment = "BEG*00*SA*PO-LARGE-" + (transaction + 1) + "**20261123";
            } else if (at == size - 2) {
                segment = "CTT*" + (size - 4) / 2;
            } else if (at == size - 1) {
                segment = "SE*" + size + "*" + control;
            } else {
                long line = (at - 2) / 2 + 1;
                segment = (at - 2) % 2 == 0 ? "PO1*" + line + "*1*EA*1.00**VP*SKU-" + line : "PID*F****ITEM " + line;
            }
        }
        written++;
        current = (segment + "~\n").getBytes(StandardCharsets.US_ASCII);
        position = 0;
        return true;
    }

    /** Inspects a generated interchange and prints status, segment count and heap used (MiB). */
    public static void main(String[] args) throws IOException {
        long segments = Long.parseLong(args[0]);
        EdiInspector inspector = new EdiInspector(new EdiSpecs(Path.of("edi-specs")),
                new EdiOrderMapping(Path.of("mappings")));
        EdiReport report = inspector.inspect("generated", new LargeInterchange(segments), 0);
        List<EdiReport.Transaction> orders = report.interchanges().get(0).groups().get(0).transactions();
        Runtime runtime = Runtime.getRuntime();
        System.out.println("status=" + report.status() + " transactions=" + orders.size()
                + " segmentsRead=" + (orders.stream().mapToLong(EdiReport.Transaction::segmentCount).sum() + 4)
                + " problems=" + orders.stream().flatMap(t -> t.problems().stream()).map(EdiProblem::code)
                .distinct().toList()
                + " heapUsedMiB=" + (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024)
                + " maxHeapMiB=" + runtime.maxMemory() / (1024 * 1024));
    }
}
