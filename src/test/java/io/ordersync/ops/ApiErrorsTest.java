package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ApiErrorsTest {

    @Test
    void aDatabaseThatCannotBeReachedIsRecognisedThroughTheCauses() {
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
                "ordersync - Connection is not available, request timed out after 1001ms");
        assertThat(ApiErrors.databaseUnavailable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                poolTimeout))).isTrue();
        assertThat(ApiErrors.databaseUnavailable(new IllegalStateException("wrapped", poolTimeout))).isTrue();
    }

    @Test
    void otherFailuresAreNotTakenForAnOutage() {
        assertThat(ApiErrors.databaseUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(ApiErrors.databaseUnavailable(new java.sql.SQLIntegrityConstraintViolationException("dup")))
                .isFalse();
    }
}
