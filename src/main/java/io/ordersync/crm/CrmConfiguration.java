package io.ordersync.crm;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Order status back to the CRM. */
public class CrmConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("crmStatusUpdate", new CrmStatusUpdate());
        org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(context);
        if (health != null) {
            // always UP (the runtime stays in service); an unreachable CRM in its message and details
            health.register(new CrmReachabilityHealthCheck(
                    io.ordersync.support.Wiring.bean(context, "callOutcomes", io.ordersync.order.CallOutcomes.class)));
        }
    }
}
