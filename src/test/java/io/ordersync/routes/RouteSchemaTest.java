package io.ordersync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route file validates against the Camel YAML DSL schema shipped in camel-yaml-dsl (the schema Kaoto and the
 * IDE plugins edit with): a route that Camel happens to load but the schema refuses cannot be opened in those tools.
 * Each error names the file and the path in it.
 */
class RouteSchemaTest {

    /** The Camel YAML DSL schema of the Camel version on the classpath. */
    private static final String SCHEMA = "/schema/camelYamlDsl.json";

    @Test
    void every_route_file_is_valid_camel_yaml_dsl() throws IOException {
        JsonSchema schema;
        try (InputStream in = RouteSchemaTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as("the Camel YAML DSL schema in camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        YAMLMapper yaml = new YAMLMapper();
        List<String> errors = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("routes"))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).as("route files").isNotEmpty();
        for (Path file : files) {
            JsonNode routes = yaml.readTree(file.toFile());
            for (ValidationMessage error : specific(schema.validate(routes))) {
                errors.add(file.getFileName() + ": " + error.getMessage()); // the message starts with the path
            }
        }
        assertThat(errors).as("schema errors (file, path: error)").isEmpty();
    }

    /**
     * The errors that say what is wrong (a wrong type, an unknown key, a missing key): the schema's oneOf/anyOf/not
     * alternatives (a step is one of many processors, an expression one of many languages) add an error for every
     * alternative that did not match, which only repeats the same place.
     */
    private static Set<ValidationMessage> specific(Set<ValidationMessage> errors) {
        Set<ValidationMessage> specific = new LinkedHashSet<>();
        for (ValidationMessage error : errors) {
            if (!ALTERNATIVES.contains(error.getType())) {
                specific.add(error);
            }
        }
        return specific.isEmpty() ? errors : specific;
    }

    private static final Set<String> ALTERNATIVES = Set.of("oneOf", "anyOf", "not", "required");
}
