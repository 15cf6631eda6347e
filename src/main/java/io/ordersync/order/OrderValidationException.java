package io.ordersync.order;

import io.ordersync.support.FieldError;
import java.util.List;

/** The input breaks the contract or the business rules; answered with 400 and the field errors. */
public class OrderValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public OrderValidationException(String message, List<FieldError> errors) {
        super(message + ": " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
