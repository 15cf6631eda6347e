package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.support.ApiAuthenticationException;
import io.ordersync.support.ApiForbiddenException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiSecurityTest {

    private static final ApiRoles ROLES = ApiRoles.parse("crm=submitter:orders;erp=status-source:erp;support=operator;"
            + "ops=viewer", Set.of("acme-hardware"), Set.of("erp", "wms"));

    private static CamelContext camel;

    private final ApiSecurity both = new ApiSecurity("api-key, basic", "crm:crm-key-1, erp:erp-key-2",
            "support:s3cret,ops:pa:ss:word", ROLES);

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    // ------------------------------------------------------------------ api-key

    @Test
    void a_valid_api_key_names_the_caller_and_the_credentials_are_removed() {
        Exchange exchange = request("X-API-Key", "erp-key-2");
        exchange.getMessage().setHeader("Authorization", basic("support", "s3cret"));
        exchange.getMessage().setHeader("X-Other", "kept");

        both.authenticate(exchange);

        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isEqualTo("erp");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys("X-API-Key", "Authorization")
                .containsEntry("X-Other", "kept");
    }

    @Test
    void an_invalid_api_key_is_refused_with_a_challenge() {
        Exchange exchange = request("X-API-Key", "crm-key-");

        assertThatThrownBy(() -> both.authenticate(exchange))
                .isInstanceOfSatisfying(ApiAuthenticationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("the X-API-Key is not valid");
                    assertThat(e.challenge()).isEqualTo("Basic realm=\"ordersync\"");
                });
        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isNull();

        ApiSecurity keysOnly = new ApiSecurity("api-key", "crm:crm-key-1", "", ROLES);
        assertThatThrownBy(() -> keysOnly.authenticate(request("X-API-Key", "CRM-KEY-1")))
                .isInstanceOfSatisfying(ApiAuthenticationException.class,
                        e -> assertThat(e.challenge()).isEqualTo("ApiKey header=\"X-API-Key\""));
    }

    @Test
    void an_api_key_is_not_accepted_when_only_basic_is_enabled() {
        ApiSecurity basicOnly = new ApiSecurity("basic", "crm:crm-key-1", "support:s3cret", ROLES);
        assertThatThrownBy(() -> basicOnly.authenticate(request("X-API-Key", "crm-key-1")))
                .isInstanceOf(ApiAuthenticationException.class)
                .hasMessage("credentials are required (basic)");
    }

    // ------------------------------------------------------------------ basic

    @Test
    void valid_basic_credentials_name_the_user_and_are_removed() {
        Exchange exchange = request("Authorization", basic("support", "s3cret"));
        both.authenticate(exchange);
        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isEqualTo("support");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey("Authorization");

        // the scheme is case-insensitive and a password may contain colons
        Exchange colons = request("Authorization", basic("ops", "pa:ss:word").replace("Basic", "bAsIc"));
        both.authenticate(colons);
        assertThat(colons.getProperty(ApiSecurity.CALLER)).isEqualTo("ops");
    }

    @Test
    void a_wrong_password_or_unknown_user_is_refused() {
        assertThatThrownBy(() -> both.authenticate(request("Authorization", basic("support", "S3cret"))))
                .isInstanceOf(ApiAuthenticationException.class).hasMessage("user or password is wrong");
        assertThatThrownBy(() -> both.authenticate(request("Authorization", basic("nobody", "s3cret"))))
                .isInstanceOf(ApiAuthenticationException.class).hasMessage("user or password is wrong");
        String noColon = "Basic " + Base64.getEncoder().encodeToString("support".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> both.authenticate(request("Authorization", noColon)))
                .isInstanceOf(ApiAuthenticationException.class).hasMessage("user or password is wrong");
    }

    @Test
    void garbled_base64_is_refused_as_not_valid_basic() {
        Exchange exchange = request("Authorization", "Basic %%%not-base64%%%");
        assertThatThrownBy(() -> both.authenticate(exchange))
                .isInstanceOfSatisfying(ApiAuthenticationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("the Authorization header is not valid Basic");
                    assertThat(e.challenge()).startsWith("Basic ");
                });
        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isNull();
    }

    @Test
    void no_credentials_or_another_scheme_are_refused_naming_the_accepted_methods() {
        assertThatThrownBy(() -> both.authenticate(new DefaultExchange(camel)))
                .isInstanceOf(ApiAuthenticationException.class)
                .hasMessageStartingWith("credentials are required (")
                .hasMessageContaining("api-key").hasMessageContaining("basic");
        assertThatThrownBy(() -> both.authenticate(request("Authorization", "Bearer abc.def")))
                .isInstanceOf(ApiAuthenticationException.class)
                .hasMessageStartingWith("credentials are required");
    }

    @Test
    void an_api_key_in_the_query_string_is_refused_even_when_valid_and_nothing_of_it_stays_on_the_exchange() {
        // what the HTTP server makes of POST /api/v1/orders?X-API-Key=crm-key-1: the parameter becomes a header too
        Exchange exchange = request("X-API-Key", "crm-key-1");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "x-api-key=crm-key-1&limit=5");
        exchange.getMessage().setHeader(Exchange.HTTP_RAW_QUERY, "x-api-key=crm-key-1&limit=5");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "/api/v1/orders?x-api-key=crm-key-1&limit=5");
        exchange.getMessage().setHeader(Exchange.HTTP_URL, "http://h/api/v1/orders?x-api-key=crm-key-1&limit=5");

        assertThatThrownBy(() -> both.authenticate(exchange))
                .isInstanceOf(ApiAuthenticationException.class)
                .hasMessage("credentials are accepted only in the X-API-Key or Authorization header, never in the"
                        + " query string");
        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isNull();
        assertThat(exchange.getMessage().getHeaders().toString()).doesNotContain("crm-key-1");

        Exchange encoded = request("Authorization", basic("support", "s3cret"));
        encoded.getMessage().setHeader(Exchange.HTTP_RAW_QUERY, "X%2DAPI%2DKey=crm-key-1");
        assertThatThrownBy(() -> both.authenticate(encoded)).isInstanceOf(ApiAuthenticationException.class);
    }

    @Test
    void a_refused_key_does_not_stay_on_the_exchange() {
        Exchange exchange = request("X-API-Key", "wrong-key-value");
        assertThatThrownBy(() -> both.authenticate(exchange)).isInstanceOf(ApiAuthenticationException.class);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey("X-API-Key");
    }

    // ------------------------------------------------------------------ roles

    @Test
    void an_authenticated_caller_carries_its_roles_and_is_checked_per_operation() {
        Exchange crm = request("X-API-Key", "crm-key-1");
        both.authenticate(crm);
        assertThat(crm.getProperty(ApiSecurity.CALLER_ROLES)).isEqualTo(Set.of("submitter:orders"));
        both.authorizeOperation(crm, "submitOrder");
        assertThatThrownBy(() -> both.authorizeOperation(crm, "replayDeadLetter"))
                .isInstanceOfSatisfying(ApiForbiddenException.class, e -> {
                    assertThat(e.requiredRole()).isEqualTo("operator");
                    assertThat(e.getMessage()).isEqualTo("caller crm may not call replayDeadLetter: it needs the role"
                            + " operator");
                });

        Exchange support = request("Authorization", basic("support", "s3cret"));
        both.authenticate(support);
        both.authorizeOperation(support, "replayDeadLetter");
        both.authorizeOperation(support, "listDeadLetters");
        assertThatThrownBy(() -> both.authorizeOperation(support, "submitOrder"))
                .isInstanceOf(ApiForbiddenException.class);
    }

    @Test
    void a_status_source_posts_only_its_own_source() {
        Exchange erp = request("X-API-Key", "erp-key-2");
        both.authenticate(erp);
        erp.getMessage().setHeader("source", "erp");
        both.authorizeOperation(erp, "receiveStatusEvent");
        erp.getMessage().setHeader("source", "wms");
        assertThatThrownBy(() -> both.authorizeOperation(erp, "receiveStatusEvent"))
                .isInstanceOfSatisfying(ApiForbiddenException.class,
                        e -> assertThat(e.requiredRole()).isEqualTo("status-source:wms"));
    }

    @Test
    void an_operation_without_a_rule_is_refused_to_everybody() {
        Exchange support = request("Authorization", basic("support", "s3cret"));
        both.authenticate(support);
        assertThatThrownBy(() -> both.authorizeOperation(support, "deleteEverything"))
                .isInstanceOf(ApiForbiddenException.class).hasMessageContaining("has no rule");
    }

    @Test
    void a_caller_with_credentials_but_no_role_is_a_configuration_error() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("api-key", "crm:k1,billing:k2", "",
                        ROLES))
                .withMessageStartingWith("ordersync.api.roles: caller billing has credentials but no role");
    }

    // ------------------------------------------------------------------ none

    @Test
    void none_lets_everyone_in_as_anonymous() {
        ApiSecurity none = new ApiSecurity("none", "", "", ROLES);
        Exchange exchange = new DefaultExchange(camel);
        none.authenticate(exchange);
        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isEqualTo("anonymous");

        Exchange withWrongKey = request("X-API-Key", "anything");
        none.authenticate(withWrongKey);
        assertThat(withWrongKey.getProperty(ApiSecurity.CALLER)).isEqualTo("anonymous");
    }

    // ------------------------------------------------------------------ configuration

    @Test
    void a_key_entry_without_colon_is_a_configuration_error_that_does_not_print_the_key() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("api-key", "crm:ok,topsecretkey", "", ROLES))
                .withMessageStartingWith("ordersync.api.keys: ")
                .withMessageContaining("must be caller:key")
                .withMessageNotContaining("topsecretkey");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("api-key", ":nocaller", "", ROLES))
                .withMessageStartingWith("ordersync.api.keys: ");
    }

    @Test
    void a_user_entry_without_colon_is_a_configuration_error() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("basic", "", "support", ROLES))
                .withMessageStartingWith("ordersync.api.users: entries must be user:password");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("basic", "", "support:", ROLES))
                .withMessageContaining("non-empty password");
    }

    @Test
    void an_empty_key_or_none_mixed_with_real_methods_is_a_configuration_error() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("api-key", "crm:", "", ROLES))
                .withMessageContaining("non-empty key");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("api-key,none", "crm:k", "", ROLES))
                .withMessage("ordersync.api.auth: 'none' cannot be combined with other methods");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity(" , ", "crm:k", "", ROLES))
                .withMessageContaining("name at least one");
    }

    @Test
    void an_unknown_method_is_a_configuration_error() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSecurity("api-key,oauth2", "crm:k", "", ROLES))
                .withMessage("ordersync.api.auth: 'oauth2' is not one of api-key, basic, none");
    }

    // ------------------------------------------------------------------ helpers

    private static Exchange request(String header, String value) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(header, value);
        return exchange;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
