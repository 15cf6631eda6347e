package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The allow-lists of the HTTP edge, read from the API contract (the runtime's use is in HostileHeadersIT). */
class HttpEdgeHeadersTest {

    private final HttpEdgeHeaders edge = new HttpEdgeHeaders();

    @Test
    void each_operation_takes_the_query_parameters_its_contract_declares() {
        assertThat(edge.queryParameters("GET", "/api/v1/edi/sent-documents"))
                .containsExactlyInAnyOrder("status", "partner", "limit");
        assertThat(edge.queryParameters("GET", "/api/v1/dead-letters"))
                .containsExactlyInAnyOrder("status", "routeId", "orderId", "partner", "beforeId", "limit");
        assertThat(edge.queryParameters("GET", "/api/v1/reconciliation/runs")).containsExactlyInAnyOrder("job", "limit");
    }

    @Test
    void operations_without_query_parameters_and_paths_outside_the_contract_take_none() {
        assertThat(edge.queryParameters("POST", "/api/v1/orders")).isEmpty();
        assertThat(edge.queryParameters("POST", "/api/v1/edi")).isEmpty();
        assertThat(edge.queryParameters("GET", "/api/v1/orders/ord-1")).isEmpty();
        // the same path with another method, a longer path, the SOAP service
        assertThat(edge.queryParameters("DELETE", "/api/v1/dead-letters")).isEmpty();
        assertThat(edge.queryParameters("GET", "/api/v1/dead-letters/extra/segments")).isEmpty();
        assertThat(edge.queryParameters("POST", "/soap/orders")).isEmpty();
    }

    @Test
    void templates_match_one_path_segment_per_parameter() {
        assertThat(edge.queryParameters("GET", "/api/v1/reconciliation/runs/42")).isEmpty();
        assertThat(edge.queryParameters("GET", "/api/v1/reconciliation/runs")).isNotEmpty();
    }

    @Test
    void only_the_headers_ordersync_sets_leave() {
        for (String kept : new String[] {"Content-Type", "x-correlation-id", "Retry-After", "WWW-Authenticate",
                "Location", "Allow"}) {
            assertThat(edge.applyFilterToCamelHeaders(kept, "v", null)).as(kept).isFalse();
        }
        for (String dropped : new String[] {"Set-Cookie", "kafka.KEY", "CamelHttpUri", "orderId", "limit",
                "X-API-Key", "Authorization", "Content-Length", "Host"}) {
            assertThat(edge.applyFilterToCamelHeaders(dropped, "v", null)).as(dropped).isTrue();
        }
    }

    @Test
    void nothing_comes_in_without_an_http_request_to_check_it_against() {
        assertThat(edge.applyFilterToExternalHeaders("X-API-Key", "k", null)).isTrue();
        assertThat(edge.applyFilterToExternalHeaders("kafka.OVERRIDE_TOPIC", "evil-topic", null)).isTrue();
    }
}
