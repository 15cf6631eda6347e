package io.ordersync.search;

import java.util.Locale;

/**
 * What a support search finds, in the order hits of the same time are listed: its name in the API ({@code kind}) and
 * the details link of a hit.
 */
public enum SearchKind {
    ORDER("order"),
    INTERCHANGE("interchange"),
    DEAD_LETTER("dead-letter"),
    SENT_DOCUMENT("sent-document");

    private final String apiName;

    SearchKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The kind of an API name, in any case; null when there is none of that name. */
    public static SearchKind of(String apiName) {
        for (SearchKind kind : values()) {
            if (kind.apiName.equals(apiName.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        return null;
    }

    /** Whether the kind's ids are numbers (all but orders, whose ids are ord-&lt;uuid&gt;). */
    boolean numericIds() {
        return this != ORDER;
    }
}
