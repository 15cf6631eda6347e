package io.ordersync.app;

import io.ordersync.crm.CrmConfiguration;
import io.ordersync.deadletter.DeadLetterConfiguration;
import io.ordersync.edi.EdiConfiguration;
import io.ordersync.erp.ErpConfiguration;
import io.ordersync.events.EventsConfiguration;
import io.ordersync.intake.IntakeConfiguration;
import io.ordersync.ops.ApiConfiguration;
import io.ordersync.ops.EdgeConfiguration;
import io.ordersync.order.OrderConfiguration;
import io.ordersync.quote.QuoteConfiguration;
import io.ordersync.reconcile.ReconciliationConfiguration;
import io.ordersync.routing.RoutingConfiguration;
import io.ordersync.search.SearchConfiguration;
import io.ordersync.sla.SlaConfiguration;
import io.ordersync.soap.SoapConfiguration;
import io.ordersync.support.Wiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Wires the runtime before the YAML routes are built, one capability after the other, each in its own configuration:
 * it builds its objects once and binds them by name, and looks up what it needs from those before it (by name and
 * type, {@link Wiring#bean}). The order is fixed here because the wiring has side effects that must happen in order:
 * the settings check before anything starts, the admin console before the database, the database (and its close)
 * before everything that uses it, the Quartz scheduler after the pool (so that it stops first), the API's roles last,
 * once the partners and status sources are known.
 * Named in {@code camel.main.configurationClasses}, so the real main and the tests wire alike; the demo profile
 * ({@code application-demo.properties}) names its own services' configuration before this one, whose broker and
 * simulators replace the Kafka, ERP and CRM addresses the configurations read.
 */
public class OrdersyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        new PlatformConfiguration().configure(context);
        new TracingConfiguration().configure(context);
        new EdgeConfiguration().configure(context);
        new DatabaseConfiguration().configure(context);
        new DeadLetterConfiguration().configure(context);
        new OrderConfiguration().configure(context);
        new EventsConfiguration().configure(context);
        new EdiConfiguration().configure(context);
        new ErpConfiguration().configure(context);
        new RoutingConfiguration().configure(context);
        new QuoteConfiguration().configure(context);
        new IntakeConfiguration().configure(context);
        new SoapConfiguration().configure(context);
        new CrmConfiguration().configure(context);
        new SlaConfiguration().configure(context);
        new ReconciliationConfiguration().configure(context);
        new SearchConfiguration().configure(context);
        new ApiConfiguration().configure(context);
    }
}
