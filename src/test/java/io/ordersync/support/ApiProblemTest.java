package io.ordersync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9457 problem details for /api error answers, with ordersync's own fields kept. */
class ApiProblemTest {

    @Test
    void the_standard_members_come_first_and_every_field_of_the_answer_is_kept() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("error", "VALIDATION_FAILED");
        fields.put("message", "the order does not match the CRM order schema (1 problem(s))");
        fields.put("fieldErrors", List.of(Map.of("field", "$.CurrencyIsoCode", "message", "required")));
        fields.put("correlationId", "c-1");

        Map<String, Object> problem = ApiProblem.body(400, fields);

        assertThat(problem.keySet()).containsExactly("type", "title", "status", "detail", "error", "message",
                "fieldErrors", "correlationId");
        assertThat(problem).containsEntry("type", "https://ordersync.io/problems/validation-failed")
                .containsEntry("title", "Validation failed")
                .containsEntry("status", 400)
                .containsEntry("detail", fields.get("message"))
                .containsEntry("fieldErrors", fields.get("fieldErrors"));
    }

    @Test
    void error_answers_with_a_json_body_become_problem_json_and_nothing_else_changes() {
        assertThat(ApiProblem.contentType(400, "application/json")).isEqualTo("application/problem+json");
        assertThat(ApiProblem.contentType(503, "application/json; charset=UTF-8"))
                .isEqualTo("application/problem+json; charset=UTF-8");
        assertThat(ApiProblem.contentType(404, "Application/JSON")).isEqualTo("application/problem+json");
        assertThat(ApiProblem.contentType(200, "application/json")).isEqualTo("application/json");
        assertThat(ApiProblem.contentType(404, "text/plain")).isEqualTo("text/plain");
        assertThat(ApiProblem.contentType(404, null)).isNull();
        assertThat(ApiProblem.contentType(400, "application/problem+json")).isEqualTo("application/problem+json");
    }
}
