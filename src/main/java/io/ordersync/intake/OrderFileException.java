package io.ordersync.intake;

/** A file that cannot be read as orders of its format; the message says where and why. */
public class OrderFileException extends RuntimeException {

    public OrderFileException(String message) {
        super(message);
    }

    public OrderFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
