package io.ordersync.edi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of each transaction set of an EDI file (ST..SE of X12, UNH..UNT of EDIFACT), for the journey of the order
 * it became: the partner's own words for that order, without the other orders of the interchange. Segments are cut
 * at the file's segment terminator (X12: the character after the fixed-length ISA; EDIFACT: UNA's, else the
 * apostrophe, respecting the release character) and shown one per line. The file was read and judged before by
 * StAEDI: this only finds the segments again, in one pass over the file (a file of 20,000 orders is not read 20,000
 * times).
 */
final class TransactionSetText {

    /** Where one transaction set lies in the file's text, and its control number. */
    private record Place(int start, int end, String controlNumber) {}

    private final String text;
    private final char terminator;
    private final char release;
    private final List<Place> places;

    private TransactionSetText(String text, char terminator, char release, List<Place> places) {
        this.text = text;
        this.terminator = terminator;
        this.release = release;
        this.places = places;
    }

    /** The transaction sets of a file; none when it is no X12 or EDIFACT text. */
    static TransactionSetText of(byte[] file) {
        // byte for byte (the separators are ASCII); the text of a set is turned into UTF-8 when it is taken
        String text = new String(file, StandardCharsets.ISO_8859_1).stripLeading();
        char elementSeparator;
        char terminator;
        char release = 0;
        boolean x12 = text.startsWith("ISA");
        if (x12 && text.length() >= 106) {
            elementSeparator = text.charAt(3);
            terminator = text.charAt(105);
        } else if (!x12 && text.startsWith("UNA") && text.length() >= 9) {
            elementSeparator = text.charAt(4);
            release = text.charAt(6);
            terminator = text.charAt(8);
        } else if (text.startsWith("UNB")) {
            elementSeparator = '+';
            release = '?';
            terminator = '\'';
        } else {
            return new TransactionSetText(text, '~', (char) 0, List.of());
        }
        String open = (x12 ? "ST" : "UNH") + elementSeparator;
        String close = (x12 ? "SE" : "UNT") + elementSeparator;
        List<Place> places = new ArrayList<>();
        int start = -1;
        String number = null;
        int segmentStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (release != 0 && c == release) {
                i++;
                continue;
            }
            if (c != terminator) {
                continue;
            }
            int from = segmentStart;
            while (from < i && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            if (text.startsWith(open, from)) {
                start = from;
                // ST02 (after the type) or UNH01: the control number
                String[] elements = text.substring(from, i).split(java.util.regex.Pattern.quote(
                        String.valueOf(elementSeparator)), -1);
                int at = x12 ? 2 : 1;
                number = elements.length > at ? elements[at] : "";
            } else if (start >= 0 && text.startsWith(close, from)) {
                places.add(new Place(start, i + 1, number));
                start = -1;
            }
            segmentStart = i + 1;
        }
        return new TransactionSetText(text, terminator, release, places);
    }

    /**
     * The transaction set at {@code ordinal} (its place among the file's transaction sets, from 0), or, when the
     * ordinal is unknown (negative), the first with that control number, one segment per line; null when not found.
     */
    String text(int ordinal, String controlNumber) {
        Place place = null;
        if (ordinal >= 0) {
            place = ordinal < places.size() ? places.get(ordinal) : null;
        } else {
            place = places.stream().filter(p -> p.controlNumber().equals(controlNumber)).findFirst().orElse(null);
        }
        if (place == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = place.start(); i < place.end(); i++) {
            char c = text.charAt(i);
            if (release != 0 && c == release && i + 1 < place.end()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == terminator) {
                lines.add(current.toString().strip() + terminator);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        // read byte for byte, shown as UTF-8, which ASCII and most partners' files are
        return new String(String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
