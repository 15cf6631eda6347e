package io.ordersync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One order read from a file, before mapping: its JSON form (the input of the format's JSLT mapping) and where it
 * is in the file, so that every refusal can name the place.
 *
 * @param tree          the order as JSON; CSV and XML values are text, JSON values as sent
 * @param position      where the order is, e.g. {@code "lines 2-3"} or {@code "order 2 (line 14)"}
 * @param linePositions where each order line is, in the order the mapping turns them into canonical lines
 *                      (empty when the format cannot tell)
 */
public record SourceOrder(JsonNode tree, String position, List<String> linePositions) {

    /** Where canonical line {@code index} came from, or null. */
    public String linePosition(int index) {
        return index >= 0 && index < linePositions.size() ? linePositions.get(index) : null;
    }
}
