package io.ordersync.edi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** Reading X12 text in tests by plain splitting (delimiters from the ISA), independent of StAEDI. */
public final class X12Text {

    private X12Text() {
    }

    /** Every segment as its elements, the tag first. */
    public static List<List<String>> segments(String edi) {
        char element = edi.charAt(3);
        char terminator = edi.charAt(105);
        List<List<String>> segments = new ArrayList<>();
        for (String segment : edi.split(Pattern.quote(String.valueOf(terminator)))) {
            String trimmed = segment.strip();
            if (!trimmed.isEmpty()) {
                segments.add(Arrays.asList(trimmed.split(Pattern.quote(String.valueOf(element)), -1)));
            }
        }
        return segments;
    }

    public static List<String> tags(List<List<String>> segments) {
        return segments.stream().map(s -> s.get(0)).toList();
    }

    /** Tags of segments as the independent parser reports them. */
    public static List<String> tags(JsonNode segments) {
        return StreamSupport.stream(segments.spliterator(), false).map(s -> s.path("tag").asText()).toList();
    }

    /** The first segment with the tag. */
    public static List<String> segment(List<List<String>> segments, String tag) {
        return segments.stream().filter(s -> s.get(0).equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tag + " in " + segments));
    }

    /** The segments from the first {@code from} to the first {@code to}, both included. */
    public static List<List<String>> body(List<List<String>> segments, String from, String to) {
        List<String> tags = tags(segments);
        return segments.subList(tags.indexOf(from), tags.indexOf(to) + 1);
    }
}
