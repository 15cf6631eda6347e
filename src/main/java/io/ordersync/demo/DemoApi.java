package io.ordersync.demo;

import io.ordersync.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.demo.sim.ErpOrder;
import io.ordersync.demo.sim.FulfilmentOrder;
import io.ordersync.demo.sim.RecordedRequest;
import io.ordersync.demo.sim.Simulators;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the demo needs to watch and call: ordersync's API over real HTTP (as the CRM and support staff would), the
 * CRM simulator's Order records over HTTP, and the ERP simulators' order books (what reached the ERP). Every wait
 * polls observable state until a timeout; no fixed sleeps. Only the ERP numbering of a restarted demo looks into the
 * database ({@link #numberErpOrdersAfterKnownOnes}).
 */
final class DemoApi {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** Outcomes after which waiting for another status is pointless. */
    private static final Set<String> DEAD_ENDS = Set.of("REJECTED", "FAILED");
    private static final Pattern EMEA_ORDERSYNC_ORDER_ID = Pattern.compile("OrdersyncOrderId>([^<]+)<");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CamelContext camel;
    private final Simulators simulators;
    private final String baseUrl;
    private final String apiKey;

    DemoApi(CamelContext camel, Simulators simulators) {
        this.camel = camel;
        this.simulators = simulators;
        this.baseUrl = "http://127.0.0.1:" + property("camel.server.port");
        this.apiKey = property("ordersync.demo.api-key");
    }

    Simulators simulators() {
        return simulators;
    }

    boolean hasRoute(String routeId) {
        return camel.getRoute(routeId) != null;
    }

    String property(String key) {
        return camel.getPropertiesComponent().resolveProperty(key).orElseThrow(
                () -> new IllegalStateException("configuration property " + key + " is not set"));
    }

    // ------------------------------------------------------------------ ordersync API

    /** {@code POST} to ordersync with the demo's API key (plus any headers given as name, value, ...). */
    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** {@code GET /api/v1/orders/{id}}: the order, its progress and timeline; empty while it is not stored. */
    Optional<JsonNode> order(String orderId) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orders/" + orderId))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", apiKey).GET().build());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new DemoStepFailed("GET /api/v1/orders/" + orderId + " answered " + answer.statusCode() + " "
                    + answer.body());
        }
        return Optional.of(json(answer.body()));
    }

    /** Waits until the order has the status; returns its view. Fails at once when it ended rejected or failed. */
    JsonNode awaitStatus(String orderId, String status) {
        return await("order " + orderId + " to be " + status, () -> {
            JsonNode view = order(orderId).orElse(null);
            String now = view == null ? null : view.path("status").asText();
            if (now != null && !now.equals(status) && DEAD_ENDS.contains(now)) {
                throw new DemoStepFailed("order " + orderId + " ended " + now + " while waiting for " + status);
            }
            return status.equals(now) ? view : null;
        });
    }

    /**
     * {@code POST /api/v1/reconciliation/jobs/{job}/run} as the support user: the first {@code user:password} pair
     * of {@code ordersync.api.users} (the demo plays support staff of this runtime).
     */
    JsonNode runReconciliation(String job) {
        String user = property("ordersync.api.users").split(",")[0].trim();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/reconciliation/jobs/"
                        + job + "/run")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        user.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (answer.statusCode() != 200) {
            throw new DemoStepFailed("reconciliation " + job + " answered " + answer.statusCode() + " "
                    + answer.body());
        }
        return json(answer.body());
    }

    // ------------------------------------------------------------------ CRM simulator (over HTTP, as a CRM user)

    /** The CRM Order record's fields, or empty while the CRM has none. */
    Optional<JsonNode> crmOrder(String crmId) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(simulators.crm().orderUrl() + "/" + crmId))
                .timeout(Duration.ofSeconds(30)).GET().build());
        return answer.statusCode() == 200 ? Optional.of(json(answer.body())) : Optional.empty();
    }

    /** Waits until the CRM Order record shows the field value; returns the record. */
    JsonNode awaitCrmField(String crmId, String field, String value) {
        return await("CRM Order " + crmId + " to show " + field + "=" + value, () -> crmOrder(crmId)
                .filter(fields -> value.equals(fields.path(field).asText(null))).orElse(null));
    }

    /** Changes the CRM Order record the way a user (or a lost update) would. */
    void patchCrmOrder(String crmId, String fields) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(simulators.crm().orderUrl() + "/" + crmId))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(fields)).build());
        if (answer.statusCode() != 204) {
            throw new DemoStepFailed("CRM PATCH of " + crmId + " answered " + answer.statusCode());
        }
    }

    // ------------------------------------------------------------------ ERP simulators

    /** Waits until an ERP received the order with this customer PO; returns ordersync's order id (sent with it). */
    String awaitOrderAtErp(String purchaseOrder) {
        return await("an ERP to receive PO " + purchaseOrder, () -> orderIdAtErp(purchaseOrder));
    }

    private String orderIdAtErp(String purchaseOrder) {
        for (RecordedRequest request : simulators.erpNa().receivedRequests()) {
            if ("POST".equals(request.method()) && request.body().contains(purchaseOrder)) {
                JsonNode body = json(request.body());
                if (purchaseOrder.equals(body.path("customerPurchaseOrder").asText())) {
                    return body.path("ordersyncOrderId").asText();
                }
            }
        }
        for (RecordedRequest request : simulators.erpEmea().receivedRequests()) {
            Matcher reference = EMEA_ORDERSYNC_ORDER_ID.matcher(request.body());
            if (request.body().contains(">" + purchaseOrder + "<") && reference.find()) {
                return reference.group(1);
            }
        }
        return null;
    }

    /** The order as the ERP released it to the warehouse (its accepted lines), from the order's API view. */
    FulfilmentOrder fulfilmentOrder(JsonNode view) {
        String number = view.path("erpOrderNumber").asText();
        ErpOrder erpOrder = simulators.erpNa().findOrder(number).or(() -> simulators.erpEmea().findOrder(number))
                .orElseThrow(() -> new DemoStepFailed("no ERP simulator has order " + number));
        return FulfilmentOrder.fromErp(view.path("legalEntity").asText(), erpOrder);
    }

    /**
     * Makes the ERP simulators number after the orders ordersync already has. They keep their orders in memory and
     * number afresh at every start, while ordersync's database under {@code ./data} is kept: a restarted demo would
     * otherwise get ERP numbers of an earlier run again, and a WMS or AR message naming legal entity and ERP number
     * could mean either order. Returns how many of ordersync's numbers the simulators had not handed out yet.
     */
    int numberErpOrdersAfterKnownOnes() {
        DataSource dataSource = camel.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        List<String> known = new JdbcTemplate(dataSource).queryForList(
                "SELECT erp_order_number FROM orders WHERE erp_order_number IS NOT NULL", String.class);
        int ahead = 0;
        for (String number : known) {
            // a number is one ERP's (its prefix): the other ignores it
            if (simulators.erpNa().numberAfter(number) || simulators.erpEmea().numberAfter(number)) {
                ahead++;
            }
        }
        return ahead;
    }

    // ------------------------------------------------------------------ waiting

    /** Polls until the probe answers something other than null; fails after {@link #STEP_TIMEOUT}. */
    <T> T await(String what, Supplier<T> probe) {
        return await(what, STEP_TIMEOUT, probe);
    }

    <T> T await(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (camel.isStopping() || camel.isStopped()) {
                throw new DemoStopped();
            }
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new DemoStepFailed("gave up after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStopped();
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoStepFailed(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoStopped();
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new DemoStepFailed("not JSON: " + text);
        }
    }

    static String text(JsonNode node, String... fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            out.append(out.length() == 0 ? "" : ", ").append(field).append('=').append(node.path(field).asText("-"));
        }
        return out.toString();
    }

    /** A demo step could not complete: logged, and the demo goes on with the next one. */
    static final class DemoStepFailed extends RuntimeException {
        DemoStepFailed(String message) {
            super(message);
        }
    }

    /** The runtime is shutting down: the demo stops quietly. */
    static final class DemoStopped extends RuntimeException {
        DemoStopped() {
            super("the runtime is stopping");
        }
    }
}
