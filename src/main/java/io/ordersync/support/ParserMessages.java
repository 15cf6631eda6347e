package io.ordersync.support;

/** Parser messages (Jackson's, mostly) turned into something a caller of the API can read. */
public final class ParserMessages {

    private ParserMessages() {
    }

    /**
     * A parser's message as callers may read it: the position kept, the parser's own vocabulary (its feature and
     * class names, which tell a caller what runs here and mean nothing to it) left out.
     */
    public static String readable(String message) {
        if (message == null) {
            return "";
        }
        return message
                // "(start marker at [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1])"
                .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                // "... exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)"
                .replaceAll(", from `[^`]*`", "")
                // "...: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow"
                .replaceAll(":? *\\(?(enable|use) `[^`]*` to allow\\)?", "")
                // "value of type `java.math.BigDecimal`": the simple name
                .replaceAll("`(?:[a-z][\\w$]*\\.)+([A-Za-z][\\w$]*)[^`]*`", "$1")
                .replaceAll("`[A-Z][\\w$]*\\.[\\w$.()]*`", "")
                .replaceAll("\\b(?:[a-z][\\w$]*\\.){2,}([A-Z][\\w$]*)", "$1");
    }
}
