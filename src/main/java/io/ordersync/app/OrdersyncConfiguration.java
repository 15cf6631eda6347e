package io.ordersync.app;

import com.zaxxer.hikari.HikariDataSource;
import io.ordersync.crm.CrmStatusUpdate;
import io.ordersync.deadletter.DeadLetterStore;
import io.ordersync.deadletter.DeadLetters;
import io.ordersync.erp.ErpOutcomes;
import io.ordersync.erp.ErpRestAdapter;
import io.ordersync.erp.ErpSoapAdapter;
import io.ordersync.ops.AdminConsole;
import io.ordersync.ops.ApiErrors;
import io.ordersync.ops.ApiSecurity;
import io.ordersync.ops.CorrelationMdc;
import io.ordersync.ops.DatabaseHealthCheck;
import io.ordersync.ops.KafkaHealthCheck;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import io.ordersync.routing.LegalEntities;
import io.ordersync.routing.LegalEntityResolver;
import io.ordersync.sim.Simulators;
import io.ordersync.edi.EdiInspector;
import io.ordersync.edi.EdiIntake;
import io.ordersync.edi.EdiInterchangeStore;
import io.ordersync.edi.EdiOrderMapping;
import io.ordersync.edi.EdiSpecs;
import io.ordersync.edi.PartnerProfiles;
import io.ordersync.edi.ack.JdbcAckNumbers;
import io.ordersync.edi.outbound.EdiOrderResponses;
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
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the runtime before the YAML routes are built: embedded services (Kafka, simulators) when configured,
 * database pool and Flyway migration, the beans the routes call, and one ERP adapter route per legal entity from
 * the {@code erp-rest} / {@code erp-soap} route templates.
 * Named in {@code camel.main.configurationClasses}, so the real main and the tests wire alike.
 */
