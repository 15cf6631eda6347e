package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 1,000,000-segment interchange is read with a 256 MiB heap: memory does not grow with the file. */
class LargeInterchangeIT {

    @Test
    void a_million_segment_interchange_is_read_with_256_mib_of_heap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LargeInterchange.class.getName(), "1000000")
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("finished within 10 minutes").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("transactions=10 ").contains("segmentsRead=1000000 ");
        assertThat(output).doesNotContain("CONTROL_COUNT").doesNotContain("OutOfMemoryError");
        // every envelope and schema check passes; 850s of 50,000 lines are more than an order may have:
        // rejected as too large to map, read to the end without holding them in memory
        assertThat(output).contains("status=REJECTED").contains("problems=[TRANSACTION_TOO_LARGE]");
    }
}
