package io.ordersync.edi;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading EDIFACT text in tests by plain splitting (delimiters from the UNA), independent of StAEDI: every segment
 * as its tag followed by its elements, each element written with its components joined by ':' (release characters
 * removed, so a released ':' reads as data).
 */
final class EdifactText {

    private EdifactText() {
    }

    static List<List<String>> segments(String edi) {
        if (!edi.startsWith("UNA")) {
            throw new IllegalArgumentException("no UNA: " + edi);
        }
        char component = edi.charAt(3);
        char element = edi.charAt(4);
        char release = edi.charAt(6);
        char terminator = edi.charAt(8);
        List<List<String>> segments = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        for (int i = 9; i < edi.length(); i++) {
            char c = edi.charAt(i);
            if (c == release && i + 1 < edi.length()) {
                value.append(edi.charAt(++i));
            } else if (c == element) {
                current.add(value.toString());
                value.setLength(0);
            } else if (c == component) {
                value.append(':');
            } else if (c == terminator) {
                current.add(value.toString());
                value.setLength(0);
                segments.add(current);
                current = new ArrayList<>();
            } else if (c != '\r' && c != '\n') {
                value.append(c);
            }
        }
        return segments;
    }

    static List<String> tags(List<List<String>> segments) {
        return segments.stream().map(s -> s.get(0)).toList();
    }

    /** Every segment with the tag, each as one string ("QTY+12:10:PCE"). */
    static List<String> all(List<List<String>> segments, String tag) {
        return segments.stream().filter(s -> s.get(0).equals(tag)).map(s -> String.join("+", s)).toList();
    }

    /** The segments from the first {@code from} to the first {@code to} after it, both included, as strings. */
    static List<String> body(List<List<String>> segments, String from, String to) {
        List<String> tags = tags(segments);
        int start = tags.indexOf(from);
        int end = tags.subList(start, tags.size()).indexOf(to) + start;
        return segments.subList(start, end + 1).stream().map(s -> String.join("+", s)).toList();
    }
}
