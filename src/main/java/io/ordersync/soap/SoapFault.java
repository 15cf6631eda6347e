package io.ordersync.soap;

import io.ordersync.support.FieldError;
import java.util.List;

/**
 * A SOAP 1.1 fault to answer with: fault code ({@code Client}, {@code Server}, {@code VersionMismatch},
 * {@code MustUnderstand}), the {@code OrderFault} detail's code and field errors, and whether the request is kept as
 * an INVALID dead letter (bad input is evidence; an unknown order id is not).
 */
public class SoapFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String CLIENT = "Client";
    public static final String SERVER = "Server";
    public static final String VERSION_MISMATCH = "VersionMismatch";
    public static final String MUST_UNDERSTAND = "MustUnderstand";

    private final String faultCode;
    private final String code;
    private final transient List<FieldError> fieldErrors;
    private final boolean keepAsInvalid;

    public SoapFault(String faultCode, String code, String message, List<FieldError> fieldErrors,
                     boolean keepAsInvalid) {
        super(message, null, false, false);
        this.faultCode = faultCode;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.keepAsInvalid = keepAsInvalid;
    }

    /** The request is wrong as sent; it is kept as an INVALID dead letter. */
    static SoapFault invalid(String code, String message) {
        return new SoapFault(CLIENT, code, message, List.of(), true);
    }

    static SoapFault invalid(String code, String message, List<FieldError> fieldErrors) {
        return new SoapFault(CLIENT, code, message, fieldErrors, true);
    }

    public String faultCode() {
        return faultCode;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public boolean keepAsInvalid() {
        return keepAsInvalid;
    }

    /** This fault with its code and every field error in the message, for a dead letter's exception message. */
    SoapFault withDetailInMessage() {
        StringBuilder message = new StringBuilder(code).append(": ").append(getMessage());
        for (FieldError error : fieldErrors) {
            message.append("; ").append(error.field()).append(": ").append(error.message());
        }
        return new SoapFault(faultCode, code, message.toString(), fieldErrors, keepAsInvalid);
    }

    /** Content-Type of a SOAP 1.1 answer. */
    public static final String CONTENT_TYPE = SoapMessages.CONTENT_TYPE;

    /**
     * A whole SOAP 1.1 fault envelope, for answers given before any route runs (the HTTP edge's refusals of bodies
     * that are too large or come without credentials).
     */
    public static String envelope(String faultCode, String code, String message, String correlationId) {
        return SoapMessages.fault(new SoapFault(faultCode, code, message, List.of(), false), correlationId);
    }
}
