package io.ordersync.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;

/**
 * Authentication of API callers. Methods (property {@code ordersync.api.auth}, comma-separated):
 * {@code api-key} (header {@code X-API-Key}, keys from {@code ordersync.api.keys} as {@code caller:key}),
 * {@code basic} (users from {@code ordersync.api.users} as {@code user:password}); {@code none} turns it off.
 * The caller's name is kept on the exchange for audit (e.g. who replayed a dead letter).
 */
public class ApiSecurity {

    public static final String CALLER = "ordersyncCaller";

    private final Set<String> methods;
    private final Map<String, String> keysToCaller;
    private final Map<String, String> passwords;

    public ApiSecurity(String methods, String apiKeys, String users) {
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
    }

    /** Throws {@link ApiAuthenticationException} unless the request carries valid credentials. */
    public void authenticate(Exchange exchange) {
        if (methods.contains("none")) {
            exchange.setProperty(CALLER, "anonymous");
            return;
        }
        String key = exchange.getMessage().getHeader("X-API-Key", String.class);
        if (methods.contains("api-key") && key != null) {
            for (Map.Entry<String, String> known : keysToCaller.entrySet()) {
                if (same(known.getKey(), key)) {
                    exchange.setProperty(CALLER, known.getValue());
                    clear(exchange);
                    return;
                }
            }
            throw new ApiAuthenticationException("the X-API-Key is not valid", challenge());
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
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
                exchange.setProperty(CALLER, user);
                clear(exchange);
                return;
            }
            throw new ApiAuthenticationException("user or password is wrong", challenge());
        }
        throw new ApiAuthenticationException("credentials are required (" + String.join(" or ", methods) + ")",
                challenge());
    }

    private String challenge() {
        return methods.contains("basic") ? "Basic realm=\"ordersync\"" : "ApiKey header=\"X-API-Key\"";
    }

    /** Credentials never travel further than this check (logs, Kafka headers, dead letters). */
    private static void clear(Exchange exchange) {
        exchange.getMessage().removeHeader("X-API-Key");
        exchange.getMessage().removeHeader("Authorization");
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Stream<String> split(String list) {
        return list == null ? Stream.empty()
                : Stream.of(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** 401 with a challenge. */
    public static class ApiAuthenticationException extends RuntimeException {
        private final String challenge;

        public ApiAuthenticationException(String message, String challenge) {
            super(message);
            this.challenge = challenge;
        }

        public String challenge() {
            return challenge;
        }
    }
}
