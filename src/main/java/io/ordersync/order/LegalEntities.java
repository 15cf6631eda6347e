package io.ordersync.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The legal entities of {@code mappings/legal-entities.yaml}: which ERP adapter and endpoint book each entity's
 * orders, and the customer rules that pick an entity when the order names none.
 */
public final class LegalEntities {

    public static final Set<String> ADAPTERS = Set.of("erp-rest", "erp-soap");

    public record Entity(String code, String name, String adapter, String endpoint, String currency) {}

    /** Exactly one of the match fields is set; prefixes match with startsWith. */
    public record CustomerRule(String crmAccountId, String erpCustomerNumber, String erpCustomerNumberPrefix,
                               String legalEntity) {
        boolean matches(String accountId, String customerNumber) {
            if (crmAccountId != null) {
                return crmAccountId.equals(accountId);
            }
            if (erpCustomerNumber != null) {
                return erpCustomerNumber.equals(customerNumber);
            }
            return erpCustomerNumberPrefix != null && customerNumber != null
                    && customerNumber.startsWith(erpCustomerNumberPrefix);
        }
    }

    private final Map<String, Entity> entities;
    private final List<CustomerRule> rules;

    public LegalEntities(Map<String, Entity> entities, List<CustomerRule> rules) {
        this.entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads and checks the file. {@code resolvePlaceholders} turns {@code {{...}}} in endpoints into values.
     *
     * @throws IllegalArgumentException naming the file and the field when something is wrong
     */
    public static LegalEntities load(Path file, UnaryOperator<String> resolvePlaceholders) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("entities").isObject() || root.path("entities").isEmpty()) {
            throw new IllegalArgumentException(file + ": 'entities' must map at least one entity code to its ERP");
        }
        Map<String, Entity> entities = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("entities").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String code = field.getKey();
            JsonNode node = field.getValue();
            String where = file + ": entities." + code;
            if (!code.matches("[A-Z0-9]{2,16}")) {
                throw new IllegalArgumentException(where + ": entity code must be 2-16 upper-case letters or digits");
            }
            String adapter = required(node, "adapter", where);
            if (!ADAPTERS.contains(adapter)) {
                throw new IllegalArgumentException(where + ".adapter: '" + adapter + "' is not one of " + ADAPTERS);
            }
            String endpoint = resolvePlaceholders.apply(required(node, "endpoint", where));
            String currency = required(node, "currency", where);
            if (!currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(where + ".currency: '" + currency + "' is not an ISO 4217 code");
            }
            entities.put(code, new Entity(code, node.path("name").asText(code), adapter, endpoint, currency));
        }
        List<CustomerRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : root.path("customerRules")) {
            String where = file + ": customerRules[" + index++ + "]";
            String entity = required(rule, "legalEntity", where);
            if (!entities.containsKey(entity)) {
                throw new IllegalArgumentException(where + ".legalEntity: '" + entity + "' is not defined under entities");
            }
            CustomerRule parsed = new CustomerRule(text(rule, "crmAccountId"), text(rule, "erpCustomerNumber"),
                    text(rule, "erpCustomerNumberPrefix"), entity);
            int matchFields = (parsed.crmAccountId() != null ? 1 : 0) + (parsed.erpCustomerNumber() != null ? 1 : 0)
                    + (parsed.erpCustomerNumberPrefix() != null ? 1 : 0);
            if (matchFields != 1) {
                throw new IllegalArgumentException(where
                        + ": give exactly one of crmAccountId, erpCustomerNumber, erpCustomerNumberPrefix");
            }
            rules.add(parsed);
        }
        return new LegalEntities(entities, rules);
    }

    public Map<String, Entity> entities() {
        return entities;
    }

    public Entity entity(String code) {
        return entities.get(code);
    }

    public List<CustomerRule> customerRules() {
        return rules;
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + "." + field + ": is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
