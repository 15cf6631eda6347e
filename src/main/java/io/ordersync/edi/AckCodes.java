package io.ordersync.edi;

import static io.xlate.edi.stream.EDIStreamValidationError.*;

import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamValidationError;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where StAEDI's validation errors (the {@code code} of an {@link EdiProblem}) become the codes of the
 * acknowledgement standards. A problem whose code is not a StAEDI error (NO_SCHEMA, ORDER_INVALID, MAPPING_FAILED,
 * TRANSACTION_TOO_LARGE, ...) is no syntax error and is not reported in any acknowledgement; two of ordersync's own
 * findings are syntax errors and reported as the StAEDI error they are a case of: CONTROL_CHARACTER (a control
 * character in an element) as INVALID_CHARACTER_DATA, CONTROL_TOTAL_MISMATCH (CTT / CNT disagrees with the set) as
 * INVALID_CODE_VALUE (X12 723 has no code for a wrong value; EDIFACT 0085 12 is "invalid value").
 *
 * <h2>Segment and element errors inside a transaction set / message</h2>
 * <table>
 * <caption>StAEDI error → AK304/AK403 (997 004010 | 997 005010), IK304/IK403 (999), 0085 (CONTRL UCS/UCD)</caption>
 * <tr><th>StAEDI</th><th>level</th><th>997 004010</th><th>997 005010</th><th>999</th><th>CONTRL</th></tr>
 * <tr><td>UNRECOGNIZED_SEGMENT_ID</td><td>segment</td><td>1</td><td>1</td><td>1</td><td>15</td></tr>
 * <tr><td>UNEXPECTED_SEGMENT</td><td>segment</td><td>2</td><td>2</td><td>2</td><td>15</td></tr>
 * <tr><td>MANDATORY_SEGMENT_MISSING</td><td>segment</td><td>3</td><td>3</td><td>3</td><td>13</td></tr>
 * <tr><td>LOOP_OCCURS_OVER_MAXIMUM_TIMES</td><td>segment</td><td>4</td><td>4</td><td>4</td><td>36</td></tr>
 * <tr><td>SEGMENT_EXCEEDS_MAXIMUM_USE</td><td>segment</td><td>5</td><td>5</td><td>5</td><td>35</td></tr>
 * <tr><td>SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET</td><td>segment</td><td>6</td><td>6</td><td>6</td><td>15</td></tr>
 * <tr><td>SEGMENT_NOT_IN_PROPER_SEQUENCE</td><td>segment</td><td>7</td><td>7</td><td>7</td><td>15</td></tr>
 * <tr><td>SEGMENT_HAS_DATA_ELEMENT_ERRORS</td><td>segment</td><td>8</td><td>8</td><td>8</td><td>(UCS without 0085)</td></tr>
 * <tr><td>CONDITIONAL_REQUIRED_SEGMENT_MISSING</td><td>segment</td><td>3</td><td>3</td><td>3</td><td>13</td></tr>
 * <tr><td>SEGMENT_EXCLUSION_CONDITION_VIOLATED</td><td>segment</td><td>2</td><td>2</td><td>2</td><td>15</td></tr>
 * <tr><td>IMPLEMENTATION_UNUSED_SEGMENT_PRESENT</td><td>segment</td><td>-</td><td>-</td><td>I4</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING</td><td>segment</td><td>-</td><td>-</td><td>I6</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES</td><td>segment</td><td>-</td><td>-</td><td>I7</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE</td><td>segment</td><td>-</td><td>-</td><td>I8</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT</td><td>segment</td><td>-</td><td>-</td><td>I9</td><td>-</td></tr>
 * <tr><td>REQUIRED_DATA_ELEMENT_MISSING</td><td>element</td><td>1</td><td>1</td><td>1</td><td>13</td></tr>
 * <tr><td>CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING</td><td>element</td><td>2</td><td>2</td><td>2</td><td>13</td></tr>
 * <tr><td>TOO_MANY_DATA_ELEMENTS</td><td>element</td><td>3</td><td>3</td><td>3</td><td>16</td></tr>
 * <tr><td>DATA_ELEMENT_TOO_SHORT</td><td>element</td><td>4</td><td>4</td><td>4</td><td>40</td></tr>
 * <tr><td>DATA_ELEMENT_TOO_LONG</td><td>element</td><td>5</td><td>5</td><td>5</td><td>39</td></tr>
 * <tr><td>INVALID_CHARACTER_DATA</td><td>element</td><td>6</td><td>6</td><td>6</td><td>37 (numeric element) / 21</td></tr>
 * <tr><td>INVALID_CODE_VALUE</td><td>element</td><td>7</td><td>7</td><td>7</td><td>12</td></tr>
 * <tr><td>INVALID_DATE</td><td>element</td><td>8</td><td>8</td><td>8</td><td>12</td></tr>
 * <tr><td>INVALID_TIME</td><td>element</td><td>9</td><td>9</td><td>9</td><td>12</td></tr>
 * <tr><td>EXCLUSION_CONDITION_VIOLATED</td><td>element</td><td>10</td><td>10</td><td>10</td><td>15</td></tr>
 * <tr><td>TOO_MANY_REPETITIONS</td><td>element</td><td>3</td><td>12</td><td>12</td><td>16</td></tr>
 * <tr><td>TOO_MANY_COMPONENTS</td><td>element</td><td>3</td><td>13</td><td>13</td><td>16</td></tr>
 * <tr><td>IMPLEMENTATION_INVALID_CODE_VALUE</td><td>element</td><td>-</td><td>-</td><td>I6</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING</td><td>element</td><td>-</td><td>-</td><td>I9</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT</td><td>element</td><td>-</td><td>-</td><td>I10</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_TOO_FEW_REPETITIONS</td><td>element</td><td>-</td><td>-</td><td>I11</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_PATTERN_MATCH_FAILURE</td><td>element</td><td>-</td><td>-</td><td>I12</td><td>-</td></tr>
 * <tr><td>IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT</td><td>element</td><td>-</td><td>-</td><td>I13</td><td>-</td></tr>
 * </table>
 * Notes: SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET is what StAEDI reports for a segment tag the transaction set does
 * not define at all (UNEXPECTED_SEGMENT: defined, but not here), which is exactly 720/620 code 6. The 004010 list
 * 723 ends at 10, so the element-repetition and component errors of the later releases (12, 13) are reported there
 * as 3 (too many data elements: a component is a component data element). "-": the 997 and CONTRL report
 * conformance to the standard (X12 dictionary, UN/EDIFACT directory); deviations from an implementation guide are
 * the 999's business (its I codes) and are not reported in them. CONDITIONAL_REQUIRED_SEGMENT_MISSING and
 * SEGMENT_EXCLUSION_CONDITION_VIOLATED have no code of their own in 720/620 and go as "missing" / "unexpected".
 *
 * <h2>Envelope errors</h2>
 * <ul>
 * <li>Transaction set header/trailer → AK502-506 / IK502-506 (718 / 618): SE01 count → 4, SE02 ≠ ST02 → 3,
 * SE missing → 2, ST01 → 6, ST02 or other SE02 error → 7; errors in the body → 5 (999: I5 when only
 * implementation-guide errors). EDIFACT UNH/UNT → UCM 0085 with 0013 and S011: UNT 0074 count → 29, UNT 0062 ≠
 * UNH 0062 → 28, missing → 13, element errors as in the table.</li>
 * <li>Functional group → AK905-909 (716): GS01 → 1, GS08 → 2, GE missing → 3, GE02 ≠ GS06 → 4, GE01 count → 5,
 * GS06 → 6; other GS errors reject the group without a code (716 has none for them). EDIFACT UNG/UNE → UCF 0085
 * as for UNH/UNT.</li>
 * <li>Interchange → TA105 (I18) by ISA element: ISA01 010, ISA02 011, ISA03 012, ISA04 013, ISA05 005,
 * ISA06 006, ISA07 007, ISA08 008, ISA09 014, ISA10 015, ISA11 016, ISA12 017, ISA13 018, ISA14 019, ISA15 020,
 * ISA16 027; IEA01 count → 021, IEA02 ≠ ISA13 → 001; IEA missing → 023 (premature end); a misplaced or broken
 * GS/GE → 024; any other segment out of place → 022 (invalid control structure). EDIFACT UNB/UNZ → UCI 0085:
 * UNZ count → 29, UNZ reference → 28, UNB 0001 (syntax identifier) → 2, segments outside messages → 33, the
 * rest as in the table.</li>
 * <li>Disagreements with the partner's profile (ordersync's code NO_AGREEMENT, see PartnerAgreement), always
 * rejecting: receiver ISA07/ISA08 → TA1 R 009, test indicator ISA15 → TA1 R 020, GS08 version → AK9 R 2; UNB
 * recipient → UCI 4 with 7, UNB 0035 → UCI 4 with 25, UNH S009 version → UCM 4 with 17.</li>
 * </ul>
 */
