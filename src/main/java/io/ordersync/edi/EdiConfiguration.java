package io.ordersync.edi;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.support.ConcurrencyLimit;
import io.ordersync.support.FileArchive;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import io.ordersync.order.OrderValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Wires EDI, the one entry point to the package from outside: partner profiles, the interchange store, inbound
 * intake with its acknowledgements, outbound order responses, the documents sent and the acknowledgements received,
 * under the registry names the routes use ({@code routes/edi-*.camel.yaml}).
 * It looks up what it needs by name and type, so those beans must be bound before it runs: {@code dataSource},
 * {@code orderStore}, {@code orderIntake}, {@code orderRules}, {@code deadLetters} and {@code clock}.
 */
public class EdiConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        DataSource dataSource = bean(registry, "dataSource", DataSource.class);
        OrderStore orderStore = bean(registry, "orderStore", OrderStore.class);
        OrderIntake orderIntake = bean(registry, "orderIntake", OrderIntake.class);
        OrderValidator orderRules = bean(registry, "orderRules", OrderValidator.class);
        DeadLetters deadLetters = bean(registry, "deadLetters", DeadLetters.class);
        Clock clock = bean(registry, "clock", Clock.class);

        // EDI trading partners: a profile mistake stops startup with the file and field
        PartnerProfiles partnerProfiles = PartnerProfiles.load(
                Path.of(required(properties, "ordersync.partners.dir")));
        registry.bind("partnerProfiles", partnerProfiles);
        EdiInterchangeStore ediInterchanges = new EdiInterchangeStore(dataSource);
        registry.bind("ediInterchanges", ediInterchanges);
        JdbcAckNumbers ediNumbers = new JdbcAckNumbers(dataSource);
        EdiSpecs ediSpecs = new EdiSpecs(
                Path.of(required(properties, "ordersync.edi.specs")));
        // shares the store's transaction manager so that add() joins a surrounding transaction
        JdbcMessageIdRepository responseIdempotency = new JdbcMessageIdRepository(dataSource,
                orderStore.transactions(), "edi-order-response");
        responseIdempotency.setCreateTableIfNotExists(false);
        registry.bind("ediResponseIdempotency", responseIdempotency);
        // documents sent to partners, their acknowledgements, and the overdue gauge on /observe/metrics
        SentDocuments ediSentDocuments = new SentDocuments(dataSource, clock);
        registry.bind("ediSentDocuments", ediSentDocuments);
        ReceivedAcknowledgements ediAcknowledgementsReceived = new ReceivedAcknowledgements(dataSource,
                ediSentDocuments);
        registry.bind("ediAcknowledgementsReceived", ediAcknowledgementsReceived);
        context.addStartupListener(new OverdueAcknowledgementsMetric(ediSentDocuments,
                partnerProfiles.all().keySet()));
        registry.bind("ediOrderResponses", new EdiOrderResponses(orderStore,
                partnerProfiles, ediSpecs, ediNumbers, Path.of(required(properties, "ordersync.edi.outbox")), clock,
                ediSentDocuments));
        registry.bind("ediUploadSlots", new ConcurrencyLimit("EDI uploads",
                "ordersync.edi.api.max-concurrent", Integer.parseInt(required(properties,
                "ordersync.edi.api.max-concurrent")), 5));
        registry.bind("ediIntake", new EdiIntake(new EdiInspector(ediSpecs,
                new EdiOrderMapping(Path.of(required(properties, "ordersync.mappings.dir")),
                        partnerProfiles), EdiLimits.from(key -> properties.resolveProperty(key).orElse(null)),
                orderRules),
                partnerProfiles, ediInterchanges, orderIntake, deadLetters, ediSpecs,
                ediNumbers,
                Path.of(required(properties, "ordersync.edi.outbox")), clock, ediAcknowledgementsReceived));
        // the EDI inbox's archive names (.done/.error): unique, so nothing archived is overwritten
        registry.bind("ediFileArchive", new FileArchive(clock, List.of(".done", ".error"), "yyyyMMdd/"));
    }

    private static <T> T bean(Registry registry, String name, Class<T> type) {
        T bean = registry.lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException(name + " (" + type.getSimpleName() + ") must be wired before EDI");
        }
        return bean;
    }

    private static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElseThrow(
                () -> new IllegalArgumentException("configuration property " + key + " is not set"));
    }
}
