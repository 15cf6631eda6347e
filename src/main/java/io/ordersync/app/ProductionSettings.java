package io.ordersync.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a start outside the demo profile refuses, before anything is started: a secret that is missing or is one of the
 * demo's (its value starts with {@value #DEMO_PREFIX}), and the demo profile's embedded services switched on. The
 * secrets: the API keys ({@code ordersync.api.keys}, when {@code ordersync.api.auth} has api-key), the API users'
 * passwords ({@code ordersync.api.users}, when it has basic), the admin console users' passwords
 * ({@code ordersync.admin.users}, when the console is enabled) and the database password
 * ({@code ordersync.db.password}: it may be empty, as PostgreSQL may authenticate otherwise, but never a demo one).
 * <p>
 * Each problem names the setting and its environment variable, and the caller or user whose secret it is; never a
 * secret's value.
 */
public final class ProductionSettings {

    /** The prefix of every secret the demo profile ships; none of them is ever right outside it. */
    public static final String DEMO_PREFIX = "demo-";

    private ProductionSettings() {
    }

    /**
     * Fails with one message listing every problem; does nothing when there are none.
     *
     * @param profile  the active profile, for the message
     * @param settings the runtime's settings by key (resolved, with environment variables and -D applied)
     */
    public static void check(String profile, Function<String, Optional<String>> settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the " + profile + " profile refuses to start: " + String.join("; ", problems)
                    + " (docs/production.md)");
        }
    }

    /** Every problem, one sentence each; empty when the settings are fit for production. */
    public static List<String> problems(Function<String, Optional<String>> settings) {
        List<String> problems = new ArrayList<>();
        Set<String> auth = split(settings.apply("ordersync.api.auth").orElse("api-key")).collect(Collectors.toSet());
        if (auth.contains("api-key")) {
            secretPairs(settings, "ordersync.api.keys", "caller", "key", problems);
        }
        if (auth.contains("basic")) {
            secretPairs(settings, "ordersync.api.users", "user", "password", problems);
        }
        if (flag(settings, "ordersync.admin.enabled")) {
            secretPairs(settings, "ordersync.admin.users", "user", "password", problems);
        }
        if (settings.apply("ordersync.db.password").orElse("").strip().startsWith(DEMO_PREFIX)) {
            problems.add(setting("ordersync.db.password") + " is a demo password (starts with " + DEMO_PREFIX + ")");
        }
        for (String embedded : List.of("ordersync.kafka.embedded", "ordersync.simulators.enabled")) {
            if (flag(settings, embedded)) {
                problems.add(setting(embedded) + " is true, but the embedded broker and the simulators belong to the"
                        + " demo profile only (set ordersync.kafka.brokers and the ERP and CRM URLs instead)");
            }
        }
        return problems;
    }

    /** A list of name:secret pairs: at least one, none with a demo secret (malformed entries are the parser's). */
    private static void secretPairs(Function<String, Optional<String>> settings, String key, String owner,
                                    String secret, List<String> problems) {
        List<String> entries = split(settings.apply(key).orElse("")).toList();
        if (entries.isEmpty()) {
            problems.add(setting(key) + " is not set: give " + owner + ":" + secret + " pairs");
            return;
        }
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String name = colon < 0 ? "?" : entry.substring(0, colon);
            if (colon >= 0 && entry.substring(colon + 1).startsWith(DEMO_PREFIX)) {
                problems.add(setting(key) + ": the " + secret + " of " + owner + " " + name + " is a demo " + secret
                        + " (starts with " + DEMO_PREFIX + ")");
            }
        }
    }

    /** The setting and the environment variable that sets it, e.g. {@code ordersync.api.keys (ORDERSYNC_API_KEYS)}. */
    static String setting(String key) {
        return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }

    private static boolean flag(Function<String, Optional<String>> settings, String key) {
        return Boolean.parseBoolean(settings.apply(key).orElse("false").strip());
    }

    private static Stream<String> split(String list) {
        return Stream.of(list.split(",")).map(String::strip).filter(s -> !s.isEmpty());
    }
}
