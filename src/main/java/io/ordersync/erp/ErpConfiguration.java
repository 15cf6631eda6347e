package io.ordersync.erp;

import io.ordersync.order.OrderStore;
import io.ordersync.order.LegalEntities;
import io.ordersync.support.Wiring;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Delivery to the ERPs: the outcomes the adapters report, the delivery bean and its idempotency keys, the REST and
 * SOAP adapters, and the availability (circuit breaker) per legal entity's ERP with its metric and health checks.
 */
public class ErpConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        DataSource dataSource = Wiring.bean(context, "dataSource", DataSource.class);
        OrderStore orderStore = Wiring.bean(context, "orderStore", OrderStore.class);
        LegalEntities legalEntities = Wiring.bean(context, "legalEntities", LegalEntities.class);
        Clock clock = Wiring.bean(context, "clock", Clock.class);
        ErpOutcomes outcomes = new ErpOutcomes(clock);
        context.getRegistry().bind("erpOutcomes", outcomes);
        context.getRegistry().bind("erpDelivery", new ErpDelivery(orderStore, outcomes));
        context.getRegistry().bind("erpDeliveryIdempotency",
                Wiring.idempotentRepository(dataSource, orderStore.transactions(), "erp-delivery"));
        // a circuit breaker per entity's ERP pauses its consumer (the accepted orders wait on the entity's topic)
        ErpAvailability erpAvailability = new ErpAvailability(context, clock, legalEntities.entities().keySet(),
                Wiring.longValue(context, "ordersync.retry.initial-delay-ms"),
                Double.parseDouble(Wiring.required(context, "ordersync.retry.backoff-multiplier")),
                Wiring.longValue(context, "ordersync.retry.maximum-delay-ms"));
        context.addService(erpAvailability, true, true);
        context.getRegistry().bind("erpAvailability", erpAvailability);
        context.addStartupListener(new ErpAvailabilityMetric(erpAvailability));
        context.getRegistry().bind("erpRestAdapter", new ErpRestAdapter(outcomes));
        context.getRegistry().bind("erpSoapAdapter", new ErpSoapAdapter(outcomes));
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            // per entity's ERP: always UP (the intake stays in service), the outage in message and details
            for (String entity : legalEntities.entities().keySet()) {
                health.register(new ErpAvailabilityHealthCheck(erpAvailability, entity));
            }
        }
    }
}
