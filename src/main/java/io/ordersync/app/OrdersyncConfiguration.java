package io.ordersync.app;

import io.ordersync.support.Wiring;
import io.ordersync.crm.CrmStatusUpdate;
import io.ordersync.deadletter.DeadLetterStore;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.erp.ErpOutcomes;
import io.ordersync.intake.FileOrderIntake;
import io.ordersync.intake.KafkaRecordRefusals;
import io.ordersync.events.BackorderPolicy;
import io.ordersync.events.OrderExceptions;
import io.ordersync.events.StatusEvents;
import io.ordersync.events.TimelinePolicy;
import io.ordersync.events.TimelineStore;
import io.ordersync.reconcile.ClusteredScheduler;
import io.ordersync.reconcile.Reconciliation;
import io.ordersync.reconcile.ReconciliationMetrics;
import io.ordersync.reconcile.ReconciliationRuns;
import io.ordersync.sla.SlaPolicy;
import io.ordersync.sla.SlaTracker;
import io.ordersync.erp.ErpRestAdapter;
import io.ordersync.erp.ErpSoapAdapter;
import io.ordersync.ops.ApiErrors;
import io.ordersync.ops.ApiSecurity;
import io.ordersync.ops.CorrelationMdc;
import io.ordersync.ops.KafkaHealthCheck;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import io.ordersync.routing.LegalEntities;
import io.ordersync.routing.LegalEntityResolver;
import io.ordersync.soap.OrderServiceContract;
import io.ordersync.soap.SoapOrderService;
import io.ordersync.edi.EdiInspector;
import io.ordersync.edi.EdiIntake;
import io.ordersync.edi.EdiInterchangeStore;
import io.ordersync.edi.EdiLimits;
import io.ordersync.edi.EdiOrderMapping;
import io.ordersync.edi.EdiSpecs;
import io.ordersync.edi.PartnerProfiles;
import io.ordersync.edi.ack.JdbcAckNumbers;
import io.ordersync.edi.ReceivedAcknowledgements;
import io.ordersync.edi.outbound.EdiOrderResponses;
import io.ordersync.edi.outbound.OverdueAcknowledgementsMetric;
import io.ordersync.edi.outbound.SentDocuments;
import io.ordersync.erp.ErpDelivery;
import io.ordersync.order.OrderQuery;
import io.ordersync.order.OutboxRelay;
import io.ordersync.routing.ErpAdapterRoutes;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the runtime before the YAML routes are built: the settings check outside the demo profile,
 * database pool and Flyway migration, the beans the routes call, and one ERP adapter route per legal entity from
 * the {@code erp-rest} / {@code erp-soap} route templates.
 * Named in {@code camel.main.configurationClasses}, so the real main and the tests wire alike; the demo profile
 * ({@code application-demo.properties}) names its own services' configuration before this one, whose broker and
 * simulators replace the Kafka, ERP and CRM addresses this class reads.
 */
