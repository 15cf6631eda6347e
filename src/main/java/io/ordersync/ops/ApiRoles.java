package io.ordersync.ops;

import io.ordersync.support.ApiForbiddenException;
import io.ordersync.support.Callers;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who may call what. Each API caller (an API key's caller name or a Basic user) holds roles, configured in
 * {@code ordersync.api.roles} as {@code caller=role,role;caller=role}. {@link #RULES} is the one place that says
 * which role each operation of the contract ({@code openapi/ordersync-api.yaml}, by operationId) and the SOAP order
 * service ({@value #SOAP_ORDERS}) needs; an operation without a rule is refused to everybody.
 *
 * <p>Roles:
 * <ul>
 *   <li>{@code submitter:orders} - CRM orders over REST (submit, and read orders); {@code submitter:soap} - the SOAP
 *       order service (SubmitOrder, GetOrderStatus); {@code submitter:quotes} - quote validation</li>
 *   <li>{@code partner:<partnerId>} - EDI interchanges over HTTP, only with that partner's own sender identity
 *       (mappings/partners/&lt;partnerId&gt;.yaml); checked again per interchange by the EDI intake</li>
 *   <li>{@code status-source:<source>} - status events of that one source (POST /api/v1/status-events/{source})</li>
 *   <li>{@code viewer} - reads orders, exceptions, reconciliation runs, SLA, EDI lists and dead letters without
 *       their payloads, and searches them all (support search)</li>
 *   <li>{@code operator} - everything a viewer may, plus dead-letter payloads, replays and reconciliation runs</li>
 * </ul>
 * Any role at all ({@value #ANY_ROLE}) may read the contract itself.
 */
public final class ApiRoles {

    /** The rule key of the SOAP order service (POST /soap/orders), which is no operation of the OpenAPI contract. */
    public static final String SOAP_ORDERS = "/soap/orders";

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = Callers.OPERATOR;
    public static final String PARTNER_PREFIX = Callers.PARTNER_PREFIX;
    public static final String STATUS_SOURCE_PREFIX = "status-source:";
    /** In a rule: whatever role the caller holds (a caller without roles is refused). */
    public static final String ANY_ROLE = "*";
    static final Set<String> SUBMITTER_ROLES = Set.of("submitter:orders", "submitter:soap", "submitter:quotes");

    /**
     * What each operation needs: any one of the roles listed. {@code partner:*} is any partner role (the interchange's
     * sender is then bound to it by the EDI intake); {@code status-source:{source}} is the role of the source named in
     * the path.
     */
    static final Map<String, List<String>> RULES = Map.ofEntries(
            Map.entry("submitOrder", List.of("submitter:orders")),
            Map.entry("getOrder", List.of(VIEWER, "submitter:orders")),
            // payloads only for operators (withheld in the answer for viewers, as with dead letters)
            Map.entry("listOrderMessages", List.of(VIEWER)),
            Map.entry("validateQuote", List.of("submitter:quotes")),
            Map.entry(SOAP_ORDERS, List.of("submitter:soap")),
            Map.entry("receiveEdi", List.of(PARTNER_PREFIX + "*")),
            Map.entry("receiveStatusEvent", List.of(STATUS_SOURCE_PREFIX + "{source}")),
            Map.entry("listOrderExceptions", List.of(VIEWER)),
            Map.entry("listReconciliationRuns", List.of(VIEWER)),
            Map.entry("getReconciliationRun", List.of(VIEWER)),
            Map.entry("getSlaReport", List.of(VIEWER)),
            Map.entry("listEdiInterchanges", List.of(VIEWER)),
            Map.entry("listEdiSentDocuments", List.of(VIEWER)),
            Map.entry("listEdiAcknowledgements", List.of(VIEWER)),
            Map.entry("listDeadLetters", List.of(VIEWER)),
            Map.entry("getDeadLetter", List.of(VIEWER)),
            Map.entry("search", List.of(VIEWER)),
            // payloads hold whole messages of every channel (names, addresses, prices): operators only
            Map.entry("getDeadLetterPayload", List.of(OPERATOR)),
            Map.entry("runReconciliation", List.of(OPERATOR)),
            Map.entry("startReconciliationRun", List.of(OPERATOR)),
            Map.entry("replayDeadLetter", List.of(OPERATOR)),
            Map.entry("replayEditedDeadLetter", List.of(OPERATOR)),
            Map.entry("discardDeadLetter", List.of(OPERATOR)),
            Map.entry("replayDeadLetters", List.of(OPERATOR)),
            Map.entry("getDeadLetterReplayBatch", List.of(VIEWER)),
            Map.entry("listOperatorActions", List.of(VIEWER)),
            Map.entry("getDashboard", List.of(VIEWER)),
            Map.entry("listEdiPartners", List.of(VIEWER)),
            Map.entry("getApiContract", List.of(ANY_ROLE)));

    private final Map<String, Set<String>> rolesByCaller;
    private final Set<String> statusSources;

    private ApiRoles(Map<String, Set<String>> rolesByCaller, Set<String> statusSources) {
        this.rolesByCaller = rolesByCaller;
        this.statusSources = statusSources;
    }

    /**
     * Reads {@code ordersync.api.roles}. Every role must be known: {@code partner:} names a configured partner,
     * {@code status-source:} a source of {@code ordersync.status-events.sources}.
     *
     * @throws IllegalArgumentException naming the unknown role or the malformed entry
     */
    public static ApiRoles parse(String configured, Set<String> partners, Set<String> statusSources) {
        Map<String, Set<String>> byCaller = new LinkedHashMap<>();
        if (configured != null) {
            for (String entry : configured.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                String caller = equals < 0 ? "" : entry.substring(0, equals).trim();
                if (caller.isEmpty()) {
                    throw new IllegalArgumentException("ordersync.api.roles: '" + entry.trim()
                            + "' must be caller=role,role (entries separated by ';')");
                }
                Set<String> roles = byCaller.computeIfAbsent(caller, c -> new TreeSet<>());
                for (String role : entry.substring(equals + 1).split(",")) {
                    String name = role.trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    check(caller, name, partners, statusSources);
                    roles.add(name);
                }
            }
        }
        return new ApiRoles(byCaller, Set.copyOf(statusSources));
    }

    private static void check(String caller, String role, Set<String> partners, Set<String> statusSources) {
        boolean known = role.equals(VIEWER) || role.equals(OPERATOR) || SUBMITTER_ROLES.contains(role)
                || role.startsWith(PARTNER_PREFIX) && partners.contains(role.substring(PARTNER_PREFIX.length()))
                || role.startsWith(STATUS_SOURCE_PREFIX)
                && statusSources.contains(role.substring(STATUS_SOURCE_PREFIX.length()));
        if (!known) {
            throw new IllegalArgumentException("ordersync.api.roles: caller " + caller + " has the unknown role '"
                    + role + "' (roles: viewer, operator, " + String.join(", ", new TreeSet<>(SUBMITTER_ROLES))
                    + ", partner:<one of " + new TreeSet<>(partners) + ">, status-source:<one of "
                    + new TreeSet<>(statusSources) + ">)");
        }
    }

    /**
     * Every caller with credentials must have at least one role: a caller without one could do nothing, which is
     * always a configuration mistake (often a misspelt caller name in {@code ordersync.api.roles}).
     */
    public void requireRolesFor(Collection<String> callers) {
        for (String caller : callers) {
            if (rolesByCaller.getOrDefault(caller, Set.of()).isEmpty()) {
                throw new IllegalArgumentException("ordersync.api.roles: caller " + caller
                        + " has credentials but no role (give it e.g. " + caller + "=viewer)");
            }
        }
    }

    /** The caller's roles; {@code operator} includes {@code viewer}. */
    public Set<String> of(String caller) {
        Set<String> roles = new LinkedHashSet<>(rolesByCaller.getOrDefault(caller, Set.of()));
        if (roles.contains(OPERATOR)) {
            roles.add(VIEWER);
        }
        return Set.copyOf(roles);
    }

    /** The operations that have a rule (every operationId of the contract, and {@value #SOAP_ORDERS}). */
    public static Set<String> operationsWithRules() {
        return RULES.keySet();
    }

    /**
     * Throws {@link ApiForbiddenException} unless the roles permit the operation.
     *
     * @param pathParameter the operation's path parameters by name (e.g. {@code source})
     */
    public void authorize(String caller, Set<String> roles, String operation, Function<String, String> pathParameter) {
        List<String> needed = RULES.get(operation);
        if (needed == null) {
            throw forbidden(caller, operation, "none (the operation has no rule)");
        }
        for (String role : needed) {
            if (role.equals(ANY_ROLE)) {
                if (!roles.isEmpty()) {
                    return;
                }
            } else if (role.equals(PARTNER_PREFIX + "*")) {
                if (roles.stream().anyMatch(r -> r.startsWith(PARTNER_PREFIX))) {
                    return;
                }
            } else if (role.equals(STATUS_SOURCE_PREFIX + "{source}")) {
                String source = pathParameter.apply("source");
                if (source != null && roles.contains(STATUS_SOURCE_PREFIX + source)) {
                    return;
                }
                // a source that is no configured source is refused by the route itself (400, naming the sources)
                if (source != null && !statusSources.contains(source)
                        && roles.stream().anyMatch(r -> r.startsWith(STATUS_SOURCE_PREFIX))) {
                    return;
                }
            } else if (roles.contains(role)) {
                return;
            }
        }
        throw forbidden(caller, operation, String.join(" or ", needed.stream()
                .map(role -> role.equals(STATUS_SOURCE_PREFIX + "{source}") ? statusSourceRole(pathParameter)
                        : role.equals(PARTNER_PREFIX + "*") ? PARTNER_PREFIX + "<partnerId>"
                        : role.equals(ANY_ROLE) ? "any role" : role)
                .toList()));
    }

    /** The role of the source in the path; a path that names no source is not echoed. */
    private String statusSourceRole(Function<String, String> pathParameter) {
        String source = pathParameter.apply("source");
        return STATUS_SOURCE_PREFIX + (source != null && statusSources.contains(source) ? source : "<source>");
    }

    private static ApiForbiddenException forbidden(String caller, String operation, String requiredRole) {
        return new ApiForbiddenException("caller " + caller + " may not call " + operation
                + ": it needs the role " + requiredRole, requiredRole);
    }
}
