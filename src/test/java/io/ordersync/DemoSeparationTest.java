package io.ordersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production code does not depend on the demo tree ({@code io.ordersync.demo}: simulators, demo, embedded broker),
 * so that the production artefact can leave it out: no compiled class outside the tree names a class inside it (a class
 * file names every class it uses in its constant pool, as {@code io/ordersync/demo/...}), and the base and prod
 * settings name neither the tree nor a demo secret.
 */
class DemoSeparationTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path DEMO_TREE = CLASSES.resolve("io/ordersync/demo");

    @Test
    void no_production_class_refers_to_the_demo_tree() throws IOException {
        List<Path> production;
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/ordersync"))) {
            production = files.filter(f -> f.toString().endsWith(".class")).filter(f -> !f.startsWith(DEMO_TREE))
                    .toList();
        }
        assertThat(production).as("production classes").hasSizeGreaterThan(100)
                .contains(CLASSES.resolve("io/ordersync/app/OrdersyncConfiguration.class"));
        // the demo tree is there to be referred to: the check would pass on nothing otherwise
        assertThat(DEMO_TREE.resolve("sim/Simulators.class")).exists();
        assertThat(DEMO_TREE.resolve("EmbeddedKafka.class")).exists();

        List<String> offenders = production.stream().filter(DemoSeparationTest::refersToDemoTree)
                .map(f -> CLASSES.relativize(f).toString()).toList();
        assertThat(offenders).as("production classes that use io.ordersync.demo").isEmpty();
    }

    @Test
    void the_base_and_prod_settings_name_no_demo_class_and_no_demo_secret() throws IOException {
        for (String file : List.of("application.properties", "application-prod.properties")) {
            Properties settings = new Properties();
            try (var in = Files.newInputStream(Path.of("src/main/resources", file))) {
                settings.load(in);
            }
            settings.forEach((key, value) -> assertThat(value.toString()).as(file + ": " + key)
                    .doesNotContain("io.ordersync.demo").doesNotContain("demo-"));
        }
    }

    private static boolean refersToDemoTree(Path classFile) {
        try {
            // constant pool strings are modified UTF-8; the package name is plain ASCII either way
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("io/ordersync/demo/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
