package io.ordersync.events;

/** The timeline refuses a status report (an impossible transition): not retried, dead-lettered with the reason. */
public class StatusEventRefusedException extends RuntimeException {

    private final String code;

    public StatusEventRefusedException(String code, String reason) {
        super(code + ": " + reason);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
