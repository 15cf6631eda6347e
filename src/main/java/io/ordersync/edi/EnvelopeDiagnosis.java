package io.ordersync.edi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The interchange header judged on its own, before the parser reads a byte: the parser takes its delimiters from it,
 * so a broken header makes it blame everything after it (every segment with "too many components", "cannot be read
 * at IEA"). Named here instead, with what the file has and where:
 * <ul>
 *   <li>X12 ISA: 106 characters of fixed width: the element whose width breaks it (and the position), a missing or
 *   empty ISA16, a separator that is a letter, digit or space, or the same as another; a character that is not
 *   ASCII (a no-break space, a byte-order mark) and where it is;</li>
 *   <li>EDIFACT UNA: its six service characters, each different where they must be, followed by UNB; UNA and UNB
 *   in ASCII.</li>
 * </ul>
 * A header with only no-break spaces where its blanks should be is read anyway, as spaces: {@link #repaired} says so.
 */
final class EnvelopeDiagnosis {

    /** ISA01 to ISA16: each element's fixed width. */
    static final int[] ISA_WIDTHS = {2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};
    static final int ISA_LENGTH = 106;

    private static final byte[] NBSP_UTF8 = {(byte) 0xC2, (byte) 0xA0};
    private static final byte[] BOM_UTF8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private EnvelopeDiagnosis() {
    }

    /**
     * The problems of the interchange header at the start of {@code head} (after {@link EdiInput}'s clean-up: no
     * byte-order mark, no banner lines), none when it is sound or is no ISA or UNA. A header wrapped over lines is
     * judged without its line breaks.
     */
    static List<EdiProblem> of(byte[] head) {
        if (EdiInput.at(head, 0, "ISA")) {
            List<EdiProblem> asIs = isa(head);
            if (asIs.isEmpty()) {
                return asIs;
            }
            if (!hasLineBreak(head, ISA_LENGTH - 2)) {
                return asIs;
            }
            // wrapped over lines before ISA16 (a line break there is layout, not a delimiter): judged as the parser
            // will read it, without the line breaks
            return isa(EdiInput.withoutLineBreaks(head, ISA_LENGTH + 8));
        }
        if (EdiInput.at(head, 0, "UNA")) {
            return una(EdiInput.withoutLineBreaks(head, 64));
        }
        return List.of();
    }

    /**
     * The head with the no-break spaces of its ISA read as spaces, when that is all that is wrong with it; null when
     * it is not an ISA, has none, or has other problems too.
     */
    static Repair repaired(byte[] head) {
        if (!EdiInput.at(head, 0, "ISA")) {
            return null;
        }
        byte[] fixed = new byte[head.length];
        int n = 0;
        int replaced = 0;
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < head.length; i++) {
            // within the ISA only: its first 106 characters once read
            boolean inIsa = n < ISA_LENGTH;
            if (inIsa && i + 1 < head.length && head[i] == NBSP_UTF8[0] && head[i + 1] == NBSP_UTF8[1]) {
                where.add(i + 1);
                fixed[n++] = ' ';
                i++;
                replaced++;
            } else if (inIsa && (head[i] & 0xFF) == 0xA0) {
                where.add(i + 1);
                fixed[n++] = ' ';
                replaced++;
            } else {
                fixed[n++] = head[i];
            }
        }
        if (replaced == 0) {
            return null;
        }
        byte[] repaired = java.util.Arrays.copyOf(fixed, n);
        if (!of(repaired).isEmpty()) {
            return null;
        }
        return new Repair(repaired, "the ISA header held " + replaced + " no-break space(s) (from position "
                + where.get(0) + "), where the standard has spaces; read as spaces, which makes it the 106 characters"
                + " it must be");
    }

    /** A header read anyway, and what was assumed to read it. */
    record Repair(byte[] head, String warning) {
    }

    private static List<EdiProblem> isa(byte[] b) {
        List<EdiProblem> problems = new ArrayList<>();
        EdiProblem nonAscii = nonAscii(b, "ISA", Math.min(b.length, ISA_LENGTH));
        if (nonAscii != null) {
            problems.add(nonAscii);
        }
        if (b.length < 4) {
            problems.add(isaProblem("ISA_TRUNCATED", null, null, "the file ends " + b.length
                    + " characters into the ISA header, which has " + ISA_LENGTH));
            return problems;
        }
        byte separator = b[3];
        if (!plausibleDelimiter(separator)) {
            problems.add(isaProblem("ISA_SEPARATOR", null, show(separator), "the element separator (position 4, right"
                    + " after 'ISA') is " + show(separator) + ": a letter, digit or space cannot separate elements"));
            return problems;
        }
        int position = 4;
        for (int element = 1; element <= 15; element++) {
            int end = indexOf(b, separator, position, Math.min(b.length, position + 40));
            if (end < 0) {
                problems.add(isaProblem(end(b, position) ? "ISA_TRUNCATED" : "ISA_FIXED_WIDTH", element,
                        text(b, position, Math.min(b.length, position + ISA_WIDTHS[element - 1] + 1)),
                        end(b, position) ? "the file ends inside the ISA header, in ISA" + two(element)
                                : "ISA" + two(element) + " has no element separator " + show(separator)
                                + " after it: the ISA is fixed-width, ISA" + two(element) + " should end at position "
                                + (position + ISA_WIDTHS[element - 1])));
                return problems;
            }
            int width = end - position;
            if (width != ISA_WIDTHS[element - 1]) {
                problems.add(isaProblem("ISA_FIXED_WIDTH", element, text(b, position, end), "ISA" + two(element)
                        + " is " + width + " characters long, not " + ISA_WIDTHS[element - 1] + ": the ISA header is"
                        + " fixed-width (" + ISA_LENGTH + " characters), so its separator should be at position "
                        + (position + ISA_WIDTHS[element - 1] + 1) + " and is at " + (end + 1)
                        + "; everything after it is out of place"));
                return problems;
            }
            position = end + 1;
        }
        // position 104 (0-based 104): ISA16, then the segment terminator
        if (b.length <= 105) {
            problems.add(isaProblem("ISA_TRUNCATED", 16, null, "the file ends inside the ISA header, at ISA16"));
            return problems;
        }
        byte component = b[104];
        byte terminator = b[105];
        if (component == separator) {
            problems.add(isaProblem("ISA_SEPARATOR_MISSING", 16, "", "ISA16, the component separator, is empty: an"
                    + " element separator " + show(separator) + " follows ISA15 where ISA16 should be"));
            return problems;
        }
        if (isa16Missing(b)) {
            problems.add(isaProblem("ISA_SEPARATOR_MISSING", 16, null, "ISA16, the component separator, is missing:"
                    + " the ISA header ends right after ISA15, with " + show(component) + " at position 105 where"
                    + " ISA16 should be (the segment after it starts at position 106), so the header has "
                    + (ISA_LENGTH - 1) + " characters, not " + ISA_LENGTH));
            return problems;
        }
        if (!plausibleDelimiter(component)) {
            problems.add(isaProblem("ISA_SEPARATOR", 16, show(component), "ISA16, the component separator, is "
                    + show(component) + ": a letter, digit or space cannot separate components"));
        } else if (!plausibleDelimiter(terminator) && terminator != '\n' && terminator != '\r') {
            problems.add(isaProblem("ISA_SEPARATOR", null, show(terminator), "the segment terminator (position 106,"
                    + " after ISA16) is " + show(terminator) + ": a letter, digit or space cannot end segments"));
        } else if (component == terminator || separator == terminator) {
            problems.add(isaProblem("ISA_SEPARATOR_CLASH", component == terminator ? 16 : null, show(terminator),
                    (component == terminator ? "the component separator ISA16" : "the element separator") + " and"
                    + " the segment terminator are the same character, " + show(terminator)));
        }
        return problems;
    }

    private static List<EdiProblem> una(byte[] b) {
        List<EdiProblem> problems = new ArrayList<>();
        EdiProblem nonAscii = nonAscii(b, "UNA", Math.min(b.length, 9));
        if (nonAscii != null) {
            problems.add(nonAscii);
            return problems;
        }
        for (int unb = 4; unb < 9 && unb + 3 <= b.length; unb++) {
            if (EdiInput.at(b, unb, "UNB")) {
                problems.add(new EdiProblem("UNA_LENGTH", "UNA", 1, null, null, text(b, 3, unb), "UNA holds "
                        + (unb - 3) + " service characters before UNB, not 6 (component and element separators,"
                        + " decimal mark, release character, a reserved blank, segment terminator)"));
                return problems;
            }
        }
        if (b.length < 9) {
            problems.add(new EdiProblem("UNA_TRUNCATED", "UNA", 1, null, null, null, "the file ends inside the UNA"
                    + " header, which has 9 characters"));
            return problems;
        }
        String[] names = {"component separator", "element separator", "decimal mark", "release character",
            "repetition separator", "segment terminator"};
        // the reserved/repetition position may be a space and equal nothing; the decimal mark is '.' or ','
        int[] mustDiffer = {3, 4, 6, 8};
        for (int i = 0; i < mustDiffer.length; i++) {
            for (int j = i + 1; j < mustDiffer.length; j++) {
                byte first = b[mustDiffer[i]];
                byte second = b[mustDiffer[j]];
                if (first == second && !(mustDiffer[i] == 6 && first == ' ')) {
                    problems.add(new EdiProblem("UNA_SEPARATOR_CLASH", "UNA", 1, null, null, show(first), "the "
                            + names[mustDiffer[i] - 3] + " (UNA position " + (mustDiffer[i] + 1) + ") and the "
                            + names[mustDiffer[j] - 3] + " (position " + (mustDiffer[j] + 1) + ") are the same"
                            + " character, " + show(first)));
                    return problems;
                }
            }
        }
        for (int position : mustDiffer) {
            if (position != 6 && !plausibleDelimiter(b[position])) {
                problems.add(new EdiProblem("UNA_SEPARATOR", "UNA", 1, null, null, show(b[position]), "the "
                        + names[position - 3] + " (UNA position " + (position + 1) + ") is " + show(b[position])
                        + ": a letter, digit or space cannot delimit"));
                return problems;
            }
        }
        if (!segmentFollowsAt(b, 9, "UNB")) {
            problems.add(new EdiProblem("UNA_NOT_FOLLOWED_BY_UNB", "UNA", 1, null, null,
                    text(b, 9, Math.min(b.length, 12)), "UNA has 9 characters and must be followed by UNB; position"
                    + " 10 holds " + (b.length > 9 ? "'" + text(b, 9, Math.min(b.length, 12)) + "'" : "nothing")));
        }
        return problems;
    }

    private static EdiProblem nonAscii(byte[] b, String segment, int limit) {
        for (int i = 0; i < limit; i++) {
            if ((b[i] & 0x80) != 0) {
                String what;
                if (EdiInput.startsWith(b, i, BOM_UTF8)) {
                    what = "a byte-order mark (EF BB BF)";
                } else if (EdiInput.startsWith(b, i, NBSP_UTF8)) {
                    what = "a no-break space (UTF-8 C2 A0)";
                } else if ((b[i] & 0xFF) == 0xA0) {
                    what = "a no-break space (A0)";
                } else {
                    what = "the byte " + HexFormat.of().withUpperCase().toHexDigits(b[i]);
                }
                return new EdiProblem(segment + "_NOT_ASCII", segment, 1, null, null, null, "the " + segment
                        + " header holds " + what + " at position " + (i + 1) + ": it must be ASCII (a no-break space"
                        + " where a blank belongs also breaks the fixed positions of the header)");
            }
        }
        return null;
    }

    private static EdiProblem isaProblem(String code, Integer element, String value, String message) {
        return new EdiProblem(code, "ISA", 1, element, null, value == null ? null : EdiInspector.printable(value),
                message);
    }

    /**
     * Whether the header ends after ISA15: the segment after it starts right at position 106 (0-based 105), or, the
     * segments being on lines of their own, position 105 holds a line break and the next line ends with what
     * position 104 holds, which is then the segment terminator (a component separator never ends a GS line).
     */
    private static boolean isa16Missing(byte[] b) {
        if (tagAt(b, 105)) {
            return true;
        }
        if (b[105] != '\r' && b[105] != '\n') {
            return false;
        }
        int next = 105;
        while (next < b.length && (b[next] == '\r' || b[next] == '\n')) {
            next++;
        }
        if (!tagAt(b, next)) {
            return false;
        }
        int lineEnd = next;
        while (lineEnd < b.length && b[lineEnd] != '\r' && b[lineEnd] != '\n') {
            lineEnd++;
        }
        return lineEnd < b.length && b[lineEnd - 1] == b[104];
    }

    /** Whether the segment after an ISA (GS, TA1, IEA, or ST of a file without groups) starts at {@code at}. */
    private static boolean tagAt(byte[] b, int at) {
        for (String tag : List.of("GS", "TA1", "IEA", "ST")) {
            int after = at + tag.length();
            if (EdiInput.at(b, at, tag) && after < b.length && plausibleDelimiter(b[after])) {
                return true;
            }
        }
        return false;
    }

    private static boolean segmentFollowsAt(byte[] b, int at, String tag) {
        int i = at;
        while (i < b.length && (b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return EdiInput.at(b, i, tag);
    }

    private static boolean plausibleDelimiter(byte b) {
        return (b & 0x80) == 0 && b != ' ' && !Character.isLetterOrDigit(b);
    }

    private static boolean end(byte[] b, int position) {
        return b.length - position <= 20;
    }

    private static int indexOf(byte[] b, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasLineBreak(byte[] b, int limit) {
        for (int i = 0; i < Math.min(b.length, limit); i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }

    private static String show(byte b) {
        int c = b & 0xFF;
        if (c == '\r') {
            return "CR";
        }
        if (c == '\n') {
            return "LF";
        }
        if (c == ' ') {
            return "a space";
        }
        return c < 0x20 || c >= 0x7F ? "byte " + HexFormat.of().withUpperCase().toHexDigits(b) : "'" + (char) c + "'";
    }

    private static String two(int element) {
        return element < 10 ? "0" + element : String.valueOf(element);
    }
}
