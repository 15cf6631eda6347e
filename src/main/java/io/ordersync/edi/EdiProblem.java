package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with an EDI document, located precisely: the segment (tag and 1-based position counted from
 * the start of the file), element and component positions, the offending value, a code and a sentence for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EdiProblem(String code, String segment, Integer segmentPosition, Integer element, Integer component,
                         String value, String message) {

    static EdiProblem file(String code, String message) {
        return new EdiProblem(code, null, null, null, null, null, message);
    }

    /**
     * The problem in one line for people, with where and which code, e.g. {@code segment 14 (PO1), element 3:
     * 'XX' is not a valid code [INVALID_CODE_VALUE]}.
     */
    public String described() {
        StringBuilder where = new StringBuilder();
        if (segmentPosition != null) {
            where.append("segment ").append(segmentPosition);
            if (segment != null) {
                where.append(" (").append(segment).append(')');
            }
        } else if (segment != null) {
            where.append("segment ").append(segment);
        }
        if (element != null) {
            where.append(where.isEmpty() ? "" : ", ").append("element ").append(element);
            if (component != null) {
                where.append(", component ").append(component);
            }
        }
        return (where.isEmpty() ? "" : where + ": ") + message + (code == null ? "" : " [" + code + "]");
    }
}
