package io.ordersync.deadletter;

import io.ordersync.support.Wiring;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/**
 * Dead letters: the one store (payloads size-capped, all of them bounded: docs/security.md, "Dead letters: size and
 * who sees payloads"), the dead-letter API bean, the retries of the delivery configuration that end there, and the
 * gauges of open dead letters.
 */
public class DeadLetterConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        DeadLetterStore deadLetterStore = new DeadLetterStore(Wiring.bean(context, "dataSource", DataSource.class),
                new PayloadLimits(Wiring.longValue(context, "ordersync.dead-letters.max-payload-bytes"),
                        Wiring.longValue(context, "ordersync.dead-letters.max-retained-payload-bytes"),
                        Wiring.integer(context, "ordersync.dead-letters.preview-chars"),
                        Wiring.longValue(context, "ordersync.dead-letters.max-total-payload-bytes")));
        context.getRegistry().bind("deadLetterStore", deadLetterStore);
        OperatorAudit operatorAudit = new OperatorAudit(Wiring.bean(context, "dataSource", DataSource.class));
        context.getRegistry().bind("operatorAudit", operatorAudit);
        DeadLetters deadLetters = new DeadLetters(deadLetterStore, operatorAudit);
        context.getRegistry().bind("deadLetters", deadLetters);
        context.getRegistry().bind("deadLetterRedeliveryTracker", deadLetters.redeliveryTracker());
        context.getRegistry().bind("deliveryRedeliveryPolicy", deliveryRedeliveryPolicy(context));
        // open dead letters on /observe/metrics, read from the table at scrape time
        context.addStartupListener(new OpenDeadLettersMetric(deadLetterStore,
                Wiring.bean(context, "clock", Clock.class)));
    }

    /**
     * Retries of the delivery configuration (routes/error-handling.camel.yaml, redeliveryPolicyRef): exponential
     * backoff from ordersync.retry.*. Built here, not in the YAML, because the Camel YAML DSL schema types the counts
     * as numbers, which a property placeholder is not.
     */
    static RedeliveryPolicy deliveryRedeliveryPolicy(CamelContext context) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(Wiring.integer(context, "ordersync.retry.maximum-redeliveries"));
        policy.setRedeliveryDelay(Wiring.longValue(context, "ordersync.retry.initial-delay-ms"));
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(Double.parseDouble(Wiring.required(context, "ordersync.retry.backoff-multiplier")));
        policy.setMaximumRedeliveryDelay(Wiring.longValue(context, "ordersync.retry.maximum-delay-ms"));
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.ERROR);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        // a stop ends the wait for the next retry at once; the dead-letter route hands such a delivery back
        // (io.ordersync.ops.StoppingDelivery) so that it is delivered again after the restart
        policy.setAllowRedeliveryWhileStopping(false);
        return policy;
    }
}