final class AckCodes {

    /** The acknowledgement being written, each with its own code lists. */
    public enum Format {
        /** X12 997 in 004010: AK304 (720), AK403 (723, codes 1-10), AK502 (718), AK905 (716). */
        X12_997_004010,
        /** X12 997 in 005010: as 004010, AK403 adds 12 (too many repetitions) and 13 (too many components). */
        X12_997_005010,
        /** X12 999 (005010X231): IK304 (620), IK403 (621), IK502 (618) with the implementation (I) codes. */
        X12_999,
        /** EDIFACT CONTRL (ISO 9735 version 3 service segments): 0085 in UCI/UCF/UCM/UCS/UCD. */
        CONTRL
    }

    /**
     * One row of the table: a StAEDI error, whether it concerns a segment (AK3/IK3/UCS) or an element
     * (AK4/IK4/UCD), and its code in each format (null: not reported in that format).
     */
    public record Row(EDIStreamValidationError error, boolean segment, String x997v4010, String x997v5010,
                      String x999, String contrl) {

        public String code(Format format) {
            return switch (format) {
                case X12_997_004010 -> x997v4010;
                case X12_997_005010 -> x997v5010;
                case X12_999 -> x999;
                case CONTRL -> contrl;
            };
        }
    }

    /** CONTRL 0085 for INVALID_CHARACTER_DATA in a numeric element: invalid type of characters. */
    static final String CONTRL_INVALID_TYPE_OF_CHARACTERS = "37";

