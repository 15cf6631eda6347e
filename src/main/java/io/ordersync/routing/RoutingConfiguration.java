package io.ordersync.routing;

import io.ordersync.order.LegalEntities;
import io.ordersync.order.OrderStore;
import io.ordersync.support.Wiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Routing by legal entity: accepted orders go to their entity's topic, and one ERP adapter route per entity is built
 * from the {@code erp-rest} / {@code erp-soap} route templates.
 */
public class RoutingConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        LegalEntities legalEntities = Wiring.bean(context, "legalEntities", LegalEntities.class);
        context.getRegistry().bind("erpAdapterRoutes", new ErpAdapterRoutes(legalEntities));
        context.getRegistry().bind("orderTopics", new OrderTopics(
                Wiring.required(context, "ordersync.kafka.topic.orders-prefix"), legalEntities,
                Wiring.bean(context, "orderStore", OrderStore.class)));
    }
}
