package io.ordersync.edi;

import java.util.Locale;

/** Sentences for StAEDI's validation codes, naming the segment, element and value concerned. */
final class EdiMessages {

    private EdiMessages() {
    }

    static String describe(String code, String segment, Integer element, Integer component, String value) {
        String where = (segment == null ? "" : segment) + (element == null ? "" : String.format("%02d", element))
                + (component == null ? "" : "-" + component);
        String quoted = value == null ? "" : " '" + value + "'";
        return switch (code) {
            case "UNRECOGNIZED_SEGMENT_ID" -> "segment " + segment + " is not a known segment";
            case "UNEXPECTED_SEGMENT", "SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET" ->
                    "segment " + segment + " is not allowed here";
            case "SEGMENT_NOT_IN_PROPER_SEQUENCE" -> "segment " + segment + " is out of sequence";
            case "MANDATORY_SEGMENT_MISSING" -> value != null && value.matches("[A-Z][A-Z0-9]{1,2}")
                    && !value.equals(segment) ? "mandatory segment " + value + " is missing (noticed at " + segment
                    + ")" : "mandatory segment " + segment + " is missing";
            case "SEGMENT_EXCEEDS_MAXIMUM_USE" -> "segment " + segment + " occurs more often than allowed";
            case "LOOP_OCCURS_OVER_MAXIMUM_TIMES" -> "loop starting with " + segment + " occurs more often than allowed";
            case "REQUIRED_DATA_ELEMENT_MISSING" -> "mandatory element " + where + " is missing";
            case "CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING" -> "element " + where + " is required by another element";
            case "EXCLUSION_CONDITION_VIOLATED" -> "element " + where + " may not be used with another element";
            case "TOO_MANY_DATA_ELEMENTS" -> "segment " + segment + " has more elements than defined";
            case "TOO_MANY_REPETITIONS" -> "element " + where + " repeats more often than allowed";
            case "TOO_MANY_COMPONENTS" -> "element " + where + " has more components than defined";
            case "DATA_ELEMENT_TOO_SHORT" -> "element " + where + quoted + " is too short";
            case "DATA_ELEMENT_TOO_LONG" -> "element " + where + quoted + " is too long";
            case "INVALID_CHARACTER_DATA" -> "element " + where + quoted + " has characters its type does not allow";
            case "INVALID_CODE_VALUE", "IMPLEMENTATION_INVALID_CODE_VALUE" ->
                    "element " + where + quoted + " is not a valid code";
            case "INVALID_DATE" -> "element " + where + quoted + " is not a valid date";
            case "INVALID_TIME" -> "element " + where + quoted + " is not a valid time";
            case "CONTROL_REFERENCE_MISMATCH" -> "control number in " + where + quoted
                    + " does not match its header";
            case "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT" -> "count in " + where + quoted
                    + " does not match the actual count";
            default -> code.toLowerCase(Locale.ROOT).replace('_', ' ') + (where.isEmpty() ? "" : " at " + where)
                    + quoted;
        };
    }
}
