package io.ordersync.demo.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request received at a simulator's business endpoint, recorded before the behaviour is applied
 * (so requests answered with a simulated 503 are recorded too).
 *
 * @param method     HTTP method
 * @param path       request path without query string
 * @param query      raw query string, or null
 * @param headers    request headers, names in lower case, values in order received
 * @param body       request body decoded as UTF-8 (empty string when there is none)
 * @param receivedAt when the simulator received the request
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, Instant receivedAt) {

    public RecordedRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                    (a, b) -> {
                        var all = new java.util.ArrayList<>(a);
                        all.addAll(b);
                        return List.copyOf(all);
                    }));
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Value of the {@code X-Correlation-Id} header, or null. */
    public String correlationId() {
        return header("X-Correlation-Id");
    }
}
