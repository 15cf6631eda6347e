package io.ordersync.edi;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordersync.support.Json;
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
        PartnerProfiles partners;
        try {
            partners = PartnerProfiles.load(mappings.resolve("partners"));
            partners.checkSchemaVersions(new EdiSpecs(specs));
        } catch (IllegalArgumentException e) {
            err.println("partner profiles cannot be read: " + e.getMessage());
            return 2;
        }
        EdiLimits limits;
        try {
            // the runtime's setting names, as system properties: java -Dordersync.edi.max-segments=... -jar ...
            limits = EdiLimits.from(System::getProperty);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        EdiInspector inspector = new EdiInspector(new EdiSpecs(specs), new EdiOrderMapping(mappings, partners), limits);
        EdiReport report;
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            // judged as the runtime judges it: against the sender's profile as well
            report = PartnerAgreement.check(inspector.inspect(file.toString(), in, Files.size(file)), partners);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode printed = Json.mapper().valueToTree(report);
            printed.set("acknowledgements", acknowledgements(report, specs, mappings));
            out.println(Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(printed));
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

    /**
     * The acknowledgements ordersync would send, per interchange, for senders with a partner profile (control
     * numbers from an in-memory sequence: nothing is stored or sent).
     */
    private static com.fasterxml.jackson.databind.node.ArrayNode acknowledgements(EdiReport report, Path specs,
                                                                                   Path mappings) {
        com.fasterxml.jackson.databind.node.ArrayNode acks = Json.mapper().createArrayNode();
        PartnerProfiles partners;
        try {
            partners = PartnerProfiles.load(mappings.resolve("partners"));
        } catch (IllegalArgumentException e) {
            acks.addObject().put("note", "partner profiles cannot be read: " + e.getMessage());
            return acks;
        }
        Acknowledgements writer = new Acknowledgements(new EdiSpecs(specs),
                HeaderPositions.counted(report));
        AckNumbers numbers = new InMemoryAckNumbers(1);
        java.time.Clock clock = java.time.Clock.systemUTC();
        for (EdiReport.Interchange interchange : report.interchanges()) {
            com.fasterxml.jackson.databind.node.ObjectNode ack = acks.addObject();
            ack.put("interchange", interchange.controlNumber());
            var partner = partners.bySender(interchange.standard(), interchange.senderQualifier(),
                    interchange.senderId());
            if (partner.isEmpty()) {
                ack.put("note", "sender " + interchange.senderQualifier() + ":" + interchange.senderId()
                        + " has no partner profile in " + mappings.resolve("partners") + ": no acknowledgement");
                continue;
            }
            ack.put("partner", partner.get().partner());
            try {
                if ("X12".equals(interchange.standard())) {
                    writer.ta1(interchange, partner.get(), numbers, clock).ifPresent(t -> ack.put("ta1", t));
                }
                writer.functional(interchange, partner.get(), numbers, clock)
                        .ifPresent(f -> ack.put(partner.get().acknowledgements().functional(), f));
            } catch (RuntimeException e) {
                ack.put("note", "no acknowledgement can be written: " + e.getMessage());
            }
        }
        return acks;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
