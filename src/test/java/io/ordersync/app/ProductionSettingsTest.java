package io.ordersync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a start outside the demo profile refuses: missing and demo secrets, named by setting, never by value. */
class ProductionSettingsTest {

    /** Settings a production site could start with. */
    private static Map<String, String> production() {
        Map<String, String> settings = new HashMap<>();
        settings.put("ordersync.api.auth", "api-key,basic");
        settings.put("ordersync.api.keys", "crm:k-7f3a9c,acme:k-1b2c3d");
        settings.put("ordersync.api.users", "support:s3cret-pass");
        settings.put("ordersync.admin.enabled", "true");
        settings.put("ordersync.admin.users", "admin:adm1n-pass");
        settings.put("ordersync.db.password", "db-pass");
        return settings;
    }

    private static Function<String, Optional<String>> of(Map<String, String> settings) {
        return key -> Optional.ofNullable(settings.get(key));
    }

    @Test
    void real_secrets_pass() {
        assertThat(ProductionSettings.problems(of(production()))).isEmpty();
        ProductionSettings.check("prod", of(production()));
    }

    @Test
    void a_demo_api_key_is_refused_naming_the_setting_and_the_caller_never_the_key() {
        Map<String, String> settings = production();
        settings.put("ordersync.api.keys", "crm:k-7f3a9c,acme:demo-acme-key");
        assertThatThrownBy(() -> ProductionSettings.check("prod", of(settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the prod profile refuses to start")
                .hasMessageContaining("ordersync.api.keys (ORDERSYNC_API_KEYS): the key of caller acme is a demo key")
                .message().doesNotContain("demo-acme-key").doesNotContain("k-7f3a9c");
    }

    @Test
    void demo_passwords_of_api_and_console_users_and_the_database_are_refused() {
        Map<String, String> settings = production();
        settings.put("ordersync.api.users", "support:demo-support-password");
        settings.put("ordersync.admin.users", "admin:demo-admin-password");
        settings.put("ordersync.db.password", "demo-db");
        List<String> problems = ProductionSettings.problems(of(settings));
        assertThat(problems).containsExactly(
                "ordersync.api.users (ORDERSYNC_API_USERS): the password of user support is a demo password"
                        + " (starts with demo-)",
                "ordersync.admin.users (ORDERSYNC_ADMIN_USERS): the password of user admin is a demo password"
                        + " (starts with demo-)",
                "ordersync.db.password (ORDERSYNC_DB_PASSWORD) is a demo password (starts with demo-)");
        assertThat(String.join(" ", problems)).doesNotContain("demo-support-password", "demo-admin-password", "demo-db");
    }

    @Test
    void missing_secrets_are_refused_where_they_are_needed() {
        Map<String, String> settings = production();
        settings.put("ordersync.api.keys", "");
        settings.remove("ordersync.api.users");
        settings.put("ordersync.admin.users", " ");
        assertThat(ProductionSettings.problems(of(settings))).containsExactly(
                "ordersync.api.keys (ORDERSYNC_API_KEYS) is not set: give caller:key pairs",
                "ordersync.api.users (ORDERSYNC_API_USERS) is not set: give user:password pairs",
                "ordersync.admin.users (ORDERSYNC_ADMIN_USERS) is not set: give user:password pairs");
        // not needed: Basic users with api-key alone, console users with the console off, a database password at all
        settings.put("ordersync.api.auth", "api-key");
        settings.put("ordersync.api.keys", "crm:k-7f3a9c");
        settings.put("ordersync.admin.enabled", "false");
        settings.remove("ordersync.db.password");
        assertThat(ProductionSettings.problems(of(settings))).isEmpty();
    }

    @Test
    void the_demo_profiles_embedded_services_are_refused() {
        Map<String, String> settings = production();
        settings.put("ordersync.kafka.embedded", "true");
        settings.put("ordersync.simulators.enabled", "true");
        assertThat(ProductionSettings.problems(of(settings))).hasSize(2)
                .anyMatch(p -> p.startsWith("ordersync.kafka.embedded (ORDERSYNC_KAFKA_EMBEDDED) is true"))
                .anyMatch(p -> p.startsWith("ordersync.simulators.enabled (ORDERSYNC_SIMULATORS_ENABLED) is true"));
    }
}
