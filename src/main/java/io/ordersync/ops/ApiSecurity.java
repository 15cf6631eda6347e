package io.ordersync.ops;

import io.ordersync.support.ApiAuthenticationException;
import io.ordersync.support.ApiForbiddenException;
import io.ordersync.support.Callers;
import io.ordersync.support.ExchangeProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;

/**
 * Authentication and authorization of API callers. Methods (property {@code ordersync.api.auth}, comma-separated):
 * {@code api-key} (header {@code X-API-Key} only - never the query string -, keys from {@code ordersync.api.keys} as
 * {@code caller:key}), {@code basic} (users from {@code ordersync.api.users} as {@code user:password}); {@code none}
 * turns both checks off. The caller's name is kept on the exchange for audit (e.g. who replayed a dead letter), its
 * roles ({@link ApiRoles}, property {@code ordersync.api.roles}) for the checks of each operation.
 */
public class ApiSecurity {

    public static final String CALLER = ExchangeProperties.CALLER;
    /** Exchange property: the authenticated caller's roles ({@code Set<String>}); absent with {@code none}. */
    public static final String CALLER_ROLES = ExchangeProperties.CALLER_ROLES;

    /**
     * Headers that carry credentials, or the request's query string (which may): they never travel further than
     * this check, and dead letters never keep them.
     */
    public static final Set<String> CREDENTIAL_HEADERS = Callers.CREDENTIAL_HEADERS;

    private final Set<String> methods;
    private final Map<String, String> keysToCaller;
    private final Map<String, String> passwords;
    private final ApiRoles roles;
    private volatile AdminUsers consoleUsers;

    public ApiSecurity(String methods, String apiKeys, String users, ApiRoles roles) {
        this.roles = roles;
        this.methods = split(methods).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        this.keysToCaller = new LinkedHashMap<>();
        split(apiKeys).forEach(entry -> {
            int colon = entry.indexOf(':');
            if (colon < 1 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("ordersync.api.keys: '" + entry.replaceAll(".", "*")
                        + "' must be caller:key with a non-empty key");
            }
            keysToCaller.put(entry.substring(colon + 1), entry.substring(0, colon));
        });
        this.passwords = new LinkedHashMap<>();
        split(users).forEach(entry -> {
            int colon = entry.indexOf(':');
            if (colon < 1 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("ordersync.api.users: entries must be user:password with a"
                        + " non-empty password");
            }
            passwords.put(entry.substring(0, colon), entry.substring(colon + 1));
        });
        if (this.methods.contains("none") && this.methods.size() > 1) {
            throw new IllegalArgumentException("ordersync.api.auth: 'none' cannot be combined with other methods");
        }
        if (this.methods.isEmpty()) {
            throw new IllegalArgumentException("ordersync.api.auth: name at least one of api-key, basic, none");
        }
        for (String method : this.methods) {
            if (!Set.of("api-key", "basic", "none").contains(method)) {
                throw new IllegalArgumentException("ordersync.api.auth: '" + method
                        + "' is not one of api-key, basic, none");
            }
        }
        if (!this.methods.contains("none")) {
            java.util.Set<String> callers = new java.util.TreeSet<>();
            if (this.methods.contains("api-key")) {
                callers.addAll(keysToCaller.values());
            }
            if (this.methods.contains("basic")) {
                callers.addAll(passwords.keySet());
            }
            roles.requireRolesFor(callers);
        }
    }

    /**
     * Accepts the support console's calls on behalf of its users ({@link AdminUsers#CONSOLE_HEADER}): caller
     * {@code console:<user>} with the user's admin role.
     */
    public void acceptConsoleUsers(AdminUsers users) {
        this.consoleUsers = users;
    }

    /** Throws {@link ApiAuthenticationException} unless the request carries valid credentials. */
    public void authenticate(Exchange exchange) {
        if (methods.contains("none")) {
            exchange.getMessage().removeHeader(AdminUsers.CONSOLE_HEADER);
            exchange.setProperty(CALLER, "anonymous");
            return;
        }
        boolean credentialsInQuery = credentialsInQuery(exchange);
        String console = exchange.getMessage().getHeader(AdminUsers.CONSOLE_HEADER, String.class);
        String key = exchange.getMessage().getHeader("X-API-Key", String.class);
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        // from here on credentials exist only in these locals: not in a log, an answer, Kafka or a dead letter
        clear(exchange, credentialsInQuery);
        authenticated(exchange, callerOf(console, key, authorization, credentialsInQuery));
    }

    /** Whether authentication is on (not {@code ordersync.api.auth=none}). */
    public boolean required() {
        return !methods.contains("none");
    }

    /**
     * The caller the credentials name, or {@link ApiAuthenticationException}: the one check of credentials, used by
     * the routes ({@link #authenticate}) and by the HTTP edge before a body is read ({@link RequestBodyEdge}).
     */
    public String callerOf(String console, String key, String authorization, boolean credentialsInQuery) {
        if (console != null && !credentialsInQuery) {
            AdminUsers users = consoleUsers;
            return users == null ? refuseConsole() : users.consoleUserOf(console)
                    .map(user -> AdminUsers.CONSOLE_CALLER_PREFIX + user).orElseGet(this::refuseConsole);
        }
        return callerOf(key, authorization, credentialsInQuery);
    }

