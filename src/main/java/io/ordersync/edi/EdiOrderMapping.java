package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a purchase-order transaction to the canonical order with the same declarative mechanism as the REST channel:
 * a JSLT file in {@code mappings/} ({@code x12-850-to-canonical.jslt}, {@code edifact-orders-to-canonical.jslt})
 * applied to the transaction's JSON form.
 *
 * <p>The JSON form: every segment tag maps to its occurrences, each an array of elements (a composite is an
 * array of components); every loop is {@code <first segment>_loop}, an array of such objects.
 * {@code {"BEG": [["00","SA","PO-1",null,"20261123"]], "PO1_loop": [{"PO1": [["1","5","EA","10.5"]]}]}}.
 */
final class EdiOrderMapping {

    private final Map<String, Expression> expressions = new LinkedHashMap<>();
    private final Map<String, Expression> overrides = new LinkedHashMap<>();
    private final PartnerProfiles partners;

    public EdiOrderMapping(Path mappingsDir) {
        this(mappingsDir, null);
    }

    /**
     * With partner profiles: a profile's {@code mappings} entry (transaction type -> file in the mappings folder)
     * replaces the default mapping for that partner's documents of that type.
     */
    /** The partner profiles this mapping was made with, or null. */
    PartnerProfiles partners() {
        return partners;
    }

    public EdiOrderMapping(Path mappingsDir, PartnerProfiles partners) {
        this.partners = partners;
        if (partners != null) {
            for (PartnerProfiles.Profile profile : partners.all().values()) {
                if (profile.mappings() != null) {
                    profile.mappings().forEach((type, file) -> overrides.put(profile.partner() + "/" + type,
                            compile(mappingsDir.resolve(file))));
                }
            }
        }
        Path x12 = mappingsDir.resolve("x12-850-to-canonical.jslt");
        if (Files.isRegularFile(x12)) {
            expressions.put("850", compile(x12));
        }
        Path edifact = mappingsDir.resolve("edifact-orders-to-canonical.jslt");
        if (Files.isRegularFile(edifact)) {
            expressions.put("ORDERS", compile(edifact));
        }
    }

    public boolean maps(String transactionType) {
        return expressions.containsKey(transactionType);
    }

    public JsonNode map(String transactionType, JsonNode transaction, String senderQualifier, String senderId,
                        String groupSender) {
        return map(null, transactionType, transaction, senderQualifier, senderId, groupSender);
    }

    /** Maps with the sender's own mapping for this type when its partner profile names one. */
    public JsonNode map(String standard, String transactionType, JsonNode transaction, String senderQualifier,
                        String senderId, String groupSender) {
        Expression expression = expressions.get(transactionType);
        if (partners != null && standard != null) {
            Expression override = partners.bySender(standard, senderQualifier, senderId)
                    .map(p -> overrides.get(p.partner() + "/" + transactionType)).orElse(null);
            if (override != null) {
                expression = override;
            }
        }
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("transaction", transaction);
        ObjectNode sender = input.putObject("sender");
        sender.put("qualifier", senderQualifier);
        sender.put("id", senderId);
        sender.put("applicationCode", groupSender);
        return expression.apply(input);
    }

    /** Identifying values of a transaction for reports: document number and line count by type. */
    static Map<String, Object> keys(String type, JsonNode tree, Map<String, Integer> segmentCounts) {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (type == null) {
            return keys;
        }
        switch (type) {
            case "850" -> {
                keys.put("purchaseOrder", element(tree, "BEG", 3));
                keys.put("lineCount", segmentCounts.getOrDefault("PO1", 0));
            }
            case "860" -> {
                keys.put("purchaseOrder", element(tree, "BCH", 3));
                keys.put("lineCount", segmentCounts.getOrDefault("POC", 0));
            }
            case "855" -> {
                keys.put("purchaseOrder", element(tree, "BAK", 3));
                keys.put("lineCount", segmentCounts.getOrDefault("PO1", 0));
            }
            case "856" -> {
                keys.put("shipmentId", element(tree, "BSN", 2));
                keys.put("hierarchicalLevels", segmentCounts.getOrDefault("HL", 0));
            }
            case "810" -> {
                keys.put("invoiceNumber", element(tree, "BIG", 2));
                keys.put("lineCount", segmentCounts.getOrDefault("IT1", 0));
            }
            case "997", "999" -> keys.put("acknowledgedGroup", element(tree, "AK1", 2));
            case "ORDERS", "ORDRSP", "INVOIC", "DESADV" -> {
                keys.put("documentNumber", component(tree, "BGM", 2, 1));
                keys.put("lineCount", segmentCounts.getOrDefault("LIN", 0));
            }
            default -> {
            }
        }
        keys.values().removeIf(v -> v == null);
        return keys;
    }

    /** First occurrence of a segment anywhere in the tree, element at a 1-based position (first component). */
    private static String element(JsonNode tree, String tag, int position) {
        return component(tree, tag, position, 1);
    }

    private static String component(JsonNode tree, String tag, int position, int component) {
        JsonNode segment = tree.findValue(tag);
        if (segment == null || !segment.isArray() || segment.isEmpty()) {
            return null;
        }
        JsonNode value = segment.get(0).get(position - 1);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isArray() ? (value.size() >= component ? value.get(component - 1).asText() : null)
                : component == 1 ? value.asText() : null;
    }

    private static Expression compile(Path file) {
        try {
            return Parser.compileString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping " + file, e);
        } catch (com.schibsted.spt.data.jslt.JsltException e) {
            throw new IllegalArgumentException("mapping " + file + " is not valid JSLT: " + e.getMessage(), e);
        }
    }
}
