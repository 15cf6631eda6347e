package io.ordersync.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The error answers of {@code /api} as RFC 9457 problem details ({@code application/problem+json}): the standard
 * members {@code type}, {@code title}, {@code status} and {@code detail}, followed by the members clients of
 * ordersync have always read ({@code error}, {@code message}, {@code correlationId}, {@code fieldErrors}, ...), which
 * stay. {@code type} names the error code ({@code https://ordersync.io/problems/validation-failed} for
 * {@code VALIDATION_FAILED}), {@code detail} repeats {@code message}. See docs/api-errors.md.
 * <p>
 * The content type is set in one place, by a handler at the HTTP edge that applies {@link #contentType}: every
 * {@code /api} answer with a status of 400 or more and a JSON body leaves as {@code application/problem+json},
 * whichever route, bean or edge handler wrote it.
 */
public final class ApiProblem {

    public static final String CONTENT_TYPE = "application/problem+json";
    /** Where the problem types live: the error code, lower case, words joined by '-'. */
    public static final String TYPE_BASE = "https://ordersync.io/problems/";

    private ApiProblem() {
    }

    /** A problem answer: the RFC 9457 members, then ordersync's {@code error} and {@code message}. */
    public static Map<String, Object> body(int status, String code, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("error", code);
        fields.put("message", message);
        return body(status, fields);
    }

    /**
     * The RFC 9457 members for an answer that has {@code error} and {@code message}, followed by all of its fields,
     * unchanged and in their order.
     */
    public static Map<String, Object> body(int status, Map<String, Object> fields) {
        String code = String.valueOf(fields.get("error"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type(code));
        body.put("title", title(code));
        body.put("status", status);
        body.put("detail", fields.get("message"));
        body.putAll(fields);
        return body;
    }

    /** {@code VALIDATION_FAILED} -> {@code https://ordersync.io/problems/validation-failed}. */
    public static String type(String code) {
        return TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code VALIDATION_FAILED} -> {@code Validation failed}: the same for every occurrence of the code. */
    public static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * The content type of an answer: {@code application/problem+json} for an error status with a JSON body (its
     * parameters kept), the given one otherwise.
     */
    public static String contentType(int status, String contentType) {
        if (status < 400 || contentType == null) {
            return contentType;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            return contentType;
        }
        int parameters = contentType.indexOf(';');
        return parameters < 0 ? CONTENT_TYPE : CONTENT_TYPE + contentType.substring(parameters);
    }
}