    private static final Map<EDIStreamValidationError, Row> TABLE;

    static {
        Map<EDIStreamValidationError, Row> table = new EnumMap<>(EDIStreamValidationError.class);
        rows().forEach(row -> table.put(row.error(), row));
        TABLE = Collections.unmodifiableMap(table);
    }

    /** The table; deprecated StAEDI errors included, since readers may still report them. */
    @SuppressWarnings("deprecation")
    private static List<Row> rows() {
        return List.of(
                segment(UNRECOGNIZED_SEGMENT_ID, "1", "1", "1", "15"),
                segment(UNEXPECTED_SEGMENT, "2", "2", "2", "15"),
                segment(MANDATORY_SEGMENT_MISSING, "3", "3", "3", "13"),
                segment(LOOP_OCCURS_OVER_MAXIMUM_TIMES, "4", "4", "4", "36"),
                segment(SEGMENT_EXCEEDS_MAXIMUM_USE, "5", "5", "5", "35"),
                segment(SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET, "6", "6", "6", "15"),
                segment(SEGMENT_NOT_IN_PROPER_SEQUENCE, "7", "7", "7", "15"),
                segment(SEGMENT_HAS_DATA_ELEMENT_ERRORS, "8", "8", "8", null),
                segment(CONDITIONAL_REQUIRED_SEGMENT_MISSING, "3", "3", "3", "13"),
                segment(SEGMENT_EXCLUSION_CONDITION_VIOLATED, "2", "2", "2", "15"),
                segment(IMPLEMENTATION_UNUSED_SEGMENT_PRESENT, null, null, "I4", null),
                segment(IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING, null, null, "I6", null),
                segment(IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES, null, null, "I7", null),
                segment(IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE, null, null, "I8", null),
                segment(IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT, null, null, "I9", null),
                element(REQUIRED_DATA_ELEMENT_MISSING, "1", "1", "1", "13"),
                element(CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING, "2", "2", "2", "13"),
                element(TOO_MANY_DATA_ELEMENTS, "3", "3", "3", "16"),
                element(DATA_ELEMENT_TOO_SHORT, "4", "4", "4", "40"),
                element(DATA_ELEMENT_TOO_LONG, "5", "5", "5", "39"),
                element(INVALID_CHARACTER_DATA, "6", "6", "6", "21"),
                element(INVALID_CODE_VALUE, "7", "7", "7", "12"),
                element(INVALID_DATE, "8", "8", "8", "12"),
                element(INVALID_TIME, "9", "9", "9", "12"),
                element(EXCLUSION_CONDITION_VIOLATED, "10", "10", "10", "15"),
                element(TOO_MANY_REPETITIONS, "3", "12", "12", "16"),
                element(TOO_MANY_COMPONENTS, "3", "13", "13", "16"),
                element(IMPLEMENTATION_INVALID_CODE_VALUE, null, null, "I6", null),
                element(IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING, null, null, "I9", null),
                element(IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT, null, null, "I10", null),
                element(IMPLEMENTATION_TOO_FEW_REPETITIONS, null, null, "I11", null),
                element(IMPLEMENTATION_PATTERN_MATCH_FAILURE, null, null, "I12", null),
                element(IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT, null, null, "I13", null));
    }

