package io.ordersync.edi;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.support.ConcurrencyLimit;
import io.ordersync.support.FileArchive;
import io.ordersync.support.Wiring;
import io.ordersync.order.OrderIntake;
import io.ordersync.order.OrderStore;
import io.ordersync.order.OrderValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
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
        Registry registry = context.getRegistry();
        DataSource dataSource = Wiring.bean(context, "dataSource", DataSource.class);
        OrderStore orderStore = Wiring.bean(context, "orderStore", OrderStore.class);
        OrderIntake orderIntake = Wiring.bean(context, "orderIntake", OrderIntake.class);
        OrderValidator orderRules = Wiring.bean(context, "orderRules", OrderValidator.class);
        DeadLetters deadLetters = Wiring.bean(context, "deadLetters", DeadLetters.class);
        Clock clock = Wiring.bean(context, "clock", Clock.class);

        // EDI trading partners: a profile mistake stops startup with the file and field
        PartnerProfiles partnerProfiles = PartnerProfiles.load(
                Path.of(Wiring.required(context, "ordersync.partners.dir")));
        registry.bind("partnerProfiles", partnerProfiles);
        EdiInterchangeStore ediInterchanges = new EdiInterchangeStore(dataSource);
        registry.bind("ediInterchanges", ediInterchanges);
        JdbcAckNumbers ediNumbers = new JdbcAckNumbers(dataSource);
        EdiSpecs ediSpecs = new EdiSpecs(
                Path.of(Wiring.required(context, "ordersync.edi.specs")));
        partnerProfiles.checkSchemaVersions(ediSpecs);
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
        registry.bind("ediUploadSlots", new ConcurrencyLimit("EDI uploads",
                "ordersync.edi.api.max-concurrent", Wiring.integer(context,
                "ordersync.edi.api.max-concurrent"), 5));
        registry.bind("ediIntake", new EdiIntake(new EdiInspector(ediSpecs,
                new EdiOrderMapping(Path.of(Wiring.required(context, "ordersync.mappings.dir")),
                        partnerProfiles), EdiLimits.from(Wiring.settings(context)),
                orderRules),
                partnerProfiles, ediInterchanges, orderIntake, deadLetters, ediSpecs,
                ediNumbers,
                Path.of(Wiring.required(context, "ordersync.edi.outbox")), clock, ediAcknowledgementsReceived));
        // the EDI inbox's archive names (.done/.error): unique, so nothing archived is overwritten
        registry.bind("ediFileArchive", new FileArchive(clock, List.of(".done", ".error"), "yyyyMMdd/"));
    }
}
