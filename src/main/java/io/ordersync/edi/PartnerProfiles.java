package io.ordersync.edi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ordersync.support.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trading-partner profiles of {@code mappings/partners/*.yaml}, checked against
 * {@code schema/partner-profile-1.0.schema.json} when loaded: a mistake stops the runtime with the file and field.
 */
public final class PartnerProfiles {

    /** A partner profile (fields as in the JSON schema). */
    public record Profile(String partner, String name, String standard, List<String> versions, Identity identity,
                          Identity ourIdentity, Outbound outbound, Acknowledgements acknowledgements,
                          String legalEntity, Map<String, String> mappings, String usage,
                          DuplicateDetection duplicateDetection, List<Deviation> tolerate,
                          Map<String, String> schemaVersions) {

        /** The edi-specs version the profile names to read {@code version} with, or null. */
        String schemaVersion(String version) {
            return schemaVersions == null || version == null ? null : schemaVersions.get(version);
        }

        /** The deviation this profile tolerates for an error {@code code} at {@code segment} element {@code element}. */
        Optional<Deviation> tolerated(String segment, Integer element, String code) {
            if (tolerate == null || segment == null || element == null) {
                return Optional.empty();
            }
            return tolerate.stream().filter(d -> d.segment().equals(segment) && d.element() == element
                    && d.code().equals(code)).findFirst();
        }

        /** The ISA15 / UNB test indicator this partner's documents must carry. */
        boolean test() {
            return "test".equals(usage);
        }

        /** The profile's duplicate detection, the defaults filled in where it says nothing. */
        DuplicateDetection duplicates() {
            DuplicateDetection d = duplicateDetection == null ? DuplicateDetection.DEFAULTS : duplicateDetection;
            return new DuplicateDetection(d.window() == null ? DuplicateDetection.DEFAULT_WINDOW : d.window(),
                    Boolean.TRUE.equals(d.group()), Boolean.TRUE.equals(d.transaction()));
        }

        /**
         * When the partner's functional acknowledgement of a document sent at {@code sentAt} is due, or null when
         * the partner sends none ({@code acknowledgements.expectFromPartner} not true).
         */
        Instant acknowledgementDueBy(Instant sentAt) {
            if (acknowledgements == null || !Boolean.TRUE.equals(acknowledgements.expectFromPartner())) {
                return null;
            }
            Duration within = acknowledgements.overdueAfter() == null ? Acknowledgements.DEFAULT_OVERDUE_AFTER
                    : acknowledgements.overdueAfter();
            return sentAt.plus(within);
        }
    }

    /**
     * A known deviation of a partner's files (profile {@code tolerate}): the reader's error {@code code} at element
     * {@code element} of segment {@code segment}, accepted with a warning that says {@code why}.
     */
    public record Deviation(String segment, int element, String code, String why) {
    }

    public record Identity(String isaQualifier, String isaId, String gsCode, String unbId, String unbQualifier) {}

    public record Outbound(Map<String, String> delimiters, Boolean lineBreakAfterSegment) {}

    /**
     * What we send ({@code ta1}, {@code functional}) and what we expect back: with {@code expectFromPartner} every
     * document we send awaits the partner's 997/999/CONTRL, overdue once {@code overdueAfter} (ISO-8601 duration,
     * default {@link #DEFAULT_OVERDUE_AFTER}) has passed without one.
     */
    public record Acknowledgements(Boolean ta1, String functional, Boolean expectFromPartner, Duration overdueAfter) {
        public static final Duration DEFAULT_OVERDUE_AFTER = Duration.ofHours(24);
    }

    /**
     * Repeats of the partner's control numbers that create nothing: the interchange (ISA13 / UNB 0020 per sender and
     * receiver) always; its functional groups (GS06 / UNG 0048 per group sender and receiver) when {@code group} is
     * true; its transaction sets (ST02 / UNH 0062 per group sender and receiver and set type) when
     * {@code transaction} is true. A number counts as a repeat only within {@code window} (ISO-8601 duration,
     * default {@link #DEFAULT_WINDOW}) of its last accepted use; after that it is new again, as control numbers wrap
     * around.
     */
    public record DuplicateDetection(Duration window, Boolean group, Boolean transaction) {
        public static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
        static final DuplicateDetection DEFAULTS = new DuplicateDetection(DEFAULT_WINDOW, false, false);
    }

    /** Fields of earlier profile versions, and what replaced them: named in the error instead of "unknown field". */
    private static final Map<String, String> RENAMED = Map.of(
            "/duplicateDetection/windowDays", "$.duplicateDetection.window (an ISO-8601 duration such as P90D)",
            "/duplicateDetection/interchange", "nothing: interchanges are always checked for repeats",
            "/acknowledgements/overdueAfterMinutes",
            "$.acknowledgements.overdueAfter (an ISO-8601 duration such as PT24H)");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Profile> byId;

    private PartnerProfiles(Map<String, Profile> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Loads every {@code *.yaml} of the directory (none when it does not exist).
     *
     * @throws IllegalArgumentException naming the file and each field in error
     */
    public static PartnerProfiles load(Path dir) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return new PartnerProfiles(profiles);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list partner profiles in " + dir, e);
        }
        Map<String, Path> identities = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode tree;
            try {
                tree = YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
            }
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException(file + ": empty or not a mapping of fields");
            }
            List<String> outdated = new ArrayList<>();
            for (Map.Entry<String, String> renamed : RENAMED.entrySet()) {
                if (!tree.at(renamed.getKey()).isMissingNode()) {
                    outdated.add("$" + renamed.getKey().replace('/', '.') + " is no longer used; it was replaced by "
                            + renamed.getValue());
                }
            }
            Collections.sort(outdated);
            if (!outdated.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + String.join("; ", outdated));
            }
            List<FieldError> errors = io.ordersync.support.JsonSchemas.check(SCHEMA, tree);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + errors.stream()
                        .map(error -> error.field() + ": " + error.message())
                        .collect(Collectors.joining("; ")));
            }
            Profile profile = YAML.convertValue(tree, Profile.class);
            String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!profile.partner().equals(expected)) {
                throw new IllegalArgumentException(file + ": $.partner: '" + profile.partner()
                        + "' must equal the file name '" + expected + "'");
            }
            checkIdentity(file, profile);
            checkDurations(file, profile);
            String key = identityKey(profile.standard(), profile.identity());
            Path other = identities.putIfAbsent(key, file);
            if (other != null) {
                throw new IllegalArgumentException(file + ": $.identity: the same sender identity (" + key
                        + ") is already used by " + other);
            }
            profiles.put(profile.partner(), profile);
        }
        return new PartnerProfiles(profiles);
    }

    /**
     * Every version a profile's {@code schemaVersions} names is a folder of edi-specs: a mistake stops startup with
     * the partner and the field, not the first interchange that needs it.
     */
    public void checkSchemaVersions(EdiSpecs specs) {
        for (Profile profile : byId.values()) {
            if (profile.schemaVersions() == null) {
                continue;
            }
            profile.schemaVersions().forEach((sent, read) -> {
                if (!specs.hasVersion(profile.standard(), read)) {
                    throw new IllegalArgumentException("partner profile " + profile.partner() + ": $.schemaVersions."
                            + sent + ": edi-specs has no " + profile.standard() + " version '" + read + "'");
                }
            });
        }
    }

    public Map<String, Profile> all() {
        return byId;
    }

    Optional<Profile> byId(String partner) {
        return Optional.ofNullable(byId.get(partner));
    }

    /** The partner whose envelope identity matches the interchange sender. */
    Optional<Profile> bySender(String standard, String qualifier, String id) {
        String key = standard + ":" + nullToEmpty(qualifier) + ":" + nullToEmpty(id);
        return byId.values().stream().filter(p -> identityKey(p.standard(), p.identity()).equals(key)).findFirst();
    }

    /** The partner whose envelope id (ISA06 or UNB sender id) this is, whatever the qualifier. */
    Optional<Profile> bySenderId(String id) {
        return byId.values().stream().filter(p -> id != null && (id.equals(p.identity().isaId())
                || id.equals(p.identity().unbId()))).findFirst();
    }

    private static void checkIdentity(Path file, Profile profile) {
        List<String> missing = new ArrayList<>();
        if ("X12".equals(profile.standard())) {
            for (Identity identity : List.of(profile.identity(), profile.ourIdentity())) {
                if (identity.isaQualifier() == null || identity.isaId() == null || identity.gsCode() == null) {
                    missing.add(identity == profile.identity() ? "$.identity" : "$.ourIdentity");
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + String.join(", ", missing)
                        + ": an X12 partner needs isaQualifier, isaId and gsCode");
            }
            if ("CONTRL".equals(profile.acknowledgements().functional())) {
                throw new IllegalArgumentException(file + ": $.acknowledgements.functional: CONTRL is EDIFACT's;"
                        + " an X12 partner gets 997, 999 or none");
            }
        } else {
            for (Identity identity : List.of(profile.identity(), profile.ourIdentity())) {
                if (identity.unbId() == null) {
                    missing.add(identity == profile.identity() ? "$.identity" : "$.ourIdentity");
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + String.join(", ", missing)
                        + ": an EDIFACT partner needs unbId");
            }
            if (List.of("997", "999").contains(profile.acknowledgements().functional())) {
                throw new IllegalArgumentException(file + ": $.acknowledgements.functional: "
                        + profile.acknowledgements().functional() + " is X12's; an EDIFACT partner gets CONTRL or none");
            }
        }
    }

    private static void checkDurations(Path file, Profile profile) {
        if (profile.duplicateDetection() != null && !positive(profile.duplicateDetection().window())) {
            throw new IllegalArgumentException(file + ": $.duplicateDetection.window: must be longer than zero");
        }
        if (!positive(profile.acknowledgements().overdueAfter())) {
            throw new IllegalArgumentException(file + ": $.acknowledgements.overdueAfter: must be longer than zero");
        }
    }

    /** Absent (the default applies) or longer than zero. */
    private static boolean positive(Duration duration) {
        return duration == null || !(duration.isNegative() || duration.isZero());
    }

    private static String identityKey(String standard, Identity identity) {
        return "X12".equals(standard)
                ? standard + ":" + nullToEmpty(identity.isaQualifier()) + ":" + nullToEmpty(identity.isaId())
                : standard + ":" + nullToEmpty(identity.unbQualifier()) + ":" + nullToEmpty(identity.unbId());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static final String SCHEMA = "schema/partner-profile-1.0.schema.json";
}
