package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An EDIFACT interchange as the npm {@code edifact} parser read it ({@code edi-parse.mjs}): its one message, checked
 * to be whole (UNT counts the segments the parser counted, and names the UNH reference), and its segments written
 * back as text ("QTY+12:10:PCE", components joined by ':', released characters as plain data).
 */
final class ParsedEdifact {

    private ParsedEdifact() {
    }

    /** The interchange's only message, after checking its envelope against the expected type and reference. */
    static JsonNode onlyMessage(JsonNode parsed, String type, String interchangeReference) {
        assertThat(parsed.path("standard").asText()).isEqualTo("EDIFACT");
        JsonNode interchange = parsed.path("interchanges").get(0);
        assertThat(parsed.path("interchanges")).hasSize(1);
        assertThat(interchange.path("controlNumber").asText()).isEqualTo(interchangeReference);
        assertThat(interchange.path("trailerControlNumber").asText()).isEqualTo(interchangeReference);
        assertThat(interchange.path("messageCount").asText()).isEqualTo("1");
        JsonNode message = interchange.path("messages").get(0);
        assertThat(message.path("type").asText()).isEqualTo(type + ":D:96A:UN");
        assertThat(message.path("segmentCount").asText()).isEqualTo(message.path("countedSegments").asText());
        assertThat(message.path("trailerReference").asText()).isEqualTo(message.path("reference").asText());
        return message;
    }

    /** Every segment of the message (UNH and UNT excluded) as text. */
    static List<String> segments(JsonNode message) {
        List<String> texts = new ArrayList<>();
        for (JsonNode s : message.path("segments")) {
            texts.add(text(s));
        }
        return texts;
    }

    /** The segments with the tag, as text. */
    static List<String> all(JsonNode message, String tag) {
        List<String> texts = new ArrayList<>();
        for (JsonNode s : message.path("segments")) {
            if (s.path("tag").asText().equals(tag)) {
                texts.add(text(s));
            }
        }
        return texts;
    }

    /** One component: element {@code element} (0-based, after the tag), component {@code component}. */
    static String value(JsonNode segment, int element, int component) {
        return segment.path("elements").path(element).path(component).asText(null);
    }

    private static String text(JsonNode segment) {
        StringBuilder text = new StringBuilder(segment.path("tag").asText());
        for (JsonNode element : segment.path("elements")) {
            List<String> components = new ArrayList<>();
            element.forEach(c -> components.add(c.asText()));
            text.append('+').append(String.join(":", components));
        }
        return text.toString();
    }
}