    private AckCodes() {
    }

    private static Row segment(EDIStreamValidationError error, String x997v4010, String x997v5010, String x999,
                               String contrl) {
        return new Row(error, true, x997v4010, x997v5010, x999, contrl);
    }

    private static Row element(EDIStreamValidationError error, String x997v4010, String x997v5010, String x999,
                               String contrl) {
        return new Row(error, false, x997v4010, x997v5010, x999, contrl);
    }

    /** The table above, keyed by StAEDI error. */
    public static Map<EDIStreamValidationError, Row> table() {
        return TABLE;
    }

    /** The StAEDI error of a problem, empty for ordersync's own codes (NO_SCHEMA, ORDER_INVALID, ...). */
    public static Optional<EDIStreamValidationError> staedi(EdiProblem problem) {
        if (problem.code() == null) {
            return Optional.empty();
        }
        // ordersync's own syntax findings, reported as the StAEDI error they are a case of
        if (io.ordersync.edi.EdiInspector.CONTROL_CHARACTER.equals(problem.code())) {
            return Optional.of(INVALID_CHARACTER_DATA);
        }
        if (io.ordersync.edi.EdiInspector.CONTROL_TOTAL_MISMATCH.equals(problem.code())) {
            return Optional.of(INVALID_CODE_VALUE);
        }
        try {
            EDIStreamValidationError error = EDIStreamValidationError.valueOf(problem.code());
            return error == NONE ? Optional.empty() : Optional.of(error);
        } catch (IllegalArgumentException notStaedi) {
            return Optional.empty();
        }
    }

    static boolean isSegmentError(EDIStreamValidationError error) {
        return error.getCategory() == EDIStreamEvent.SEGMENT_ERROR;
    }

    static boolean isImplementationError(EDIStreamValidationError error) {
        return error.name().startsWith("IMPLEMENTATION_");
    }

    /** The code of a segment or element error in a format, empty when the format does not report it. */
    public static Optional<String> code(EDIStreamValidationError error, Format format) {
        Row row = TABLE.get(error);
        return row == null ? Optional.empty() : Optional.ofNullable(row.code(format));
    }

    // ------------------------------------------------------------------------------------------ X12 envelopes

    /** AK502-506 / IK502-506 code (718 / 618) for a problem of the ST/SE segments themselves. */
    static String transactionEnvelopeCode(EDIStreamValidationError error, String missingOrTag, Integer element) {
        if (error == MANDATORY_SEGMENT_MISSING) {
            return "SE".equals(missingOrTag) ? "2" : "6";
        }
        if ("ST".equals(missingOrTag)) {
            return element != null && element == 2 ? "7" : "6";
        }
        if (error == CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
            return "4";
        }
        if (error == CONTROL_REFERENCE_MISMATCH) {
            return "3";
        }
        // another error of SE01 (the count) or SE02 (the control number)
        return element != null && element == 1 ? "4" : "7";
    }

