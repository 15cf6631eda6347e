package io.ordersync.demo.sim;

/** ordersync's webhook did not take a status message (e.g. 400 with field errors, 401 wrong key). */
public class StatusMessageRefusedException extends RuntimeException {

    private final int httpStatus;
    private final String answer;

    public StatusMessageRefusedException(String source, int httpStatus, String answer) {
        super("ordersync refused the " + source + " status message: HTTP " + httpStatus + " " + answer);
        this.httpStatus = httpStatus;
        this.answer = answer;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String answer() {
        return answer;
    }
}
