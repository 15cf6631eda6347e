package io.ordersync.support;

/** 401 with a challenge. */
public class ApiAuthenticationException extends RuntimeException {
    private final String challenge;

    public ApiAuthenticationException(String message, String challenge) {
        super(message);
        this.challenge = challenge;
    }

    public String challenge() {
        return challenge;
    }
}
