package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A second opinion on EDI that ordersync writes: npm parsers (node-x12, edifact) run by Node through
 * {@code src/test/browser/edi-parse.mjs}, so our output is not graded by our own reader only. Skipped when Node is
 * absent, except on CI, where it is required.
 */
public final class IndependentEdiParser {

    private static final Path BROWSER = Path.of("src/test/browser");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object NPM_LOCK = new Object();
    private static Boolean nodeAvailable;

    private IndependentEdiParser() {
    }

    /** The document as the npm parsers see it (written to {@code dir/name} in UTF-8 first). */
    public static JsonNode parse(String edi, Path dir, String name) throws Exception {
        return parse(edi, dir, name, StandardCharsets.UTF_8);
    }

    /**
     * The document as the npm parsers see it, written to {@code dir/name} in {@code charset} first (ISO 8859-1 for
     * an EDIFACT document as the outbox holds it; the script reads bytes that are not UTF-8 as Latin-1).
     */
    public static JsonNode parse(String edi, Path dir, String name, java.nio.charset.Charset charset)
            throws Exception {
        assumeNode();
        ensurePackages();
        Path file = dir.resolve(name);
        Files.writeString(file, edi, charset);
        Process process = new ProcessBuilder("node", BROWSER.resolve("edi-parse.mjs").toString(), file.toString())
                .redirectErrorStream(false).start();
        String stdout;
        String stderr;
        try (InputStream o = process.getInputStream(); InputStream e = process.getErrorStream()) {
            stdout = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            stderr = new String(e.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("edi-parse.mjs finished").isTrue();
        assertThat(process.exitValue()).as("edi-parse.mjs on " + name + ": " + stdout + stderr).isZero();
        JsonNode parsed = JSON.readTree(stdout);
        assertThat(parsed.has("error")).as(stdout).isFalse();
        return parsed;
    }

    private static void assumeNode() throws InterruptedException {
        synchronized (NPM_LOCK) {
            if (nodeAvailable == null) {
                try {
                    Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                    version.getInputStream().readAllBytes();
                    nodeAvailable = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
                } catch (IOException absent) {
                    nodeAvailable = false;
                }
            }
        }
        if (!nodeAvailable) {
            assertThat(System.getenv("CI")).as("node is required on CI for the independent EDI parser")
                    .isNotEqualTo("true");
            assumeTrue(false, "node is not installed: the independent EDI parser check is skipped");
        }
    }

    private static void ensurePackages() throws IOException, InterruptedException {
        synchronized (NPM_LOCK) {
            Path modules = BROWSER.resolve("node_modules");
            if (Files.isDirectory(modules.resolve("node-x12")) && Files.isDirectory(modules.resolve("edifact"))) {
                return;
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(BROWSER.toFile())
                    .redirectErrorStream(true).start();
            String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
            assertThat(npm.exitValue()).as("npm ci in " + BROWSER + ": " + log).isZero();
        }
    }
}
