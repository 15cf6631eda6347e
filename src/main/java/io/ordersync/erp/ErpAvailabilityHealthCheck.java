package io.ordersync.erp;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One legal entity's ERP as seen by order delivery, on {@code /observe/health} as {@code erp-<ENTITY>}. Always UP:
 * an unavailable ERP must not take the runtime out of service (the intake keeps accepting orders, which wait in
 * Kafka), so the check says it in its message and details ({@code erp.available}, {@code erp.unavailableSince}, ...)
 * instead of going DOWN. Not a liveness check: restarting the runtime cannot bring an ERP back.
 */
public class ErpAvailabilityHealthCheck extends AbstractHealthCheck {

    private final ErpAvailability availability;
    private final String legalEntity;

    public ErpAvailabilityHealthCheck(ErpAvailability availability, String legalEntity) {
        super("ordersync", "erp-" + legalEntity);
        this.availability = availability;
        this.legalEntity = legalEntity;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ErpAvailability.Status status = availability.status(legalEntity);
        builder.detail("legal_entity", legalEntity);
        builder.detail("erp.available", status.available());
        if (status.available()) {
            builder.message("ERP of " + legalEntity + " available");
        } else {
            builder.detail("erp.unavailableSince", status.unavailableSince().toString());
            builder.detail("erp.failedAttempts", status.failedAttempts());
            builder.detail("erp.nextAttemptAt", String.valueOf(status.nextAttemptAt()));
            builder.detail("erp.lastFailure", status.lastFailure());
            builder.message("ERP of " + legalEntity + " unavailable since " + status.unavailableSince()
                    + "; its orders wait in Kafka and are delivered once it answers again");
        }
        builder.up();
    }
}
