package io.ordersync.edi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Generates an X12 interchange of a given number of segments on the fly (never held in memory): one 850 whose
 * PO1/PID pairs fill the count. Run with a small heap to show inspection stays bounded:
 * {@code java -Xmx256m -cp ... io.ordersync.edi.LargeInterchange 1000000}.
 */
public final class LargeInterchange extends InputStream {

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

    /** Segment layout: ISA GS ST BEG (PO1 PID)* CTT SE GE IEA = 8 fixed segments plus the pairs. */
    private boolean next() {
        if (written >= segments) {
            return false;
        }
        long lineSegments = segments - 8;
        long pairs = lineSegments / 2;
        String segment;
        if (written == 0) {
            segment = "ISA*00*          *00*          *ZZ*GENERATOR      *ZZ*ORDERSYNC      *261123*1200*U*00401"
                    + "*000000001*0*T*>";
        } else if (written == 1) {
            segment = "GS*PO*GENERATOR*ORDERSYNC*20261123*1200*1*X*004010";
        } else if (written == 2) {
            segment = "ST*850*0001";
        } else if (written == 3) {
            segment = "BEG*00*SA*PO-LARGE-1**20261123";
        } else if (written < 4 + pairs * 2) {
            long line = (written - 4) / 2 + 1;
            segment = (written - 4) % 2 == 0 ? "PO1*" + line + "*1*EA*1.00**VP*SKU-" + line : "PID*F****ITEM " + line;
        } else if (written == 4 + pairs * 2) {
            segment = "CTT*" + pairs;
        } else if (written == 5 + pairs * 2) {
            segment = "SE*" + (pairs * 2 + 4) + "*0001";
        } else if (written == 6 + pairs * 2) {
            segment = "GE*1*1";
        } else if (written == 7 + pairs * 2) {
            segment = "IEA*1*000000001";
        } else {
            return false;
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
        EdiReport.Transaction po = report.interchanges().get(0).groups().get(0).transactions().get(0);
        Runtime runtime = Runtime.getRuntime();
        System.out.println("status=" + report.status() + " segmentsRead=" + (po.segmentCount() + 4)
                + " transactionSegments=" + po.segmentCount()
                + " problems=" + po.problems().stream().map(EdiProblem::code).toList()
                + " heapUsedMiB=" + (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024)
                + " maxHeapMiB=" + runtime.maxMemory() / (1024 * 1024));
    }
}
