package io.ordersync.edi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                          DuplicateDetection duplicateDetection) {

        /** The ISA15 / UNB test indicator this partner's documents must carry. */
        public boolean test() {
            return "test".equals(usage);
        }
    }

    public record Identity(String isaQualifier, String isaId, String gsCode, String unbId, String unbQualifier) {}

    public record Outbound(Map<String, String> delimiters, Boolean lineBreakAfterSegment) {}

    public record Acknowledgements(Boolean ta1, String functional, Boolean expectFromPartner,
                                   Integer overdueAfterMinutes) {}

    public record DuplicateDetection(Integer windowDays, Boolean interchange, Boolean group, Boolean transaction) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
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
        JsonSchema schema = schema();
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
            Set<ValidationMessage> errors = schema.validate(tree);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + errors.stream()
                        .map(m -> m.getInstanceLocation() + ": " + m.getMessage()).sorted()
                        .collect(Collectors.joining("; ")));
            }
            Profile profile = YAML.convertValue(tree, Profile.class);
            String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!profile.partner().equals(expected)) {
                throw new IllegalArgumentException(file + ": $.partner: '" + profile.partner()
                        + "' must equal the file name '" + expected + "'");
            }
            checkIdentity(file, profile);
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

    public Map<String, Profile> all() {
        return byId;
    }

    public Optional<Profile> byId(String partner) {
        return Optional.ofNullable(byId.get(partner));
    }

    /** The partner whose envelope identity matches the interchange sender. */
    public Optional<Profile> bySender(String standard, String qualifier, String id) {
        String key = standard + ":" + nullToEmpty(qualifier) + ":" + nullToEmpty(id);
        return byId.values().stream().filter(p -> identityKey(p.standard(), p.identity()).equals(key)).findFirst();
    }

    /** The partner whose envelope id (ISA06 or UNB sender id) this is, whatever the qualifier. */
    public Optional<Profile> bySenderId(String id) {
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

    private static String identityKey(String standard, Identity identity) {
        return "X12".equals(standard)
                ? standard + ":" + nullToEmpty(identity.isaQualifier()) + ":" + nullToEmpty(identity.isaId())
                : standard + ":" + nullToEmpty(identity.unbQualifier()) + ":" + nullToEmpty(identity.unbId());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static JsonSchema schema() {
        try (InputStream in = PartnerProfiles.class.getResourceAsStream("/schema/partner-profile-1.0.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
