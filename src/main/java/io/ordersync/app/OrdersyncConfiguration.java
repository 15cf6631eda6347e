package io.ordersync.app;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.edi.EdiInspector;
import io.ordersync.edi.EdiIntake;
import io.ordersync.edi.EdiInterchangeStore;
import io.ordersync.edi.EdiLimits;
import io.ordersync.edi.EdiOrderMapping;
import io.ordersync.edi.EdiSpecs;
import io.ordersync.edi.PartnerProfiles;
import io.ordersync.edi.ReceivedAcknowledgements;
import io.ordersync.edi.ack.JdbcAckNumbers;
import io.ordersync.edi.outbound.EdiOrderResponses;
import io.ordersync.edi.outbound.OverdueAcknowledgementsMetric;
import io.ordersync.edi.outbound.SentDocuments;
import io.ordersync.ops.ConcurrencyLimit;
import io.ordersync.ops.FileArchive;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import io.ordersync.order.OrderValidator;
import io.ordersync.support.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

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
        new io.ordersync.ops.EdgeConfiguration().configure(context);
        new DatabaseConfiguration().configure(context);
        new io.ordersync.deadletter.DeadLetterConfiguration().configure(context);
        new io.ordersync.order.OrderConfiguration().configure(context);
        new io.ordersync.events.EventsConfiguration().configure(context);
        configureEdi(context);
        new io.ordersync.erp.ErpConfiguration().configure(context);
        new io.ordersync.routing.RoutingConfiguration().configure(context);
        new io.ordersync.quote.QuoteConfiguration().configure(context);
        new io.ordersync.intake.IntakeConfiguration().configure(context);
        new io.ordersync.soap.SoapConfiguration().configure(context);
        new io.ordersync.crm.CrmConfiguration().configure(context);
        new io.ordersync.sla.SlaConfiguration().configure(context);
        new io.ordersync.reconcile.ReconciliationConfiguration().configure(context);
        new io.ordersync.ops.ApiConfiguration().configure(context);
    }

    /**
     * EDI: trading partners (a profile mistake stops startup with the file and field), interchanges and their
     * duplicates, acknowledgements both ways, the documents sent to partners and the EDI inbox's archive names. Built
     * from what the earlier configurations bound, looked up by name, as a capability configuration would be.
     */
    private static void configureEdi(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        DataSource dataSource = Wiring.bean(context, "dataSource", DataSource.class);
        OrderStore orderStore = Wiring.bean(context, "orderStore", OrderStore.class);
        OrderIntake orderIntake = Wiring.bean(context, "orderIntake", OrderIntake.class);
        OrderValidator orderRules = Wiring.bean(context, "orderRules", OrderValidator.class);
        DeadLetters deadLetters = Wiring.bean(context, "deadLetters", DeadLetters.class);
        Clock clock = Wiring.bean(context, "clock", Clock.class);
        PartnerProfiles partnerProfiles = PartnerProfiles.load(Path.of(Wiring.required(context, "ordersync.partners.dir")));
        registry.bind("partnerProfiles", partnerProfiles);
        EdiInterchangeStore ediInterchanges = new EdiInterchangeStore(dataSource);
        registry.bind("ediInterchanges", ediInterchanges);
        JdbcAckNumbers ediNumbers = new JdbcAckNumbers(dataSource);
        EdiSpecs ediSpecs = new EdiSpecs(Path.of(Wiring.required(context, "ordersync.edi.specs")));
        registry.bind("ediResponseIdempotency", Wiring.idempotentRepository(dataSource, orderStore.transactions(),
                "edi-order-response"));
        // documents sent to partners, their acknowledgements, and the overdue gauge on /observe/metrics
        SentDocuments ediSentDocuments = new SentDocuments(dataSource, clock);
        registry.bind("ediSentDocuments", ediSentDocuments);
        ReceivedAcknowledgements ediAcknowledgementsReceived = new ReceivedAcknowledgements(dataSource,
                ediSentDocuments);
        registry.bind("ediAcknowledgementsReceived", ediAcknowledgementsReceived);
        context.addStartupListener(new OverdueAcknowledgementsMetric(ediSentDocuments,
                partnerProfiles.all().keySet()));
        Path outbox = Path.of(Wiring.required(context, "ordersync.edi.outbox"));
        registry.bind("ediOrderResponses", new EdiOrderResponses(orderStore, partnerProfiles, ediSpecs, ediNumbers,
                outbox, clock, ediSentDocuments));
        registry.bind("ediUploadSlots", new ConcurrencyLimit("EDI uploads", "ordersync.edi.api.max-concurrent",
                Wiring.integer(context, "ordersync.edi.api.max-concurrent"), 5));
        registry.bind("ediIntake", new EdiIntake(new EdiInspector(ediSpecs,
                new EdiOrderMapping(Path.of(Wiring.required(context, "ordersync.mappings.dir")), partnerProfiles),
                EdiLimits.from(Wiring.settings(context)), orderRules),
                partnerProfiles, ediInterchanges, orderIntake, deadLetters, ediSpecs, ediNumbers, outbox, clock,
                ediAcknowledgementsReceived));
        // the EDI inbox's archive names (done/error): unique, so nothing archived is overwritten
        registry.bind("ediFileArchive", new FileArchive(clock, List.of(".done", ".error"), "yyyyMMdd/"));
    }
}
