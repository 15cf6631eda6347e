package io.ordersync.support;

/** 403: the caller is known but lacks the role the operation needs. */
public class ApiForbiddenException extends RuntimeException {
    private final String requiredRole;

    public ApiForbiddenException(String message, String requiredRole) {
        super(message);
        this.requiredRole = requiredRole;
    }

    public String requiredRole() {
        return requiredRole;
    }
}
