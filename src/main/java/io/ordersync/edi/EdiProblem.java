package io.ordersync.edi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with an EDI document, located precisely: the segment (tag and 1-based position counted from
 * the start of the file), element and component positions, the offending value, a code and a sentence for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EdiProblem(String code, String segment, Integer segmentPosition, Integer element, Integer component,
                         String value, String message) {

    static EdiProblem file(String code, String message) {
        return new EdiProblem(code, null, null, null, null, null, message);
    }
}
