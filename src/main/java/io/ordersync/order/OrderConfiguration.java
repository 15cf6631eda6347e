package io.ordersync.order;

import io.ordersync.support.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * The order core every channel shares: the store, the legal entities and their resolver, the business rules, the
 * intake with its idempotency keys, and the outbox relay.
 */
public class OrderConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        DataSource dataSource = Wiring.bean(context, "dataSource", DataSource.class);
        Clock clock = Wiring.bean(context, "clock", Clock.class);
        LegalEntities legalEntities = LegalEntities.load(
                Path.of(Wiring.required(context, "ordersync.legal-entities.file")),
                context.getPropertiesComponent()::parseUri);
        context.getRegistry().bind("legalEntities", legalEntities);
        LegalEntityResolver legalEntityResolver = new LegalEntityResolver(legalEntities);
        context.getRegistry().bind("legalEntityResolver", legalEntityResolver);
        OrderStore orderStore = new OrderStore(dataSource);
        context.getRegistry().bind("orderStore", orderStore);
        // the business rules and their limits (quantities, prices) are the same for every channel
        OrderValidator orderRules = new OrderValidator(OrderValidator.Limits.from(Wiring.settings(context)));
        context.getRegistry().bind("orderRules", orderRules);
        JdbcMessageIdRepository intakeKeys = Wiring.idempotentRepository(dataSource, orderStore.transactions(),
                "order-intake");
        context.getRegistry().bind("intakeIdempotency", intakeKeys);
        // an order's journey: the message it arrived as (written with the order) and the calls made for it
        OrderMessages orderMessages = new OrderMessages(dataSource);
        context.getRegistry().bind("orderMessages", orderMessages);
        // whether each system called for orders answered its last call (the CRM's health check reads it)
        CallOutcomes callOutcomes = new CallOutcomes();
        context.getRegistry().bind("callOutcomes", callOutcomes);
        // each call's time and outcome on /observe/metrics
        SystemCallMetric callMetric = new SystemCallMetric();
        context.addStartupListener(callMetric);
        context.getRegistry().bind("orderCallJournal", new OrderCallJournal(orderMessages, callOutcomes, clock,
                callMetric));
        context.getRegistry().bind("orderIntake", new OrderIntake(orderStore, intakeKeys, legalEntityResolver, clock,
                orderRules, orderMessages));
        OutboxRelay outboxRelay = new OutboxRelay(orderStore, clock,
                Wiring.longValue(context, "ordersync.outbox.grace-ms"),
                Wiring.longValue(context, "ordersync.outbox.republish-after-ms"));
        context.getRegistry().bind("outboxRelay", outboxRelay);
        context.addStartupListener(outboxRelay); // its re-publication counter on /observe/metrics
        // failed and rejected orders per legal entity on /observe/metrics, read from the table at scrape time
        context.addStartupListener(new FailedOrdersMetric(orderStore, legalEntities.entities().keySet(), clock));
        // orders by channel, entity and status, and orders stuck waiting for their ERP outcome, read the same way
        context.addStartupListener(new OrderFlowMetrics(orderStore, legalEntities.entities().keySet(),
                java.time.Duration.ofMinutes(Wiring.longValue(context, "ordersync.metrics.stuck-after-minutes")),
                clock));
    }
}
