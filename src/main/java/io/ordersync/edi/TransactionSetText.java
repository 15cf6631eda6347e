package io.ordersync.edi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one transaction set of an EDI file (ST..SE of X12, UNH..UNT of EDIFACT), for the journey of the order
 * it became: the partner's own words for that order, without the other orders of the interchange. Segments are cut
 * at the file's segment terminator (X12: the character after the fixed-length ISA; EDIFACT: UNA's, else the
 * apostrophe, respecting the release character) and joined one per line. The file was read and judged before by
 * StAEDI: this only finds the segments again.
 */
final class TransactionSetText {

    private TransactionSetText() {
    }

    /**
     * The transaction set at {@code ordinal} (its place among the file's transaction sets, from 0), or, when the
     * ordinal is unknown (negative), the first with that control number; null when it is not found.
     */
    static String of(byte[] file, int ordinal, String controlNumber) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        text = text.substring(start);
        char elementSeparator;
        char terminator;
        char release = 0;
        boolean x12 = text.startsWith("ISA");
        if (x12) {
            if (text.length() < 106) {
                return null;
            }
            elementSeparator = text.charAt(3);
            terminator = text.charAt(105);
        } else if (text.startsWith("UNA") && text.length() >= 9) {
            elementSeparator = text.charAt(4);
            release = text.charAt(6);
            terminator = text.charAt(8);
        } else if (text.startsWith("UNB")) {
            elementSeparator = '+';
            release = '?';
            terminator = '\'';
        } else {
            return null;
        }
        String open = x12 ? "ST" : "UNH";
        String close = x12 ? "SE" : "UNT";
        int seen = -1;
        List<String> taken = null;
        for (String segment : segments(text, terminator, release)) {
            String tag = tagOf(segment, elementSeparator);
            if (tag.equals(open)) {
                seen++;
                String[] elements = segment.split(java.util.regex.Pattern.quote(String.valueOf(elementSeparator)), -1);
                // ST01 type, ST02 control number; UNH01 the message reference
                String number = elements.length > (x12 ? 2 : 1) ? elements[x12 ? 2 : 1] : "";
                if (ordinal >= 0 ? seen == ordinal : number.equals(controlNumber)) {
                    taken = new ArrayList<>();
                }
            }
            if (taken != null) {
                taken.add(segment + terminator);
                if (tag.equals(close)) {
                    break;
                }
            }
        }
        // read byte for byte (the separators are ASCII), shown as UTF-8, which ASCII and most partners' files are
        return taken == null ? null : new String(String.join("\n", taken).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    private static List<String> segments(String text, char terminator, char release) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (release != 0 && c == release && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == terminator) {
                String segment = current.toString().strip();
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return segments;
    }

    private static String tagOf(String segment, char elementSeparator) {
        int end = segment.indexOf(elementSeparator);
        return end < 0 ? segment : segment.substring(0, end);
    }
}
