package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * API parity: everything the support console does is a call of the documented API. Every API call of the console's
 * script ({@code src/main/resources/console/console.js}) must be an operation of the OpenAPI contract, with its
 * method: the console has no calls of its own that a script could not make.
 */
class SupportConsoleApiParityTest {

    private static final Path SCRIPT = Path.of("src/main/resources/console/console.js");
    /** {@code api('path'} or {@code api(`path`}, then optionally {@code , { method: 'POST'}. */
    private static final Pattern CALL = Pattern.compile(
            "\\bapi\\((?:'([^']*)'|`([^`]*)`)(\\s*,\\s*\\{\\s*method:\\s*'([A-Z]+)')?");

    @Test
    void every_call_the_console_makes_is_an_operation_of_the_api_contract() throws Exception {
        String script = Files.readString(SCRIPT);
        ApiContract contract = ApiContract.load();
        List<String> calls = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Matcher call = CALL.matcher(script);
        while (call.find()) {
            String path = call.group(1) != null ? call.group(1) : call.group(2);
            String method = call.group(4) == null ? "GET" : call.group(4);
            // the query string is built by query(...); a placeholder stands for a path parameter
            String sample = "/api/v1/" + path.replaceAll("\\$\\{query\\(.*$", "").replaceAll("\\$\\{[^}]*\\}", "7");
            calls.add(method + " " + sample);
            if (contract.operation(method, sample).isEmpty()) {
                unknown.add(method + " " + sample + " (console.js: api(" + path + "))");
            }
        }
        assertThat(calls).as("the console's API calls").hasSizeGreaterThan(15)
                .contains("POST /api/v1/dead-letters/7/edited-replay", "POST /api/v1/dead-letters/replay-batches",
                        "GET /api/v1/search", "GET /api/v1/dashboard", "GET /api/v1/audit");
        assertThat(unknown).as("console calls that are no operation of the OpenAPI contract").isEmpty();
    }
}
