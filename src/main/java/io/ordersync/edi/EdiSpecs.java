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

    /**
     * The schema of the same standard and transaction type in the version nearest to {@code version}, for a version
     * edi-specs has no schema of its own for (an 850 in 004030 is read with 004010's, D:97A ORDERS with D:96A's):
     * nearest by version number (X12: the six digits; EDIFACT: year and release), the older on a tie. Empty when
     * there is none of that type, or the version cannot be ordered.
     */
    public Optional<Nearest> nearest(String standard, String version, String transactionType) {
        Integer wanted = order(standard, version);
        Path folder = root.resolve("X12".equals(standard) ? "x12" : "edifact");
        if (wanted == null || transactionType == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        try (var versions = Files.list(folder)) {
            for (Path candidate : versions.sorted().toList()) {
                String name = candidate.getFileName().toString();
                Integer at = order(standard, name);
                if (at == null || !Files.isRegularFile(candidate.resolve(transactionType + ".xml"))) {
                    continue;
                }
                int distance = Math.abs(at - wanted);
                if (distance < bestDistance || distance == bestDistance && at < order(standard, best)) {
                    best = name;
                    bestDistance = distance;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (best == null) {
            return Optional.empty();
        }
        Path file = folder.resolve(best).resolve(transactionType + ".xml");
        Optional<Schema> schema = load(file);
        return schema.map(s -> new Nearest(s, root.relativize(file).toString()));
    }

    /** A schema of another version, and its file in edi-specs (e.g. {@code x12/004010/850.xml}). */
    public record Nearest(Schema schema, String file) {
    }

    /**
     * A version as a number that orders versions: X12 {@code 004030} (GS08's first six digits) is 4030; EDIFACT
     * {@code D96A} / {@code d01b} is year * 26 + release (96A: 1996, A). Null when it is neither.
     */
    static Integer order(String standard, String version) {
        if (version == null) {
            return null;
        }
        if ("X12".equals(standard)) {
            String base = version.length() < 6 ? version : version.substring(0, 6);
            return base.length() == 6 && base.chars().allMatch(Character::isDigit) ? Integer.valueOf(base) : null;
        }
        String v = version.toUpperCase(Locale.ROOT);
        if (v.length() != 4 || v.charAt(0) != 'D' || !Character.isDigit(v.charAt(1)) || !Character.isDigit(v.charAt(2))
                || !Character.isLetter(v.charAt(3))) {
            return null;
        }
        int year = Integer.parseInt(v.substring(1, 3));
        year += year >= 80 ? 1900 : 2000;
        return year * 26 + (v.charAt(3) - 'A');
    }

    /** The schema of a file of edi-specs named relative to it ({@code x12/004010/850.xml}), or empty. */
    public Optional<Schema> byFile(String relative) {
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root.normalize()) ? load(file) : Optional.empty();
    }

    /** Whether edi-specs has a folder for this standard and version ({@code X12 004010}, {@code EDIFACT D96A}). */
    public boolean hasVersion(String standard, String version) {
        return Files.isDirectory(file(standard, version, "any").getParent());
    }

    /** The schema, or empty when edi-specs has none for this transaction. */
    public Optional<Schema> find(String standard, String version, String transactionType) {
        return load(file(standard, version, transactionType));
    }

    private Optional<Schema> load(Path file) {
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
