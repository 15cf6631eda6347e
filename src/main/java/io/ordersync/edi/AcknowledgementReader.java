package io.ordersync.edi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the functional acknowledgements partners send us: X12 997 and 999, EDIFACT CONTRL. Each becomes a list of
 * answers about what we sent, each naming it by its control numbers:
 * <ul>
 * <li>997 / 999: per AK2 (transaction set ST01/ST02) its AK5 / IK5 status, with the AK3/AK4 (IK3/IK4/CTX) detail
 * before it; per AK1 (functional group GS01/GS06) its AK9 status, which answers for the sets of the group that no
 * AK2 names. AK5/IK5: A accepted, E accepted with errors, M/R/W/X rejected. AK9: A, E, P (partially accepted:
 * the rejected sets are named in AK2s), M/R/W/X rejected.</li>
 * <li>CONTRL: per UCM (message 0062 and type) its action 0083, with the UCS/UCD detail after it; per UCF (group 0048)
 * and UCI (interchange 0020) their action, which answers for the messages no UCM names. 0083: 7 acknowledged, 4
 * rejected, 8 received (no syntax check was made: counted as accepted, the code stays in the detail).</li>
 * </ul>
 * The answers of a group or interchange come after the answers of the sets inside it.
 */
final class AcknowledgementReader {

    /** The transaction set / message types this reader understands. */
    public static final Set<String> TYPES = Set.of("997", "999", "CONTRL");

    /** What an answer is about. */
    public enum Level { INTERCHANGE, GROUP, TRANSACTION }

    /** What the partner said. PARTIALLY_ACCEPTED is a group's only (some sets rejected, named separately). */
    public enum Outcome { ACCEPTED, ACCEPTED_WITH_ERRORS, PARTIALLY_ACCEPTED, REJECTED }

    /**
     * One answer about something we sent.
     *
     * @param interchange our interchange control number (CONTRL UCI 0020; null in a 997/999, which does not name it)
     * @param group       our group control number (AK102 / UCF 0048), null when not named
     * @param type        AK101 functional id for a group; AK201 / UCM S009 type for a transaction set
     * @param transaction our transaction set control number (AK202 / UCM 0062), for a transaction-level answer
     * @param detail      the segments the answer was read from, as text
     */
    public record Answer(Level level, String interchange, String group, String type, String transaction,
                         Outcome outcome, String detail) {}

    /** One 997 / 999 / CONTRL: its type, its own control number (ST02 / UNH 0062) and its answers. */
    public record Acknowledgement(String type, String controlNumber, List<Answer> answers) {}

    /** An interchange of the file: who sent it, its control number, and the acknowledgements in it. */
    public record Interchange(String standard, String senderQualifier, String senderId, String controlNumber,
                              List<Acknowledgement> acknowledgements) {}

    private AcknowledgementReader() {
    }

    /** Every interchange of the file with the acknowledgements it holds (other transaction sets are skipped). */
    public static List<Interchange> read(byte[] file) {
        List<Interchange> result = new ArrayList<>();
        for (EdiSegments.Interchange interchange : EdiSegments.read(file, TYPES::contains)) {
            result.add("X12".equals(interchange.standard()) ? x12(interchange.segments())
                    : edifact(interchange.segments()));
        }
        return result;
    }

    // ============================================================================================ X12

    private static Interchange x12(List<EdiSegments.Segment> segments) {
        String qualifier = null;
        String sender = null;
        String control = null;
        List<Acknowledgement> acknowledgements = new ArrayList<>();
        String ackType = null;
        String ackControl = null;
        List<Answer> answers = null;
        String group = null;
        String functionalId = null;
        String setType = null;
        String setControl = null;
        List<String> detail = new ArrayList<>();
        for (EdiSegments.Segment s : segments) {
            switch (s.tag()) {
                case "ISA" -> {
                    qualifier = s.value(5);
                    sender = s.value(6);
                    control = s.value(13);
                }
                case "ST" -> {
                    if (TYPES.contains(s.value(1))) {
                        ackType = s.value(1);
                        ackControl = s.value(2);
                        answers = new ArrayList<>();
                    }
                }
                case "AK1" -> {
                    functionalId = s.value(1);
                    group = s.value(2);
                    detail.clear();
                }
                case "AK2" -> {
                    setType = s.value(1);
                    setControl = s.value(2);
                    detail.clear();
                    detail.add(x12Text(s));
                }
                case "AK3", "AK4", "IK3", "IK4", "CTX" -> detail.add(x12Text(s));
                case "AK5", "IK5" -> {
                    detail.add(x12Text(s));
                    if (answers != null) {
                        answers.add(new Answer(Level.TRANSACTION, null, group, setType, setControl,
                                x12Outcome(s.value(1)), String.join("; ", detail)));
                    }
                    setType = null;
                    setControl = null;
                    detail.clear();
                }
                case "AK9" -> {
                    if (answers != null) {
                        answers.add(new Answer(Level.GROUP, null, group, functionalId, null,
                                x12Outcome(s.value(1)), x12Text(s)));
                    }
                    group = null;
                    functionalId = null;
                }
                case "SE" -> {
                    if (answers != null) {
                        acknowledgements.add(new Acknowledgement(ackType, ackControl, List.copyOf(answers)));
                    }
                    answers = null;
                }
                default -> {
                    // GS, GE, IEA, TA1: envelope only
                }
            }
        }
        return new Interchange("X12", qualifier, sender, control, acknowledgements);
    }

