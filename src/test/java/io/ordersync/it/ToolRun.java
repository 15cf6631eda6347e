package io.ordersync.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool run to its end by a test (tar, node, promtool, a program in the container image): its exit code
 * and its output (stdout and stderr, through a file, so a long output cannot fill a pipe and stall it). A tool still
 * running at the time limit is killed, and the test fails with what it printed.
 */
record ToolRun(int exitCode, String output) {

    /** Runs {@code command} in {@code directory} (null: this JVM's) for at most {@code limit}. */
    static ToolRun run(List<String> command, Path directory, Duration limit) throws IOException {
        Path output = Files.createTempFile("ordersync-tool-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within " + limit + ":\n" + Files.readString(output));
            }
            return new ToolRun(process.exitValue(), Files.readString(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.delete(output);
        }
    }

    /** Runs {@code command} for at most a minute. */
    static ToolRun run(String... command) throws IOException {
        return run(List.of(command), null, Duration.ofMinutes(1));
    }
}
