package io.ordersync.edi;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordersync.app.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar ordersync-runner.jar edi inspect <file>}: partner onboarding without a server or database.
 * Prints the inspection report as JSON; exit code 0 when everything is accepted, 1 when anything is rejected,
 * 2 for unusable input (not EDI, unreadable file, wrong usage).
 */
public final class EdiCommand {

    private EdiCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3 || !"edi".equals(args[0]) || !"inspect".equals(args[1])) {
            err.println("usage: java -jar ordersync-runner.jar edi inspect <file>");
            return 2;
        }
        Path file = Path.of(args[2]);
        Path specs = Path.of(env("ORDERSYNC_EDI_SPECS", "edi-specs"));
        Path mappings = Path.of(env("ORDERSYNC_MAPPINGS", "mappings"));
        EdiInspector inspector = new EdiInspector(new EdiSpecs(specs), new EdiOrderMapping(mappings));
        EdiReport report;
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            report = inspector.inspect(file.toString(), in, Files.size(file));
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            out.println(Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } catch (IOException e) {
            err.println("cannot print the report: " + e.getMessage());
            return 2;
        }
        return switch (report.status()) {
            case ACCEPTED -> 0;
            case REJECTED -> 1;
            case UNUSABLE -> 2;
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
