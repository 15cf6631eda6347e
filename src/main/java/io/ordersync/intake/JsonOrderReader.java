package io.ordersync.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordersync.support.Json;
import io.ordersync.support.ParserMessages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an order JSON file: one order object, or an array of order objects. Decimals are read as exact
 * {@code BigDecimal} (ordersync's JSON configuration); each order is the mapping's input as it stands.
 */
public final class JsonOrderReader {

    private JsonOrderReader() {
    }

    public static List<SourceOrder> read(byte[] json) {
        try (JsonParser parser = Json.mapper().createParser(json)) {
            JsonToken first = parser.nextToken();
            List<SourceOrder> orders = new ArrayList<>();
            if (first == JsonToken.START_OBJECT) {
                orders.add(order(parser, 1));
            } else if (first == JsonToken.START_ARRAY) {
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token != JsonToken.START_OBJECT) {
                        throw new OrderFileException("line " + parser.currentTokenLocation().getLineNr() + ": element "
                                + (orders.size() + 1) + " of the array is not an order object but " + token);
                    }
                    orders.add(order(parser, orders.size() + 1));
                }
            } else {
                throw new OrderFileException("the file holds no JSON order: it must be an order object or an array of"
                        + " them");
            }
            if (parser.nextToken() != null) {
                throw new OrderFileException("line " + parser.currentTokenLocation().getLineNr() + ": content after the"
                        + " end of the JSON document");
            }
            return orders;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            // Jackson hides the source in locations anyway; keep its line and column only
            throw new OrderFileException(where + "not valid JSON: "
                    + ParserMessages.readable(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new OrderFileException("the file could not be read as JSON: " + e.getMessage(), e);
        }
    }

    /** The parser is on the order's opening brace. */
    private static SourceOrder order(JsonParser parser, int number) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode tree = Json.mapper().readTree(parser);
        return new SourceOrder(tree, "order " + number + " (line " + line + ")", List.of());
    }
}