public class OrdersyncConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersyncConfiguration.class);

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
        configureRest(context);
    }

    private static void configureRest(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        String url = required(properties, "ordersync.db.url");
        javax.sql.DataSource dataSource = Wiring.bean(context, "dataSource", javax.sql.DataSource.class);
        Clock clock = Wiring.bean(context, "clock", Clock.class);
        LegalEntities legalEntities = Wiring.bean(context, "legalEntities", LegalEntities.class);
        OrderStore orderStore = Wiring.bean(context, "orderStore", OrderStore.class);
        PartnerProfiles partnerProfiles = Wiring.bean(context, "partnerProfiles", PartnerProfiles.class);
        SentDocuments ediSentDocuments = Wiring.bean(context, "ediSentDocuments", SentDocuments.class);
        OrderIntake orderIntake = Wiring.bean(context, "orderIntake", OrderIntake.class);
        DeadLetters deadLetters = Wiring.bean(context, "deadLetters", DeadLetters.class);

        @SuppressWarnings("unchecked")
        java.util.Set<String> statusEventSources = Wiring.bean(context, "statusEventSources", java.util.Set.class);
        // roles per caller: a role naming an unknown partner or status source stops startup
        registry.bind("apiSecurity", new ApiSecurity(properties.resolveProperty("ordersync.api.auth").orElse("api-key"),
                properties.resolveProperty("ordersync.api.keys").orElse(""),
                properties.resolveProperty("ordersync.api.users").orElse(""),
                io.ordersync.ops.ApiRoles.parse(properties.resolveProperty("ordersync.api.roles").orElse(""),
                        partnerProfiles.all().keySet(), statusEventSources)));
        registry.bind("apiErrors", new ApiErrors(deadLetters));
        context.getCamelContextExtension().addInterceptStrategy(new CorrelationMdc());

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            KafkaHealthCheck kafkaHealth = new KafkaHealthCheck(required(properties, "ordersync.kafka.brokers"));
            closeOnStop(context, kafkaHealth);
            health.register(kafkaHealth);
        }
    }

    /**
     * EDI: trading partners (a profile mistake stops startup with the file and field), interchanges and their
     * duplicates, acknowledgements both ways, documents sent to partners, the intake and the inbox archive.
     */
    private static void configureEdi(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        javax.sql.DataSource dataSource = Wiring.bean(context, "dataSource", javax.sql.DataSource.class);
        OrderStore orderStore = Wiring.bean(context, "orderStore", OrderStore.class);
        OrderIntake orderIntake = Wiring.bean(context, "orderIntake", OrderIntake.class);
        io.ordersync.order.OrderValidator orderRules = Wiring.bean(context, "orderRules",
                io.ordersync.order.OrderValidator.class);
        DeadLetters deadLetters = Wiring.bean(context, "deadLetters", DeadLetters.class);
        Clock clock = Wiring.bean(context, "clock", Clock.class);
        PartnerProfiles partnerProfiles = PartnerProfiles.load(Path.of(Wiring.required(context, "ordersync.partners.dir")));
        registry.bind("partnerProfiles", partnerProfiles);
        EdiInterchangeStore ediInterchanges = new EdiInterchangeStore(dataSource);
        registry.bind("ediInterchanges", ediInterchanges);
        JdbcAckNumbers ediNumbers = new JdbcAckNumbers(dataSource);
        EdiSpecs ediSpecs = new EdiSpecs(
                Path.of(Wiring.required(context, "ordersync.edi.specs")));
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
        registry.bind("ediOrderResponses", new EdiOrderResponses(orderStore,
                partnerProfiles, ediSpecs, ediNumbers, Path.of(Wiring.required(context, "ordersync.edi.outbox")), clock,
                ediSentDocuments));
        registry.bind("ediUploadSlots", new io.ordersync.ops.ConcurrencyLimit("EDI uploads",
                "ordersync.edi.api.max-concurrent", Wiring.integer(context,
                "ordersync.edi.api.max-concurrent"), 5));
        registry.bind("ediIntake", new EdiIntake(new EdiInspector(ediSpecs,
                new EdiOrderMapping(Path.of(Wiring.required(context, "ordersync.mappings.dir")),
                        partnerProfiles), EdiLimits.from(Wiring.settings(context)),
                orderRules),
                partnerProfiles, ediInterchanges, orderIntake, deadLetters, ediSpecs,
                ediNumbers,
                Path.of(Wiring.required(context, "ordersync.edi.outbox")), clock, ediAcknowledgementsReceived));
        registry.bind("ediFileArchive", new io.ordersync.ops.FileArchive(clock,
                 java.util.List.of(".done", ".error"),
                "yyyyMMdd/"));
    }

    /** Closes an embedded resource when Camel stops (after the routes). */
    private static void closeOnStop(CamelContext context, AutoCloseable resource) throws Exception {
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        }, true, true);
    }

    private static JdbcMessageIdRepository idempotentRepository(javax.sql.DataSource dataSource, OrderStore store,
                                                                String processor) {
        // shares the store's transaction manager so that add() joins a surrounding transaction
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, store.transactions(), processor);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    private static boolean flag(PropertiesComponent properties, String key) {
        return Boolean.parseBoolean(properties.resolveProperty(key).orElse("false"));
    }

    private static int port(PropertiesComponent properties, String key) {
        return Integer.parseInt(required(properties, key));
    }

    private static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElseThrow(
                () -> new IllegalArgumentException("configuration property " + key + " is not set"));
    }
}
