package io.ordersync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container image Maven builds ({@code target/ordersync-image.tar}, docs/production.md "Container image"), read
 * as a container engine reads it: {@code manifest.json}, the image configuration, and the layers unpacked in order
 * into one root file system. No container engine runs here, so {@link #command} runs the image's entrypoint as one
 * would: with that root as {@code /}, {@code /proc} mounted, the image's working directory and user, and only the
 * image's environment plus what the caller adds (as {@code docker run -e}). The process keeps the host's network.
 */
public final class ContainerImage {

    public static final Path TAR = Path.of("target", "ordersync-image.tar");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final JsonNode manifest;
    private final JsonNode config;
    private final Path unpacked;

    private ContainerImage(Path unpacked, Path root, JsonNode manifest, JsonNode config) {
        this.unpacked = unpacked;
        this.root = root;
        this.manifest = manifest;
        this.config = config;
    }

    /** Unpacks {@link #TAR} under {@code work}: the archive into {@code work/archive}, its layers into {@code work/root}. */
    public static ContainerImage unpack(Path work) throws IOException {
        Path archive = work.resolve("archive");
        Path root = work.resolve("root");
        Files.createDirectories(archive);
        Files.createDirectories(root);
        run(List.of("tar", "-xf", TAR.toAbsolutePath().toString(), "-C", archive.toString()));
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());
        for (JsonNode layer : manifest.get("Layers")) {
            // as root, tar keeps each entry's mode (777 folders, 755 programs) as the image gives it
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", archive.resolve(layer.asText()).toString(),
                    "-C", root.toString()));
        }
        // what an engine adds before it starts a container: /etc/hosts naming the container's host name (Quartz's
        // instance id needs it to resolve), the host's /etc/resolv.conf, the mount point of /proc, and the devices of /dev that a JVM opens
        // (/dev/null, /dev/zero, /dev/random, /dev/urandom)
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost " + java.net.InetAddress.getLocalHost()
                .getHostName() + "\n::1 localhost\n");
        Path resolvConf = Path.of("/etc/resolv.conf");
        if (Files.isReadable(resolvConf)) {
            Files.copy(resolvConf, root.resolve("etc/resolv.conf"));
        }
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        run(List.of("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3"));
        run(List.of("mknod", "-m", "666", root.resolve("dev/zero").toString(), "c", "1", "5"));
        run(List.of("mknod", "-m", "666", root.resolve("dev/random").toString(), "c", "1", "8"));
        run(List.of("mknod", "-m", "666", root.resolve("dev/urandom").toString(), "c", "1", "9"));
        return new ContainerImage(archive, root, manifest, config);
    }

    /** The image's root file system. */
    public Path root() {
        return root;
    }

    /** The folder the archive was unpacked into (manifest.json, the configuration, the layers). */
    public Path archive() {
        return unpacked;
    }

    /** The archive's manifest entry of this image. */
    public JsonNode manifest() {
        return manifest;
    }

    /** The image configuration; its {@code config} holds Entrypoint, User, WorkingDir, Env and ExposedPorts. */
    public JsonNode config() {
        return config;
    }

    /** The image's environment ({@code Env}). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode entry : config.path("config").path("Env")) {
            String text = entry.asText();
            int equals = text.indexOf('=');
            env.put(text.substring(0, equals), text.substring(equals + 1));
        }
        return env;
    }

    /** The image's entrypoint. */
    public List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        config.path("config").path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        return entrypoint;
    }

    /**
     * The command that runs {@code program} (the entrypoint when empty) in the image: {@code env -i} leaves the
     * image's environment and {@code env} alone, {@code unshare} mounts {@code /proc} in a mount namespace of its own
     * (the launcher finds its libraries through it), changes root to the image, the working directory and the user
     * to the image's, then executes the program (no fork: a signal to the process reaches the JVM).
     */
    public List<String> command(Map<String, String> env, List<String> program) {
        Map<String, String> environment = new LinkedHashMap<>(environment());
        environment.putAll(env);
        String[] user = config.path("config").path("User").asText().split(":");
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(List.of("/usr/bin/unshare", "--mount-proc=/proc", "--root=" + root.toAbsolutePath(),
                "--wd=" + config.path("config").path("WorkingDir").asText(), "--setuid", user[0], "--setgid", user[1]));
        command.addAll(program.isEmpty() ? entrypoint() : program);
        return command;
    }

    /** Runs {@code program} in the image to its end (within a minute): its exit code and output. */
    public ToolRun run(Map<String, String> env, List<String> program) throws IOException {
        return ToolRun.run(command(env, program), null, Duration.ofMinutes(1));
    }

    private static void run(List<String> command) throws IOException {
        ToolRun run = ToolRun.run(command, null, Duration.ofMinutes(1));
        if (run.exitCode() != 0) {
            throw new UncheckedIOException(new IOException(command + " failed: " + run.output()));
        }
    }
}