    /** AK501 / IK501 / AK901 codes. */
    static Outcome x12Outcome(String code) {
        return switch (code == null ? "" : code.toUpperCase(Locale.ROOT)) {
            case "A" -> Outcome.ACCEPTED;
            case "E" -> Outcome.ACCEPTED_WITH_ERRORS;
            case "P" -> Outcome.PARTIALLY_ACCEPTED;
            // M, R, W, X: rejected for various reasons; anything unknown is not taken as acceptance either
            default -> Outcome.REJECTED;
        };
    }

    private static String x12Text(EdiSegments.Segment s) {
        return s.text('*', '>');
    }

    // ======================================================================================== EDIFACT

    private static Interchange edifact(List<EdiSegments.Segment> segments) {
        String qualifier = null;
        String sender = null;
        String control = null;
        List<Acknowledgement> acknowledgements = new ArrayList<>();
        String ackControl = null;
        List<Answer> answers = null;
        Answer interchangeAnswer = null;
        Answer groupAnswer = null;
        Answer message = null;
        List<String> messageDetail = new ArrayList<>();
        String acknowledgedInterchange = null;
        String acknowledgedGroup = null;
        for (EdiSegments.Segment s : segments) {
            switch (s.tag()) {
                case "UNB" -> {
                    sender = s.value(2, 1);
                    qualifier = s.value(2, 2);
                    control = s.value(5);
                }
                case "UNH" -> {
                    if ("CONTRL".equals(s.value(2, 1))) {
                        ackControl = s.value(1);
                        answers = new ArrayList<>();
                    }
                }
                case "UCI" -> {
                    acknowledgedInterchange = s.value(1);
                    interchangeAnswer = new Answer(Level.INTERCHANGE, acknowledgedInterchange, null, null, null,
                            contrlOutcome(s.value(4)), edifactText(s));
                }
                case "UCF" -> {
                    message = flush(answers, message, messageDetail);
                    add(answers, groupAnswer);
                    acknowledgedGroup = s.value(1);
                    groupAnswer = new Answer(Level.GROUP, acknowledgedInterchange, acknowledgedGroup, s.value(2, 1),
                            null, contrlOutcome(s.value(4)), edifactText(s));
                }
                case "UCM" -> {
                    message = flush(answers, message, messageDetail);
                    messageDetail.add(edifactText(s));
                    message = new Answer(Level.TRANSACTION, acknowledgedInterchange, acknowledgedGroup, s.value(2, 1),
                            s.value(1), contrlOutcome(s.value(3)), null);
                }
                case "UCS", "UCD" -> messageDetail.add(edifactText(s));
                case "UNT" -> {
                    if (answers != null) {
                        flush(answers, message, messageDetail);
                        add(answers, groupAnswer);
                        add(answers, interchangeAnswer);
                        acknowledgements.add(new Acknowledgement("CONTRL", ackControl, List.copyOf(answers)));
                    }
                    answers = null;
                    message = null;
                    groupAnswer = null;
                    interchangeAnswer = null;
                    acknowledgedInterchange = null;
                    acknowledgedGroup = null;
                }
                default -> {
                    // UNA, UNG, UNE, UNZ: envelope only
                }
            }
        }
        return new Interchange("EDIFACT", qualifier, sender, control, acknowledgements);
    }

    /** Completes the open UCM answer with the UCS/UCD after it; returns null (nothing open any more). */
    private static Answer flush(List<Answer> answers, Answer message, List<String> detail) {
        if (message != null) {
            add(answers, new Answer(message.level(), message.interchange(), message.group(), message.type(),
                    message.transaction(), message.outcome(), String.join("; ", detail)));
        }
        detail.clear();
        return null;
    }

    private static void add(List<Answer> answers, Answer answer) {
        if (answers != null && answer != null) {
            answers.add(answer);
        }
    }

    /** Action code 0083. */
    static Outcome contrlOutcome(String code) {
        return switch (code == null ? "" : code) {
            case "7", "8" -> Outcome.ACCEPTED;
            default -> Outcome.REJECTED;
        };
    }

    private static String edifactText(EdiSegments.Segment s) {
        return s.text('+', ':');
    }
}