    private String refuseConsole() {
        throw new ApiAuthenticationException("the support console's credential is not valid (log in again)",
                challenge());
    }

    /** {@link #callerOf(String, String, String, boolean)} without a console credential. */
    public String callerOf(String key, String authorization, boolean credentialsInQuery) {
        if (credentialsInQuery) {
            // a key in a URL ends up in access logs, proxies and browser histories: it is refused, even when valid
            throw new ApiAuthenticationException("credentials are accepted only in the X-API-Key or Authorization"
                    + " header, never in the query string", challenge());
        }
        if (methods.contains("api-key") && key != null) {
            for (Map.Entry<String, String> known : keysToCaller.entrySet()) {
                if (same(known.getKey(), key)) {
                    return known.getValue();
                }
            }
            throw new ApiAuthenticationException("the X-API-Key is not valid", challenge());
        }
        if (methods.contains("basic") && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiAuthenticationException("the Authorization header is not valid Basic", challenge());
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            String expected = passwords.get(user);
            if (expected != null && colon >= 0 && same(expected, decoded.substring(colon + 1))) {
                return user;
            }
            throw new ApiAuthenticationException("user or password is wrong", challenge());
        }
        throw new ApiAuthenticationException("credentials are required (" + String.join(" or ", methods) + ")",
                challenge());
    }

    private String challenge() {
        return methods.contains("basic") ? "Basic realm=\"ordersync\"" : "ApiKey header=\"X-API-Key\"";
    }

    private void authenticated(Exchange exchange, String caller) {
        exchange.setProperty(CALLER, caller);
        AdminUsers users = consoleUsers;
        if (users != null && caller.startsWith(AdminUsers.CONSOLE_CALLER_PREFIX)) {
            String role = users.roleOf(caller.substring(AdminUsers.CONSOLE_CALLER_PREFIX.length()));
            exchange.setProperty(CALLER_ROLES, AdminUsers.OPERATOR.equals(role)
                    ? Set.of(AdminUsers.OPERATOR, AdminUsers.VIEWER) : Set.of(AdminUsers.VIEWER));
            return;
        }
        exchange.setProperty(CALLER_ROLES, roles.of(caller));
    }

    /**
     * The check of the operation an API route serves: its route consumes {@code direct:<operationId>}, which the
     * route configuration's interceptFrom names in an exchange property. Called after {@link #authenticate}.
     */
    public void authorize(Exchange exchange) {
        String endpoint = exchange.getProperty(org.apache.camel.ExchangePropertyKey.INTERCEPTED_ROUTE_ENDPOINT_URI,
                String.class);
        String operation = endpoint == null ? "(unknown)"
                : endpoint.replaceFirst("^direct:(//)?", "").replaceFirst("\\?.*$", "");
        authorizeOperation(exchange, operation);
    }

    /** Throws {@link ApiForbiddenException} (403) unless the caller's roles permit the operation. */
    @SuppressWarnings("unchecked")
    public void authorizeOperation(Exchange exchange, String operation) {
        if (methods.contains("none")) {
            return;
        }
        Set<String> callerRoles = exchange.getProperty(CALLER_ROLES, Set.class);
        roles.authorize(exchange.getProperty(CALLER, String.class), callerRoles == null ? Set.of() : callerRoles,
                operation, name -> exchange.getMessage().getHeader(name, String.class));
    }

    /** Whether the query string names X-API-Key or Authorization (which the HTTP server turns into headers). */
    private static boolean credentialsInQuery(Exchange exchange) {
        for (String header : new String[] {Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY}) {
            if (queryNamesCredentials(exchange.getMessage().getHeader(header, String.class))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a query string ({@code a=1&X-API-Key=...}) names X-API-Key or Authorization. */
    public static boolean queryNamesCredentials(String query) {
        if (query == null) {
            return false;
        }
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0];
            try {
                name = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed escape: judged as written
            }
            if (name.trim().equalsIgnoreCase("X-API-Key") || name.trim().equalsIgnoreCase("Authorization")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Credentials never travel further than this check (logs, answers, Kafka headers, dead letters); with credentials
     * in the query string, neither do the headers that hold the query or the whole URI.
     */
    private static void clear(Exchange exchange, boolean queryToo) {
        exchange.getMessage().removeHeader("X-API-Key");
        exchange.getMessage().removeHeader("Authorization");
        exchange.getMessage().removeHeader("Proxy-Authorization");
        exchange.getMessage().removeHeader(AdminUsers.CONSOLE_HEADER);
        if (queryToo) {
            for (String header : List.of(Exchange.HTTP_QUERY, Exchange.HTTP_RAW_QUERY, Exchange.HTTP_URI,
                    Exchange.HTTP_URL)) {
                exchange.getMessage().removeHeader(header);
            }
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Stream<String> split(String list) {
        return list == null ? Stream.empty()
                : Stream.of(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }
}
