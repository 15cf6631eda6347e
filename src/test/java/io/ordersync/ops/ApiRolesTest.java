package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.support.Callers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiRolesTest {

    private static final Set<String> PARTNERS = Set.of("acme-hardware", "rheinland-technik");
    private static final Set<String> SOURCES = Set.of("erp", "wms", "tms", "ar");

    /** Every operationId of the contract: a new operation without a rule fails here. */
    static Set<String> contractOperations() throws IOException {
        String contract = Files.readString(Path.of("src/main/resources/openapi/ordersync-api.yaml"),
                StandardCharsets.UTF_8);
        Set<String> operations = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?m)^\\s*operationId:\\s*(\\S+)\\s*$").matcher(contract);
        while (matcher.find()) {
            operations.add(matcher.group(1));
        }
        return operations;
    }

    @Test
    void every_operation_of_the_contract_and_the_soap_service_has_a_rule_and_every_rule_an_operation()
            throws IOException {
        Set<String> operations = contractOperations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(16);
        operations.add(ApiRoles.SOAP_ORDERS);
        assertThat(ApiRoles.operationsWithRules()).as("operations with a rule in ApiRoles.RULES")
                .containsExactlyInAnyOrderElementsOf(operations);
    }

    @Test
    void roles_are_read_per_caller_and_operator_includes_viewer() {
        ApiRoles roles = ApiRoles.parse(" crm = submitter:orders , submitter:quotes ; support=operator;;"
                + "acme=partner:acme-hardware", PARTNERS, SOURCES);
        assertThat(roles.of("crm")).containsExactlyInAnyOrder("submitter:orders", "submitter:quotes");
        assertThat(roles.of("support")).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(roles.of("acme")).containsExactly("partner:acme-hardware");
        assertThat(roles.of("stranger")).isEmpty();
        assertThat(Callers.partnersOf(roles.of("acme"))).containsExactly("acme-hardware");
    }

    @Test
    void an_unknown_role_stops_startup_naming_it() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiRoles.parse("crm=submitter:orders,admin", PARTNERS, SOURCES))
                .withMessageStartingWith("ordersync.api.roles: caller crm has the unknown role 'admin'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiRoles.parse("x=partner:nobody", PARTNERS, SOURCES))
                .withMessageContaining("unknown role 'partner:nobody'").withMessageContaining("acme-hardware");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiRoles.parse("x=status-source:crm", PARTNERS, SOURCES))
                .withMessageContaining("unknown role 'status-source:crm'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiRoles.parse("x=submitter", PARTNERS, SOURCES))
                .withMessageContaining("unknown role 'submitter'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiRoles.parse("viewer", PARTNERS, SOURCES))
                .withMessageContaining("must be caller=role,role");
    }

    /** The shipped defaults start, and give the demo's callers what the demo does with them. */
    @Test
    void the_default_keys_users_and_roles_fit_the_demo() throws IOException {
        java.util.Properties defaults = new java.util.Properties();
        // the demo profile's settings over the base ones, as camel-main reads them (the demo keys live there)
        for (String file : List.of("application.properties", "application-demo.properties")) {
            try (var in = Files.newInputStream(Path.of("src/main/resources", file))) {
                defaults.load(in);
            }
        }
        Set<String> partners = io.ordersync.edi.PartnerProfiles.load(Path.of("mappings/partners")).all().keySet();
        Set<String> sources = Set.of(defaults.getProperty("ordersync.status-events.sources").split("\\s*,\\s*"));
        ApiRoles roles = ApiRoles.parse(envDefault(defaults, "ordersync.api.roles"), partners, sources);
        new ApiSecurity(envDefault(defaults, "ordersync.api.auth"), envDefault(defaults, "ordersync.api.keys"),
                envDefault(defaults, "ordersync.api.users"), roles);

        // the demo: CRM orders over REST and SOAP and their status (DemoApi), reconciliation as support
        assertThat(roles.of("crm")).contains("submitter:orders", "submitter:soap").doesNotContain("operator");
        assertThat(roles.of("support")).contains("operator");
        // the simulated sources post with keys of their own source only
        for (String pair : defaults.getProperty("ordersync.simulators.status-events.api-keys").split(",")) {
            String source = pair.split(":")[0];
            String key = pair.split(":")[1];
            String caller = java.util.Arrays.stream(envDefault(defaults, "ordersync.api.keys").split(","))
                    .filter(entry -> entry.endsWith(":" + key)).map(entry -> entry.split(":")[0]).findFirst()
                    .orElseThrow(() -> new AssertionError("no caller has the simulators' key of " + source));
            assertThat(roles.of(caller)).as(caller).containsExactly("status-source:" + source);
        }
    }

    /** The default of a {@code {{env:NAME:default}}} property. */
    private static String envDefault(java.util.Properties properties, String key) {
        String value = properties.getProperty(key).trim();
        Matcher env = Pattern.compile("^\\{\\{env:[A-Z_]+:(.*)}}$").matcher(value);
        return env.matches() ? env.group(1) : value;
    }

    @Test
    void a_caller_without_a_role_is_named() {
        ApiRoles roles = ApiRoles.parse("crm=viewer", PARTNERS, SOURCES);
        assertThatIllegalArgumentException().isThrownBy(() -> roles.requireRolesFor(Set.of("crm", "crn")))
                .withMessageContaining("caller crn has credentials but no role");
    }

    @Test
    void the_contract_is_open_to_every_role_and_to_no_caller_without_one() {
        ApiRoles roles = ApiRoles.parse("crm=submitter:orders;acme=partner:acme-hardware;wms=status-source:wms;"
                + "support=viewer", PARTNERS, SOURCES);
        for (String caller : List.of("crm", "acme", "wms", "support")) {
            roles.authorize(caller, roles.of(caller), "getApiContract", name -> null);
        }
        assertThatThrownBy(() -> roles.authorize("nobody", roles.of("nobody"), "getApiContract", name -> null))
                .isInstanceOf(io.ordersync.support.ApiForbiddenException.class)
                .hasMessageContaining("it needs the role any role");
        // and the rule gives nothing else away
        assertThatThrownBy(() -> roles.authorize("wms", roles.of("wms"), "listDeadLetters", name -> null))
                .isInstanceOf(io.ordersync.support.ApiForbiddenException.class);
    }
}
