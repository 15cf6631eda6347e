package io.ordersync.order;

import java.util.List;

/** The input breaks the contract or the business rules; answered with 400 and the field errors. */
public class OrderValidationException extends RuntimeException {

    private final List<OrderValidator.FieldError> errors;

    public OrderValidationException(String message, List<OrderValidator.FieldError> errors) {
        super(message + ": " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<OrderValidator.FieldError> errors() {
        return errors;
    }
}
