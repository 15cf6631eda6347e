package io.ordersync.edi;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transaction schemas of {@code edi-specs/}, chosen by standard, version and transaction type:
 * {@code x12/004010/850.xml} for an X12 850 in a GS08 {@code 004010...} group, {@code edifact/d96a/ORDERS.xml}
 * for an EDIFACT ORDERS message D:96A.
 */
final class EdiSpecs {

    private final Path root;
    private final Map<Path, Optional<Schema>> cache = new ConcurrentHashMap<>();

    public EdiSpecs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The schema file for a transaction, whether or not it exists. */
    public Path file(String standard, String version, String transactionType) {
        if ("X12".equals(standard)) {
            // GS08 may carry an industry suffix (004010VICS, 005010X222A1): the base version picks the schema
            String base = version == null || version.length() < 6 ? String.valueOf(version) : version.substring(0, 6);
            return root.resolve("x12").resolve(base).resolve(transactionType + ".xml");
        }
        if ("CONTRL".equals(transactionType)) {
            // CONTRL's UNH names the syntax version it answers in (CONTRL:D:3:UN, CONTRL:2:2:UN), not a directory:
            // one schema serves them all
            return root.resolve("edifact").resolve("d96a").resolve("CONTRL.xml");
        }
        return root.resolve("edifact").resolve(String.valueOf(version).toLowerCase(Locale.ROOT))
                .resolve(transactionType + ".xml");
    }

    /** The schema, or empty when edi-specs has none for this transaction. */
    public Optional<Schema> find(String standard, String version, String transactionType) {
        Path file = file(standard, version, transactionType);
        return cache.computeIfAbsent(file, f -> {
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            try {
                return Optional.of(SchemaFactory.newFactory().createSchema(f.toUri().toURL()));
            } catch (EDISchemaException | MalformedURLException e) {
                throw new IllegalStateException("EDI schema " + f + " cannot be loaded: " + e.getMessage(), e);
            }
        });
    }
}
