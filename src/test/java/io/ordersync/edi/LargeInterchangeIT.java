package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large files in a JVM of their own with a 256 MiB heap: memory does not grow with the file, nor with the number of
 * orders in it. Each child reads on one thread, so the three are started together when the class starts (on two
 * cores that takes about half the time of one after another); each test waits for its own and judges its output.
 */
class LargeInterchangeIT {

    private static Child millionSegments;
    private static Child millionSegmentsOfSmallOrders;
    private static Child twentyThousandThroughIntake;

    @BeforeAll
    static void startChildren() throws IOException {
        millionSegments = Child.start(LargeInterchange.class, "1000000");
        millionSegmentsOfSmallOrders = Child.start(ManyOrders.class, "read", "83333");
        twentyThousandThroughIntake = Child.start(ManyOrders.class, "intake", "20000");
    }

    @AfterAll
    static void stopChildren() {
        for (Child child : new Child[] {millionSegments, millionSegmentsOfSmallOrders, twentyThousandThroughIntake}) {
            if (child != null) {
                child.stop();
            }
        }
    }

    @Test
    void a_million_segment_interchange_is_read_with_256_mib_of_heap() throws IOException, InterruptedException {
        String output = millionSegments.output();
        assertThat(output).contains("transactions=10 ").contains("segmentsRead=1000000 ");
        assertThat(output).doesNotContain("CONTROL_COUNT");
        // every envelope and schema check passes; 850s of 50,000 lines are more than an order may have:
        // rejected as too large to map, read to the end without holding them in memory
        assertThat(output).contains("status=REJECTED").contains("problems=[TRANSACTION_TOO_LARGE]");
    }

    /**
     * 83,333 small 850s (1,000,000 segments, 23 MB) read as the runtime reads them: kept, their mapped orders would
     * need about 350 MB (some 4 KB each); read again one at a time, every order arrives, in file order, and the heap
     * in use is the same after the last one as after the first tenth.
     */
    @Test
    void a_million_segments_of_small_orders_hand_over_every_order_with_256_mib_of_heap()
            throws IOException, InterruptedException {
        String output = millionSegmentsOfSmallOrders.output();
        assertThat(output).contains("status=ACCEPTED transactions=83333 orders=83333 ")
                .contains("segments=1000000 ");
        assertThat(heapGrowthMiB(output)).as(output).isLessThan(16);
    }

    /**
     * 20,000 small 850s through the real EDI intake (order intake and store on an H2 file database): each is stored
     * and published, one at a time. Kept until the end, with their JSON to publish, they would add some 100 MB
     * between the first tenth and the last order.
     */
    @Test
    void twenty_thousand_orders_go_through_the_edi_intake_with_256_mib_of_heap()
            throws IOException, InterruptedException {
        String output = twentyThousandThroughIntake.output();
        assertThat(output).contains("status=ACCEPTED orders=20000 stored=20000 published=20000 ");
        assertThat(heapGrowthMiB(output)).as(output).isLessThan(40);
    }

    /** A program in a JVM of its own with a 256 MiB heap, its output going to a file. */
    private record Child(Process process, Path log) {

        static Child start(Class<?> main, String... args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(args));
            // into a file, not a pipe: the intake logs a line per order, and a full pipe would stall the child
            Path log = Files.createTempFile("ordersync-" + main.getSimpleName(), ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new Child(process, log);
        }

        /** Waits for the child (at most 10 minutes), checks it ended well and returns the end of its output. */
        String output() throws IOException, InterruptedException {
            boolean finished = process.waitFor(10, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            // the program's own lines come last, after the log
            String tail = text.substring(Math.max(0, text.length() - 8_000));
            assertThat(finished).as("finished within 10 minutes: " + tail).isTrue();
            assertThat(process.exitValue()).as(tail).isZero();
            assertThat(text).as(tail).doesNotContain("OutOfMemoryError");
            return tail;
        }

        void stop() {
            process.destroyForcibly();
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /** Heap in use at the end less at a tenth of the orders, as {@link ManyOrders} prints them. */
    private static long heapGrowthMiB(String output) {
        Matcher tenth = Pattern.compile("heapAtTenthMiB=(\\d+)").matcher(output);
        Matcher end = Pattern.compile("heapAtEndMiB=(\\d+)").matcher(output);
        assertThat(tenth.find() && end.find()).as("heap figures in " + output).isTrue();
        return Long.parseLong(end.group(1)) - Long.parseLong(tenth.group(1));
    }
}