    /** AK905-909 code (716) for a problem of the GS/GE segments, empty when 716 has no code for it. */
    static Optional<String> groupCode(EDIStreamValidationError error, String missingOrTag, Integer element) {
        if (error == MANDATORY_SEGMENT_MISSING && "GE".equals(missingOrTag)) {
            return Optional.of("3");
        }
        if ("GE".equals(missingOrTag)) {
            if (error == CONTROL_REFERENCE_MISMATCH || element != null && element == 2) {
                return Optional.of("4");
            }
            if (error == CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT || element != null && element == 1) {
                return Optional.of("5");
            }
        }
        if ("GS".equals(missingOrTag) && element != null) {
            return switch (element) {
                case 1 -> Optional.of("1");
                case 6 -> Optional.of("6");
                case 8 -> Optional.of("2");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /**
     * AK905 (716) for a disagreement with the partner's profile in the GS: 2 (functional group version not supported)
     * for GS08; empty for the others, which 716 has no code for. The group is rejected either way.
     */
    static Optional<String> groupNoAgreementCode(Integer element) {
        return element != null && element == 8 ? Optional.of("2") : Optional.empty();
    }

    /** A group error the trailer makes (GE01 count, GE02 reference): noted in AK9, the group is not rejected. */
    static boolean isGroupTrailerDisagreement(String code716) {
        return "4".equals(code716) || "5".equals(code716);
    }

    private static final String[] TA1_BY_ISA_ELEMENT = {null, "010", "011", "012", "013", "005", "006", "007", "008",
        "014", "015", "016", "017", "018", "019", "020", "027"};

    /** TA105 note code (I18) for an interchange-level problem of an X12 interchange. */
    static String ta1NoteCode(EDIStreamValidationError error, String missingOrTag, Integer element) {
        if (error == MANDATORY_SEGMENT_MISSING && "IEA".equals(missingOrTag)) {
            return "023";
        }
        if (!isSegmentError(error)) {
            if ("ISA".equals(missingOrTag) && element != null && element >= 1 && element <= 16) {
                return TA1_BY_ISA_ELEMENT[element];
            }
            if ("IEA".equals(missingOrTag)) {
                return error == CONTROL_REFERENCE_MISMATCH || element != null && element == 2 ? "001" : "021";
            }
        }
        if ("GS".equals(missingOrTag) || "GE".equals(missingOrTag)) {
            return "024";
        }
        return "022";
    }

    /**
     * TA104 for a TA105 note code: E (accepted, errors noted) when only the trailer disagrees with what was received
     * (001: the header's control number is used; 021: the groups were counted) or the acknowledgment-requested or
     * test indicators are invalid (019, 020): the content can still be processed, and the sender must not resend.
     * R for every other code: the header cannot be trusted, so the interchange is not opened.
     */
    static String ta1AcknowledgmentCode(String noteCode) {
        return switch (noteCode) {
            case "000" -> "A";
            case "001", "019", "020", "021" -> "E";
            default -> "R";
        };
    }

    /**
     * TA105 for a disagreement with the partner's profile ({@code NO_AGREEMENT}) in the ISA: 009 (unknown interchange
     * receiver) for ISA07/ISA08, 020 (test indicator) for ISA15. Always with TA104 R: the content is not processed.
     */
    static String ta1NoAgreementCode(Integer element) {
        if (element != null && (element == 7 || element == 8)) {
            return "009";
        }
        return element != null && element >= 1 && element <= 16 ? TA1_BY_ISA_ELEMENT[element] : "022";
    }

    // ------------------------------------------------------------------------------------------ EDIFACT envelopes

    /** CONTRL 0085 17, no agreement: a message in a version the partner's profile does not agree to. */
    static final String CONTRL_NO_AGREEMENT = "17";

    /**
     * CONTRL 0085 for a disagreement with the partner's profile in the UNB: 7 (interchange recipient not actual
     * recipient) for S003, 25 (test indicator not supported) for 0035, 17 (no agreement) otherwise.
     */
    static String contrlNoAgreementCode(Integer element) {
        if (element != null && element == 3) {
            return "7";
        }
        return element != null && element == 11 ? "25" : CONTRL_NO_AGREEMENT;
    }

    /** CONTRL 0085 for a problem of a service segment (UNB/UNZ, UNG/UNE, UNH/UNT) or a segment outside messages. */
    static String contrlEnvelopeCode(EDIStreamValidationError error, String missingOrTag, Integer element) {
        if (error == CONTROL_REFERENCE_MISMATCH) {
            return "28";
        }
        if (error == CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
            return "29";
        }
        if (error == MANDATORY_SEGMENT_MISSING) {
            return "13";
        }
        if (isSegmentError(error)) {
            // a segment where only service segments may be: outside any message or group
            return "33";
        }
        if ("UNB".equals(missingOrTag) && element != null && element == 1
                && error != REQUIRED_DATA_ELEMENT_MISSING) {
            return "2";
        }
        return code(error, Format.CONTRL).orElse("18");
    }
}
