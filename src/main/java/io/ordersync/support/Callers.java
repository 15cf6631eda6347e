package io.ordersync.support;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the capabilities need to know about the authenticated caller, without the HTTP edge that authenticates it
 * or the rules that say which role may call which operation: the role names they test for and the headers that
 * carry credentials. The caller and its roles travel as the exchange properties
 * {@link ExchangeProperties#CALLER} and {@link ExchangeProperties#CALLER_ROLES}.
 */
public final class Callers {

    /** The role that may read and replay dead letters and run reconciliations. */
    public static final String OPERATOR = "operator";
    /** {@code partner:<id>}: may submit the EDI interchanges of that partner. */
    public static final String PARTNER_PREFIX = "partner:";

    /**
     * Headers that carry credentials, or the request's query string (which may): they never travel further than
     * the credentials check, and dead letters never keep them.
     */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("x-api-key", "authorization", "proxy-authorization",
            "x-ordersync-console", "cookie", "camelhttpquery", "camelhttprawquery", "camelhttpuri", "camelhttpurl");

    private Callers() {
    }

    /** The partners whose interchanges the caller may submit ({@code partner:<id>} roles). */
    public static Set<String> partnersOf(Set<String> roles) {
        Set<String> partners = new TreeSet<>();
        roles.stream().filter(r -> r.startsWith(PARTNER_PREFIX))
                .forEach(r -> partners.add(r.substring(PARTNER_PREFIX.length())));
        return partners;
    }
}
