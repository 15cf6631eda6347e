package io.ordersync.demo.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated Salesforce-like CRM (Order sObject only).
 * <ul>
 *   <li>{@code PATCH /services/data/v60.0/sobjects/Order/{id}} JSON fields &rarr; 204; fields are merged into the
 *       order and every update is kept (a {@code POST ...?_HttpMethod=PATCH} override is accepted too).
 *       Invalid JSON &rarr; 400 {@code [{"message":"...","errorCode":"JSON_PARSER_ERROR"}]}</li>
 *   <li>{@code GET /services/data/v60.0/sobjects/Order/{id}} &rarr; 200 the merged fields, or 404
 *       {@code [{"errorCode":"NOT_FOUND","message":"..."}]}</li>
 * </ul>
 * Behaviours: ACCEPT, UNAVAILABLE, REFUSE_REQUEST, SLOW and failNext (REJECT_LINE and CREDIT_HOLD act like ACCEPT).
 */
public class CrmSimulator extends HttpSimulator {

    public static final String API_VERSION = "v60.0";
    public static final String ORDER_PATH = "/services/data/" + API_VERSION + "/sobjects/Order";

    private static final Pattern ORDER_ID = Pattern.compile("^" + Pattern.quote(ORDER_PATH) + "/([^/]+)/?$");
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() { };

    private final Object lock = new Object();
    private final Map<String, Map<String, Object>> orders = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();
    private int updateCount;

    public CrmSimulator(int port) {
        super("crm", port);
    }

    @Override
    public CrmSimulator start() {
        super.start();
        return this;
    }

    /** e.g. {@code http://127.0.0.1:9103/services/data/v60.0/sobjects/Order}. */
    public String orderUrl() {
        return baseUrl() + ORDER_PATH;
    }

    // ------------------------------------------------------------------ test getters

    /** The merged fields of the order (unmodifiable copy), or null when it was never updated. */
    public Map<String, Object> order(String id) {
        synchronized (lock) {
            Map<String, Object> fields = orders.get(id);
            return fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Every update body received for the order, in order received (empty when none). */
    public List<Map<String, Object>> updates(String id) {
        synchronized (lock) {
            List<Map<String, Object>> list = history.get(id);
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    /** Number of successful updates over all orders. */
    public int updateCount() {
        synchronized (lock) {
            return updateCount;
        }
    }

    /** Ids of all orders updated so far, in order of first update. */
    public Set<String> orderIds() {
        synchronized (lock) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(orders.keySet()));
        }
    }

    // ------------------------------------------------------------------ HTTP

    @Override
    protected boolean isBusinessRequest(Call call) {
        return call.path().startsWith("/services/data/");
    }

    @Override
    protected void clearData() {
        synchronized (lock) {
            orders.clear();
            history.clear();
            updateCount = 0;
        }
    }

    @Override
    protected void handleBusiness(Call call) throws IOException {
        Matcher m = ORDER_ID.matcher(call.path());
        if (!m.matches()) {
            call.respondJson(404, sfError("NOT_FOUND", "The requested resource does not exist"));
            return;
        }
        String id = m.group(1);
        String method = call.method();
        if (method.equals("POST") && call.query() != null && call.query().contains("_HttpMethod=PATCH")) {
            method = "PATCH";
        }
        switch (method) {
            case "PATCH" -> patch(call, id);
            case "GET" -> {
                Map<String, Object> fields = order(id);
                if (fields == null) {
                    call.respondJson(404, sfError("NOT_FOUND", "Provided external ID field does not exist or is not"
                            + " accessible: Order " + id + " not found"));
                } else {
                    call.respondJson(200, JSON.valueToTree(fields));
                }
            }
            default -> {
                call.exchange().getResponseHeaders().set("Allow", "GET, PATCH");
                call.respondJson(405, sfError("METHOD_NOT_ALLOWED",
                        "HTTP Method '" + call.method() + "' not allowed. Allowed are GET,PATCH"));
            }
        }
    }

    private void patch(Call call, String id) throws IOException {
        String body = call.bodyAsString();
        Map<String, Object> fields;
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                call.respondJson(400, sfError("JSON_PARSER_ERROR", "No content to map due to end-of-input"));
                return;
            }
            if (!node.isObject()) {
                call.respondJson(400, sfError("JSON_PARSER_ERROR",
                        "Expected a JSON object of field values but found " + node.getNodeType()));
                return;
            }
            fields = JSON.convertValue(node, FIELDS);
        } catch (JsonProcessingException e) {
            call.respondJson(400, sfError("JSON_PARSER_ERROR", e.getOriginalMessage()));
            return;
        }
        synchronized (lock) {
            orders.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(fields);
            history.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
            updateCount++;
        }
        call.respond(204, null, "");
    }

    static ArrayNode sfError(String errorCode, String message) {
        ArrayNode array = JSON.createArrayNode();
        array.addObject().put("message", message).put("errorCode", errorCode).putArray("fields");
        return array;
    }
}
