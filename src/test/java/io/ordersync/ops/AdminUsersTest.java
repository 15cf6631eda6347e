package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminUsersTest {

    private final AdminUsers users = AdminUsers.parse("ann:pw-a,bob:pw:with:colons,cy:pw-c", "bob:viewer,cy:operator");

    @Test
    void a_user_logs_in_with_their_own_password_only() {
        assertThat(users.authenticate("ann", "pw-a")).contains("ann");
        assertThat(users.authenticate("bob", "pw:with:colons")).contains("bob");
        assertThat(users.authenticate("ann", "pw-c")).isEmpty();
        assertThat(users.authenticate("nobody", "pw-a")).isEmpty();
        assertThat(users.authenticate(null, null)).isEmpty();
    }

    @Test
    void roles_are_viewer_or_operator_and_a_user_not_named_is_an_operator() {
        assertThat(users.roleOf("bob")).isEqualTo(AdminUsers.VIEWER);
        assertThat(users.roleOf("cy")).isEqualTo(AdminUsers.OPERATOR);
        assertThat(users.roleOf("ann")).isEqualTo(AdminUsers.OPERATOR);
        assertThatThrownBy(() -> AdminUsers.parse("ann:pw", "ann:admin"))
                .hasMessageContaining("viewer or operator");
        // naming a user who does not exist grants nothing
        assertThat(AdminUsers.parse("ann:pw", "zed:viewer").roleOf("ann")).isEqualTo(AdminUsers.OPERATOR);
    }

    @Test
    void only_operators_may_log_in_to_hawtio() {
        assertThat(users.hawtioPasswords()).containsOnlyKeys("ann", "cy");
    }

    @Test
    void the_console_credential_names_its_user_only_with_this_instances_secret() {
        String credential = users.consoleCredential("bob");
        assertThat(users.consoleUserOf(credential)).contains("bob");
        AdminUsers other = AdminUsers.parse("ann:pw-a,bob:pw:with:colons,cy:pw-c", "bob:viewer");
        assertThat(other.consoleUserOf(credential)).as("another instance's secret").isEmpty();
        String secret = credential.substring(0, credential.indexOf(' '));
        assertThat(users.consoleUserOf(secret + " nobody")).isEmpty();
        assertThat(users.consoleUserOf("bob")).isEmpty();
        assertThat(users.consoleUserOf(" bob")).isEmpty();
        assertThat(users.consoleUserOf(null)).isEmpty();
    }

    @Test
    void no_users_is_a_configuration_error() {
        assertThatThrownBy(() -> AdminUsers.parse(" , ", "")).hasMessageContaining("ordersync.admin.users is empty");
        assertThatThrownBy(() -> AdminUsers.parse("ann", "")).hasMessageContaining("user:password");
    }
}
