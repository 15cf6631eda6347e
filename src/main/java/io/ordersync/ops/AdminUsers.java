package io.ordersync.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people who log in on the admin port (the support console and Hawtio): {@code ordersync.admin.users}
 * ({@code user:password,...}) with their role from {@code ordersync.admin.roles} ({@code user:viewer,...}):
 * {@value #VIEWER} reads, {@value #OPERATOR} also replays, edits, discards and runs jobs. A user not named there is an
 * operator. Only operators may log in to Hawtio, whose Jolokia can invoke any MBean (stop a route, change a setting).
 * <p>
 * The support console acts through the REST API, as its users: it names them to the API with a credential that only
 * this JVM knows ({@link #consoleCredential(String)}), so that the API checks their role and audits their name
 * ({@code console:<user>}) as it does for every other caller.
 */
public final class AdminUsers {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    /** The request header of the support console's calls to the API: {@code <secret> <user>}. */
    public static final String CONSOLE_HEADER = "X-Ordersync-Console";
    /** Prefix of the API caller name of a console user. */
    public static final String CONSOLE_CALLER_PREFIX = "console:";

    private static final Logger LOG = LoggerFactory.getLogger(AdminUsers.class);

    private final Map<String, String> passwords;
    private final Map<String, String> roles;
    private final String secret;

    private AdminUsers(Map<String, String> passwords, Map<String, String> roles, String secret) {
        this.passwords = passwords;
        this.roles = roles;
        this.secret = secret;
    }

    /**
     * @param users {@code user:password} pairs separated by commas (a password may contain ':' but not ',')
     * @param roles {@code user:role} pairs separated by commas, role {@value #VIEWER} or {@value #OPERATOR}
     */
    public static AdminUsers parse(String users, String roles) {
        Map<String, String> passwords = new LinkedHashMap<>();
        entries(users).forEach(entry -> {
            int colon = entry.indexOf(':');
            if (colon < 1 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("ordersync.admin.users: entries must be user:password");
            }
            passwords.put(entry.substring(0, colon), entry.substring(colon + 1));
        });
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("ordersync.admin.users is empty: nobody could log in to the admin "
                    + "console (set users, or ordersync.admin.enabled=false)");
        }
        Map<String, String> roleOf = new LinkedHashMap<>();
        entries(roles).forEach(entry -> {
            int colon = entry.indexOf(':');
            String user = colon < 0 ? entry : entry.substring(0, colon);
            String role = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (!Set.of(VIEWER, OPERATOR).contains(role)) {
                throw new IllegalArgumentException("ordersync.admin.roles: the role of '" + user + "' must be "
                        + VIEWER + " or " + OPERATOR + ", not '" + role + "'");
            }
            if (!passwords.containsKey(user)) {
                // grants nothing (nobody logs in as a user without a password); said, in case of a misspelt name
                LOG.warn("ordersync.admin.roles names '{}', who is not in ordersync.admin.users: ignored", user);
                return;
            }
            roleOf.put(user, role);
        });
        passwords.keySet().forEach(user -> roleOf.putIfAbsent(user, OPERATOR));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new AdminUsers(Map.copyOf(passwords), Map.copyOf(roleOf),
                Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** The user, when the password is theirs. Compares in constant time, also for unknown users. */
    public Optional<String> authenticate(String user, String password) {
        String expected = user == null ? null : passwords.get(user);
        boolean ok = same(expected == null ? "\u0000unknown" : expected, password == null ? "" : password)
                && expected != null;
        return ok ? Optional.of(user) : Optional.empty();
    }

    /** {@value #VIEWER} or {@value #OPERATOR}. */
    public String roleOf(String user) {
        String role = roles.get(user);
        if (role == null) {
            throw new IllegalArgumentException("not an admin user: " + user);
        }
        return role;
    }

    /** The passwords of the users who may log in to Hawtio: the operators. */
    public Map<String, String> hawtioPasswords() {
        Map<String, String> operators = new LinkedHashMap<>();
        passwords.forEach((user, password) -> {
            if (OPERATOR.equals(roles.get(user))) {
                operators.put(user, password);
            }
        });
        return operators;
    }

    public int size() {
        return passwords.size();
    }

    public boolean usesDemoPassword() {
        return "demo-admin-password".equals(passwords.get("admin"));
    }

    /** The value of {@link #CONSOLE_HEADER} with which the console calls the API as this user. */
    public String consoleCredential(String user) {
        roleOf(user);
        return secret + " " + user;
    }

    /**
     * The console user a {@link #CONSOLE_HEADER} value names, when its secret is this JVM's; empty otherwise (a forged
     * or stale value).
     */
    public Optional<String> consoleUserOf(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        int space = headerValue.indexOf(' ');
        if (space < 1 || !same(secret, headerValue.substring(0, space))) {
            return Optional.empty();
        }
        String user = headerValue.substring(space + 1);
        return roles.containsKey(user) ? Optional.of(user) : Optional.empty();
    }

    private static Stream<String> entries(String list) {
        return Stream.of(list == null ? new String[0] : list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
