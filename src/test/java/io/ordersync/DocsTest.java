package io.ordersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md and docs/*.md true mechanically, without booting the runtime: links lead somewhere, every setting
 * of application.properties (ordersync.* and camel.*) is documented and every documented setting still exists, and the README stays a short
 * entry point with the two quickstart commands.
 */
class DocsTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final Path CONFIGURATION_DOC = DOCS.resolve("configuration.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    static final String RUN_COMMAND = "mvn -q -DskipTests package && java -jar target/ordersync-runner.jar demo";
    static final String TEST_COMMAND = "mvn verify";
    static final int README_MAX_LINES = 200;

    /** [text](target) and ![alt](target); the target ends at the first blank or closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    /** A key in the first column of a configuration table: | `ordersync.some.key` | ... */
    private static final Pattern TABLE_KEY = Pattern.compile("^\\|\\s*`((?:ordersync|camel)\\.[A-Za-z0-9._-]+)`");
    private static final Pattern ENV_VARIABLE = Pattern.compile("\\{\\{env:([A-Z0-9_]+):");

    @Test
    void readmeIsAShortEntryPointWithTheTwoQuickstartCommands() {
        List<String> lines = lines(README);
        assertThat(lines.size())
                .as("README.md has %d lines; keep it under %d and put details into docs/", lines.size(),
                        README_MAX_LINES)
                .isLessThan(README_MAX_LINES);
        String readme = String.join("\n", lines);
        assertThat(readme).contains(RUN_COMMAND).contains(TEST_COMMAND);
        assertThat(lines).as("the quickstart's test command on a line of its own (in the code block)")
                .anyMatch(line -> line.strip().startsWith(TEST_COMMAND));
    }

    @Test
    void everyRelativeLinkLeadsToAnExistingFileAndHeading() {
        List<String> broken = new ArrayList<>();
        for (Path doc : markdownFiles()) {
            for (String target : links(doc)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: - outside the project
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? doc : doc.getParent() == null
                        ? Path.of(file).normalize() : doc.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target + " (no file " + resolved + ")");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(anchor)) {
                    broken.add(doc + ": " + target + " (no heading #" + anchor + " in " + resolved + ")");
                }
            }
        }
        assertThat(broken).as("links in README.md and docs/*.md that lead nowhere").isEmpty();
    }

    @Test
    void everySettingOfApplicationPropertiesIsDocumented() {
        String configuration = String.join("\n", lines(CONFIGURATION_DOC));
        Set<String> missing = new TreeSet<>();
        for (String key : propertyKeys()) {
            if (!configuration.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        Matcher env = ENV_VARIABLE.matcher(String.join("\n", lines(PROPERTIES)));
        while (env.find()) {
            if (!configuration.contains(env.group(1))) {
                missing.add(env.group(1));
            }
        }
        assertThat(missing).as("settings of %s not documented in %s", PROPERTIES, CONFIGURATION_DOC).isEmpty();
    }

    @Test
    void everyDocumentedSettingStillExists() {
        Set<String> defined = propertyKeys();
        String code = sourcesText();
        List<String> gone = new ArrayList<>();
        for (String line : lines(CONFIGURATION_DOC)) {
            Matcher key = TABLE_KEY.matcher(line);
            if (!key.find()) {
                continue;
            }
            String name = key.group(1);
            boolean exists = defined.contains(name)
                    || name.startsWith("ordersync.") && (code.contains("\"" + name + "\"")
                    || code.contains("{{" + name + "}}"));
            if (!exists) {
                gone.add(name);
            }
        }
        assertThat(gone).as("settings documented in %s that neither %s defines nor the code reads",
                CONFIGURATION_DOC, PROPERTIES).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Link targets outside fenced code blocks and inline code. */
    static List<String> links(Path doc) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(doc)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors a Markdown renderer such as GitHub's gives the headings of a file. */
    static Set<String> anchors(Path doc) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines(doc)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(2));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    /** Lower case, punctuation dropped, each space a hyphen (GitHub's rule). */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1"); // a link in a heading: its text
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> propertyKeys() {
        Set<String> keys = new TreeSet<>();
        for (String line : lines(PROPERTIES)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            keys.add(trimmed.substring(0, trimmed.indexOf('=')).strip());
        }
        return keys;
    }

    /** The main Java sources and the route files: where a setting that has no line in the properties is read. */
    private static String sourcesText() {
        try (Stream<Path> java = Files.walk(Path.of("src/main/java"));
             Stream<Path> routes = Files.walk(Path.of("routes"))) {
            return Stream.concat(java, routes).filter(Files::isRegularFile)
                    .map(DocsTest::text).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
