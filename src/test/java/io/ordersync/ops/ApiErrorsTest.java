package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.support.Json;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class ApiErrorsTest {

    private static final String SQL = "SELECT secret_column FROM orders WHERE order_id = ?";

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

    @Test
    void aDatabaseThatCannotBeReachedIs503WithRetryAfter() {
        Exchange exchange = failed(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection is not available, request timed out after 1001ms")));
        Map<String, Object> answer = new ApiErrors(null).answer(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(exchange.getMessage().getHeader("Retry-After", String.class)).isNotBlank();
        assertThat(answer.get("error")).isEqualTo("TEMPORARILY_UNAVAILABLE");
    }

    @Test
    void aTransientDatabaseFailureIs503WithRetryAfter() {
        Exchange exchange = failed(new QueryTimeoutException("statement timed out"));
        Map<String, Object> answer = new ApiErrors(null).answer(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(exchange.getMessage().getHeader("Retry-After", String.class)).isNotBlank();
        assertThat(answer.get("error")).isEqualTo("TEMPORARILY_UNAVAILABLE");
    }

    @Test
    void anSqlErrorOfOursIs500WithAGenericDetailAndNoSqlOrStackTrace() {
        for (RuntimeException internal : new RuntimeException[] {
                new BadSqlGrammarException("StatementCallback", SQL,
                        new SQLSyntaxErrorException("Column \"SECRET_COLUMN\" not found; " + SQL, "42S22")),
                new UncategorizedSQLException("query", SQL, new java.sql.SQLException("boom in " + SQL, "XX000")),
                new IllegalStateException("wrapped", new java.sql.SQLDataException("value too long for " + SQL))}) {
            Exchange exchange = failed(internal);
            Map<String, Object> answer = new ApiErrors(null).answer(exchange);

            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(internal.toString())
                    .isEqualTo(500);
            assertThat(exchange.getMessage().getHeader("Retry-After")).isNull();
            assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
            assertThat(answer.get("error")).isEqualTo("INTERNAL_ERROR");
            assertThat(answer.get("status")).isEqualTo(500);
            String correlationId = (String) answer.get("correlationId");
            assertThat(correlationId).isNotBlank();
            String written = Json.write(answer);
            assertThat(written).contains(correlationId).doesNotContainIgnoringCase("secret_column")
                    .doesNotContain("SELECT").doesNotContain("Exception").doesNotContain("at io.ordersync")
                    .doesNotContain("retry later");
        }
    }

    private static Exchange failed(Throwable cause) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        return exchange;
    }
}
