package io.ordersync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests ({@code src/deploy/kubernetes}, docs/production.md "Kubernetes") checked without a
 * cluster: against the Kubernetes API schemas (required fields, types, formats; {@code src/test/kubernetes/validate.mjs}
 * with kubernetes-models), read into the API's Java types with every field name known to them (a misspelt field is
 * silently ignored by a cluster), and against the image and the runtime they deploy: user, port, probe paths,
 * setting names, mounts, the shutdown budget, and the Secret's keys as docs/production.md creates them.
 */
class KubernetesManifestsIT {

    private static final Path MANIFESTS = Path.of("src/deploy/kubernetes");
    private static final Path VALIDATOR = Path.of("src/test/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void every_manifest_is_valid_against_the_kubernetes_api_schemas() throws Exception {
        List<Path> files = manifests();
        ToolRun run = validate(files);
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<JsonNode> reports = run.output().lines().filter(line -> line.startsWith("{"))
                .map(KubernetesManifestsIT::json).toList();
        assertThat(reports).allMatch(report -> report.path("valid").asBoolean());
        assertThat(reports).extracting(report -> report.path("kind").asText())
                .containsExactlyInAnyOrder("ConfigMap", "Deployment", "PodDisruptionBudget", "Service");
    }

    @Test
    void the_schema_check_refuses_a_probe_without_a_port_and_replicas_that_are_not_a_number() throws Exception {
        String deployment = Files.readString(MANIFESTS.resolve("deployment.yaml"));
        Path broken = Files.createTempFile("ordersync-broken-", ".yaml");
        try {
            Files.writeString(broken, deployment.replace("replicas: 2", "replicas: two")
                    .replaceFirst("(?m)^( +)path: /observe/health/ready\n +port: http\n", "$1path: /observe/health/ready\n"));
            ToolRun run = validate(List.of(broken));
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("spec/replicas must be integer")
                    .contains("readinessProbe/httpGet must have required property port");
        } finally {
            Files.delete(broken);
        }
    }

