package io.ordersync.crm;

import io.ordersync.order.CallOutcomes;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The CRM as the status updates see it, on {@code /observe/health} as {@code crm}: whether it answered the last update
 * (any status below 500). Always UP, as the ERPs' checks: a CRM that cannot be reached must not take the runtime out of
 * service (its updates are retried, then kept as dead letters for replay), so the check says it in its message and
 * details ({@code crm.available = false}, since when, why) - which the support dashboard shows as not reachable.
 * Not a liveness check: restarting the runtime cannot bring the CRM back.
 */
public class CrmReachabilityHealthCheck extends AbstractHealthCheck {

    /** The name the CRM's calls carry in the order journey (routes/crm-status.camel.yaml). */
    static final String SYSTEM = "CRM";

    private final CallOutcomes outcomes;

    public CrmReachabilityHealthCheck(CallOutcomes outcomes) {
        super("ordersync", "crm");
        this.outcomes = outcomes;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<CallOutcomes.Outcome> outcome = outcomes.of(SYSTEM);
        boolean available = outcome.map(CallOutcomes.Outcome::reachable).orElse(true);
        builder.detail("crm.available", available);
        if (outcome.isEmpty()) {
            builder.message("CRM not called yet");
        } else if (available) {
            builder.detail("crm.lastAnsweredAt", outcome.get().lastAnsweredAt().toString());
            builder.message("CRM answered its last update at " + outcome.get().lastAnsweredAt());
        } else {
            CallOutcomes.Outcome down = outcome.get();
            builder.detail("crm.unansweredSince", down.unansweredSince().toString());
            builder.detail("crm.failedCalls", down.failuresInARow());
            builder.detail("crm.lastFailure", String.valueOf(down.lastFailure()));
            builder.message("CRM unreachable since " + down.unansweredSince() + " (" + down.failuresInARow()
                    + " calls unanswered, last: " + down.lastFailure() + "); its updates are retried, then kept as"
                    + " dead letters for replay");
        }
        builder.up();
    }
}