public class OrdersyncConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersyncConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();

        // first, so that a taken admin port fails the start before the embedded services run
        if (flag(properties, "ordersync.admin.enabled")) {
            AdminConsole adminConsole = AdminConsole.start(required(properties, "ordersync.admin.host"),
                    port(properties, "ordersync.admin.port"), properties.resolveProperty("ordersync.admin.users").orElse(""));
            closeOnStop(context, adminConsole);
            registry.bind("adminConsole", adminConsole);
        }

        if (flag(properties, "ordersync.kafka.embedded")) {
            EmbeddedKafka kafka = EmbeddedKafka.start();
            closeOnStop(context, kafka);
            properties.addOverrideProperty("ordersync.kafka.brokers", kafka.bootstrapServers());
        }
        if (flag(properties, "ordersync.simulators.enabled")) {
            Simulators simulators = Simulators.start(port(properties, "ordersync.simulators.erp-na-port"),
                    port(properties, "ordersync.simulators.erp-emea-port"),
                    port(properties, "ordersync.simulators.crm-port"));
            closeOnStop(context, simulators);
            registry.bind("simulators", simulators);
            properties.addOverrideProperty("ordersync.erp.na.url", simulators.erpNa().baseUrl());
            properties.addOverrideProperty("ordersync.erp.emea.url", simulators.erpEmea().baseUrl());
            properties.addOverrideProperty("ordersync.crm.url", simulators.crm().baseUrl());
            LOG.info("Simulators up: ERP-NA {}, ERP-EMEA {}, CRM {}", simulators.erpNa().baseUrl(),
                    simulators.erpEmea().baseUrl(), simulators.crm().baseUrl());
        }

        String url = required(properties, "ordersync.db.url");
        HikariDataSource dataSource = Database.pool(url, properties.resolveProperty("ordersync.db.user").orElse(null),
                properties.resolveProperty("ordersync.db.password").orElse(null),
                Integer.parseInt(properties.resolveProperty("ordersync.db.pool-size").orElse("10")));
        closeOnStop(context, dataSource);
        Database.migrate(dataSource, url);
        LOG.info("Database {} migrated", url.replaceAll("password=[^;&]*", "password=***"));

        Clock clock = Clock.systemUTC();
        LegalEntities legalEntities = LegalEntities.load(Path.of(required(properties, "ordersync.legal-entities.file")),
                properties::parseUri);
        // EDI trading partners: a profile mistake stops startup with the file and field
        PartnerProfiles partnerProfiles = PartnerProfiles.load(
                Path.of(required(properties, "ordersync.partners.dir")));
        registry.bind("partnerProfiles", partnerProfiles);
        OrderStore orderStore = new OrderStore(dataSource);
        JdbcMessageIdRepository intakeKeys = idempotentRepository(dataSource, orderStore, "order-intake");
        JdbcMessageIdRepository erpDeliveries = idempotentRepository(dataSource, orderStore, "erp-delivery");
        DeadLetters deadLetters = new DeadLetters(new DeadLetterStore(dataSource));
        ErpOutcomes outcomes = new ErpOutcomes(clock);

        registry.bind("dataSource", dataSource);
        // a copy: camel-jslt switches features on the mapper it is given
        registry.bind("jsonMapper", Json.mapper().copy());
        registry.bind("orderStore", orderStore);
        registry.bind("orderQuery", new OrderQuery(orderStore));
        registry.bind("outboxRelay", new OutboxRelay(orderStore, clock,
                Long.parseLong(required(properties, "ordersync.outbox.grace-ms")),
                Long.parseLong(required(properties, "ordersync.outbox.republish-after-ms"))));
        registry.bind("legalEntities", legalEntities);
        registry.bind("erpAdapterRoutes", new ErpAdapterRoutes(legalEntities));
        registry.bind("intakeIdempotency", intakeKeys);
        registry.bind("erpDeliveryIdempotency", erpDeliveries);
        OrderIntake orderIntake = new OrderIntake(orderStore, intakeKeys, new LegalEntityResolver(legalEntities), clock);
        registry.bind("orderIntake", orderIntake);
        EdiInterchangeStore ediInterchanges = new EdiInterchangeStore(dataSource);
        registry.bind("ediInterchanges", ediInterchanges);
        JdbcAckNumbers ediNumbers = new JdbcAckNumbers(dataSource);
        EdiSpecs ediSpecs = new EdiSpecs(
                Path.of(required(properties, "ordersync.edi.specs")));
        registry.bind("ediResponseIdempotency", idempotentRepository(dataSource, orderStore, "edi-order-response"));
        registry.bind("ediOrderResponses", new EdiOrderResponses(orderStore,
                partnerProfiles, ediSpecs, ediNumbers, Path.of(required(properties, "ordersync.edi.outbox")), clock));
        registry.bind("ediIntake", new EdiIntake(new EdiInspector(ediSpecs,
                new EdiOrderMapping(Path.of(required(properties, "ordersync.mappings.dir")),
                        partnerProfiles)),
                partnerProfiles, ediInterchanges, orderIntake, deadLetters, ediSpecs,
                ediNumbers,
                Path.of(required(properties, "ordersync.edi.outbox")), clock));
        registry.bind("erpOutcomes", outcomes);
        registry.bind("erpDelivery", new ErpDelivery(orderStore, outcomes));
        registry.bind("erpRestAdapter", new ErpRestAdapter(outcomes));
        registry.bind("erpSoapAdapter", new ErpSoapAdapter(outcomes));
        registry.bind("crmStatusUpdate", new CrmStatusUpdate());
        registry.bind("deadLetters", deadLetters);
        registry.bind("deadLetterRedeliveryTracker", deadLetters.redeliveryTracker());
        registry.bind("apiSecurity", new ApiSecurity(properties.resolveProperty("ordersync.api.auth").orElse("api-key"),
                properties.resolveProperty("ordersync.api.keys").orElse(""),
                properties.resolveProperty("ordersync.api.users").orElse("")));
        registry.bind("apiErrors", new ApiErrors(deadLetters));
        context.getCamelContextExtension().addInterceptStrategy(new CorrelationMdc());

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DatabaseHealthCheck(dataSource));
            KafkaHealthCheck kafkaHealth = new KafkaHealthCheck(required(properties, "ordersync.kafka.brokers"));
            closeOnStop(context, kafkaHealth);
            health.register(kafkaHealth);
        }
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

    private static JdbcMessageIdRepository idempotentRepository(HikariDataSource dataSource, OrderStore store,
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