    @Test
    void every_field_name_is_one_the_kubernetes_api_knows() throws Exception {
        for (Path file : manifests()) {
            Object resource = read(file);
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, file.getFileName().toString(), unknown);
            assertThat(unknown).as("fields a cluster would ignore in %s", file).isEmpty();
        }
        // and the check finds one
        String misspelt = Files.readString(MANIFESTS.resolve("deployment.yaml"))
                .replace("terminationGracePeriodSeconds:", "terminationGracePeriod:");
        List<String> unknown = new ArrayList<>();
        unknownFields(YAML.readValue(misspelt, Deployment.class), "deployment.yaml", unknown);
        assertThat(unknown).singleElement().asString().contains("terminationGracePeriod");
    }

    @Test
    void the_deployment_runs_the_image_as_its_user_on_its_port_with_probes_the_runtime_serves() throws Exception {
        Deployment deployment = (Deployment) read(MANIFESTS.resolve("deployment.yaml"));
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        JsonNode image = imageConfiguration();
        assertThat(container.getImage()).isEqualTo(image.path("RepoTags").get(0).asText());
        String[] user = image.path("config").path("User").asText().split(":");
        var podSecurity = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(Long.parseLong(user[0]));
        assertThat(podSecurity.getRunAsGroup()).isEqualTo(Long.parseLong(user[1]));
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(image.path("config").path("ExposedPorts").has(container.getPorts().get(0).getContainerPort() + "/tcp"))
                .isTrue();
        // the paths RunnerJarPostgresJarIT asks the image for
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/observe/health/live");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/observe/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/observe/health/ready");
        // a stop ends within the grace period: the preStop sleep, then Camel's shutdown timeout, with room to spare
        long shutdownTimeout = Long.parseLong(applicationProperties().getProperty("camel.main.shutdownTimeout"));
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(preStop + shutdownTimeout + 10);
    }

    @Test
    void every_setting_named_is_one_the_runtime_reads_and_every_credential_comes_from_the_secret() throws Exception {
        Deployment deployment = (Deployment) read(MANIFESTS.resolve("deployment.yaml"));
        ConfigMap settings = (ConfigMap) read(MANIFESTS.resolve("configmap-settings.yaml"));
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> readByRuntime = environmentVariablesReadByTheRuntime();
        Set<String> named = new TreeSet<>(settings.getData().keySet());
        container.getEnv().forEach(variable -> named.add(variable.getName()));
        assertThat(readByRuntime).as("settings of application.properties").containsAll(named);

        List<String> secretVariables = container.getEnv().stream().filter(variable -> variable.getValueFrom() != null)
                .map(EnvVar::getName).toList();
        assertThat(secretVariables).containsExactlyInAnyOrder("ORDERSYNC_DB_USER", "ORDERSYNC_DB_PASSWORD",
                "ORDERSYNC_API_KEYS", "ORDERSYNC_API_USERS", "ORDERSYNC_ADMIN_USERS");
        assertThat(settings.getData().keySet()).noneMatch(name -> name.contains("PASSWORD") || name.contains("KEYS")
                || name.contains("USERS"));
        // the keys docs/production.md puts into the Secret are the ones the Deployment reads
        Set<String> secretKeys = new TreeSet<>();
        container.getEnv().stream().filter(variable -> variable.getValueFrom() != null).forEach(variable -> {
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ordersync-secrets");
            secretKeys.add(variable.getValueFrom().getSecretKeyRef().getKey());
        });
        String production = Files.readString(Path.of("docs/production.md"));
        Matcher command = Pattern.compile("kubectl create secret generic ordersync-secrets([^`]*?)(\n\n|```)",
                Pattern.DOTALL).matcher(production);
        assertThat(command.find()).as("docs/production.md creates the Secret").isTrue();
        Set<String> documented = new TreeSet<>();
        Matcher literal = Pattern.compile("--from-literal=([a-z-]+)=").matcher(command.group(1));
        while (literal.find()) {
            documented.add(literal.group(1));
        }
        assertThat(documented).isEqualTo(secretKeys);
    }

    @Test
    void mappings_and_partner_profiles_come_from_config_maps_where_the_settings_point() throws Exception {
        Deployment deployment = (Deployment) read(MANIFESTS.resolve("deployment.yaml"));
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> env = new java.util.HashMap<>();
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        Map<String, String> configMapOfVolume = new java.util.HashMap<>();
        pod.getVolumes().stream().filter(volume -> volume.getConfigMap() != null)
                .forEach(volume -> configMapOfVolume.put(volume.getName(), volume.getConfigMap().getName()));
        Map<String, String> configMapAt = new java.util.HashMap<>();
        container.getVolumeMounts().stream().filter(mount -> configMapOfVolume.containsKey(mount.getName()))
                .forEach(mount -> configMapAt.put(mount.getMountPath(), configMapOfVolume.get(mount.getName())));
        assertThat(configMapAt).containsEntry(env.get("ORDERSYNC_MAPPINGS"), "ordersync-mappings")
                .containsEntry(env.get("ORDERSYNC_PARTNERS"), "ordersync-partners");
        // the folders the user writes to are volumes: the root file system is read-only
        Set<String> mounted = new TreeSet<>();
        container.getVolumeMounts().forEach(mount -> mounted.add(mount.getMountPath()));
        assertThat(mounted).contains("/app/data", "/tmp");
    }

    @Test
    void the_service_and_the_disruption_budget_select_the_deployments_pods() throws Exception {
        Deployment deployment = (Deployment) read(MANIFESTS.resolve("deployment.yaml"));
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        Service service = (Service) read(MANIFESTS.resolve("service.yaml"));
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal())
                .isEqualTo(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getName());
        PodDisruptionBudget budget = (PodDisruptionBudget) read(MANIFESTS.resolve("poddisruptionbudget.yaml"));
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isLessThan(deployment.getSpec().getReplicas());
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Object read(Path file) throws IOException {
        JsonNode tree = YAML.readTree(file.toFile());
        Class<?> type = switch (tree.path("kind").asText()) {
            case "Deployment" -> Deployment.class;
            case "Service" -> Service.class;
            case "ConfigMap" -> ConfigMap.class;
            case "PodDisruptionBudget" -> PodDisruptionBudget.class;
            default -> throw new AssertionError("a kind this test does not know: " + tree.path("kind") + " in " + file);
        };
        return YAML.treeToValue(tree, type);
    }

    /**
     * The API types keep a field they do not know in their additional properties: every non-empty one, with its path.
     */
    private static void unknownFields(Object node, String path, List<String> found) throws Exception {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), found);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), found);
            }
        }
    }

    /** The variables application.properties (and its prod profile) reads: {@code {{env:NAME...}}}. */
    private static Set<String> environmentVariablesReadByTheRuntime() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String file : List.of("application.properties", "application-prod.properties")) {
            Matcher env = Pattern.compile("\\{\\{env:([A-Z0-9_]+)")
                    .matcher(Files.readString(Path.of("src/main/resources", file)));
            while (env.find()) {
                names.add(env.group(1));
            }
        }
        return names;
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** manifest.json of target/ordersync-image.tar with the image configuration's fields merged in. */
    private static JsonNode imageConfiguration() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(tarEntry("manifest.json")).get(0);
        var merged = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                tarEntry(manifest.path("Config").asText()));
        merged.set("RepoTags", manifest.path("RepoTags"));
        return merged;
    }

    private static String tarEntry(String name) throws Exception {
        ToolRun tar = ToolRun.run("tar", "-xOf", ContainerImage.TAR.toString(), name);
        assertThat(tar.exitCode()).as("tar -xOf %s %s: %s", ContainerImage.TAR, name, tar.output()).isZero();
        return tar.output();
    }

    /** node validate.mjs FILE... in src/test/kubernetes (npm ci there first when its modules are missing). */
    private static ToolRun validate(List<Path> files) throws Exception {
        if (!Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models"))) {
            ToolRun npmCi = ToolRun.run(List.of("npm", "ci", "--no-audit", "--no-fund"), VALIDATOR,
                    Duration.ofMinutes(3));
            assertThat(npmCi.exitCode()).as("npm ci in %s:%n%s", VALIDATOR, npmCi.output()).isZero();
        }
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        files.forEach(file -> command.add(file.toAbsolutePath().toString()));
        return ToolRun.run(command, VALIDATOR, Duration.ofMinutes(1));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
