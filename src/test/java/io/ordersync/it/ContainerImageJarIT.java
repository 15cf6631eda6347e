package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image ({@code target/ordersync-image.tar}, built by {@code mvn package}) as a container engine would
 * load and start it: its manifest and configuration, the files of its layers, and its entrypoint run in its own root
 * file system as its own user. The image serving orders on PostgreSQL is in {@link RunnerJarPostgresJarIT}.
 */
class ContainerImageJarIT {

    private static Path work;
    private static ContainerImage image;

    @BeforeAll
    static void unpack() throws IOException {
        assertThat(ContainerImage.TAR).as("mvn package builds the image").exists();
        work = Files.createTempDirectory("ordersync-image-");
        image = ContainerImage.unpack(work);
    }

    @AfterAll
    static void remove() throws IOException {
        if (work != null) {
            io.ordersync.TestFiles.deleteRecursively(work);
        }
    }

    @Test
    void the_image_runs_the_server_jar_as_a_user_of_its_own_with_the_heap_sized_from_the_container() {
        assertThat(image.manifest().path("RepoTags").get(0).asText()).startsWith("ordersync:");
        JsonNode config = image.config().path("config");
        assertThat(image.entrypoint()).containsExactly("/opt/java/bin/java", "-jar", "/app/ordersync-server.jar");
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(image.environment())
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError")
                .containsEntry("ORDERSYNC_ROUTES", "file:/app/routes/*.camel.yaml")
                .containsEntry("ORDERSYNC_MAPPINGS", "/app/mappings")
                .containsEntry("ORDERSYNC_EDI_SPECS", "/app/edi-specs");
        assertThat(image.config().path("os").asText()).isEqualTo("linux");
        assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void every_layer_is_the_one_the_configuration_names() throws Exception {
        // an engine refuses to load an image whose layer's uncompressed digest is not the configuration's diff_id
        JsonNode layers = image.manifest().path("Layers");
        JsonNode diffIds = image.config().path("rootfs").path("diff_ids");
        assertThat(layers.size()).isEqualTo(diffIds.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < layers.size(); i++) {
            assertThat("sha256:" + uncompressedSha256(image.archive().resolve(layers.get(i).asText())))
                    .as("layer %d", i).isEqualTo(diffIds.get(i).asText());
        }
    }

    @Test
    void the_image_holds_the_project_routes_mappings_edi_specs_and_server_jar_and_nothing_of_the_build()
            throws IOException {
        Path app = image.root().resolve("app");
        for (String folder : List.of("routes", "mappings", "edi-specs")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(Path.of(folder))) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as(folder).isNotEmpty();
            for (Path file : files) {
                Path inImage = app.resolve(file.toString());
                assertThat(inImage).as("%s in the image", file).exists();
                assertThat(Files.mismatch(file, inImage)).as("%s as in the project", file).isEqualTo(-1L);
            }
        }
        assertThat(Files.mismatch(RunnerProcess.SERVER_JAR, app.resolve("ordersync-server.jar")))
                .as("the production artefact, not the runner").isEqualTo(-1L);
        // the layers Jib would make of target/classes and of the dependencies are not there: the jar has them
        try (Stream<Path> top = Files.list(app)) {
            assertThat(top.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("ordersync-server.jar", "routes", "mappings", "edi-specs", "data");
        }
        assertThat(Files.readAllLines(image.root().resolve("etc/passwd")))
                .contains("ordersync:x:10001:10001:ordersync:/app:/sbin/nologin");
        // the only places the user may write: data/ (a volume in production) and /tmp
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve("data"))))
                .isEqualTo("rwxrwxrwx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve("routes"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.isExecutable(image.root().resolve("opt/java/bin/java"))).isTrue();
        // no shell, no package manager (proc/ and dev/ are the engine's, as in ContainerImage)
        assertThat(image.root().resolve("bin")).doesNotExist();
        assertThat(image.root().resolve("usr")).doesNotExist();
    }

    @Test
    void the_jvm_in_the_image_takes_three_quarters_of_the_container_memory_as_heap() throws IOException {
        ToolRun flags = image.run(Map.of(), List.of("/opt/java/bin/java", "-XX:+PrintFlagsFinal",
                "-XshowSettings:properties", "-version"));
        assertThat(flags.exitCode()).as(flags.output()).isZero();
        assertThat(flags.output()).containsPattern("MaxRAMPercentage\\s+= 75\\.0")
                .containsPattern("ExitOnOutOfMemoryError\\s+= true")
                .contains("user.name = ordersync", "user.dir = /app");
    }

    @Test
    void the_entrypoint_starts_the_production_profile_which_refuses_to_run_without_secrets() throws IOException {
        // the image's own Java, libraries, jar and settings, as its user: the settings check runs and names each
        // missing secret (a start on PostgreSQL is RunnerJarPostgresJarIT's)
        ToolRun start = image.run(Map.of(), List.of());
        assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
        assertThat(start.output()).contains("The application is starting with profile: production")
                .contains("the prod profile refuses to start")
                .contains("ordersync.api.keys (ORDERSYNC_API_KEYS)")
                .contains("ordersync.admin.users (ORDERSYNC_ADMIN_USERS)");
    }

    private static String uncompressedSha256(Path layer) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(layer)), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
