package io.ordersync.routing;

import io.ordersync.order.LegalEntities;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ERP adapter route per legal entity (route id and endpoint {@code erp-<ENTITY>}), created from the YAML route
 * template its configuration names ({@code erp-rest} or {@code erp-soap}), one order dispatch consumer of the
 * entity's orders topic ({@code order-dispatch-<ENTITY>}, template {@code order-dispatch} in
 * {@code routes/order-dispatch.camel.yaml}), one quote adapter route
 * ({@code erp-quote-<ENTITY>}) from the same name plus {@code -quote} ({@code routes/quote-erp-adapters.camel.yaml}),
 * and one order read for reconciliation ({@code erp-order-read-<ENTITY>}) from the name plus {@code -order-read}
 * ({@code routes/reconciliation-reads.camel.yaml}).
 * Camel main adds templated routes after every route file is loaded, so the templates exist by then.
 */
public class ErpAdapterRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ErpAdapterRoutes.class);

    /**
     * Camel gives the steps of a route made from a template a node prefix of its own ({@code route-1}, ...) unless
     * told one: the steps' MBeans are then {@code route-1to54}, while the route's XML names the step {@code to54}, and
     * the admin console, which puts a step's counters on the node of that id, shows none. The templates' steps have
     * no ids of their own, so the ids Camel generates are unique without a prefix.
     */
    static final String NO_NODE_PREFIX = "";

    private final LegalEntities legalEntities;

    public ErpAdapterRoutes(LegalEntities legalEntities) {
        this.legalEntities = legalEntities;
    }

    @Override
    public void configure() {
        for (LegalEntities.Entity entity : legalEntities.entities().values()) {
            templatedRoute(entity.adapter())
                    .routeId("erp-" + entity.code())
                    .prefixId(NO_NODE_PREFIX)
                    .parameter("entityCode", entity.code())
                    .parameter("endpoint", entity.endpoint());
            // the entity's own orders topic and consumer (routes/order-dispatch.camel.yaml)
            templatedRoute("order-dispatch")
                    .routeId("order-dispatch-" + entity.code())
                    .prefixId(NO_NODE_PREFIX)
                    .parameter("entityCode", entity.code());
            templatedRoute(entity.adapter() + "-quote")
                    .routeId("erp-quote-" + entity.code())
                    .prefixId(NO_NODE_PREFIX)
                    .parameter("entityCode", entity.code())
                    .parameter("endpoint", entity.endpoint());
            templatedRoute(entity.adapter() + "-order-read")
                    .routeId("erp-order-read-" + entity.code())
                    .prefixId(NO_NODE_PREFIX)
                    .parameter("entityCode", entity.code())
                    .parameter("endpoint", entity.endpoint());
            LOG.info("Legal entity {} routes to {} at {}", entity.code(), entity.adapter(), entity.endpoint());
        }
    }
}
