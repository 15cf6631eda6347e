package io.ordersync.events;

import io.ordersync.deadletter.DeadLetterStore;
import io.ordersync.order.OrderStore;
import io.ordersync.support.Wiring;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Fulfilment status events (ERP, WMS, TMS, AR) into the order timeline, the order exceptions they raise, and the
 * read side of both ({@code orderQuery}). The status sources are parsed once here and bound for the API's roles.
 */
public class EventsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = Wiring.bean(context, "dataSource", DataSource.class);
        OrderStore orderStore = Wiring.bean(context, "orderStore", OrderStore.class);
        TimelineStore timelineStore = new TimelineStore(dataSource);
        context.getRegistry().bind("timelineStore", timelineStore);
        OrderExceptions orderExceptions = new OrderExceptions(dataSource);
        context.getRegistry().bind("orderExceptions", orderExceptions);
        context.getRegistry().bind("orderQuery", new OrderQuery(orderStore, timelineStore, orderExceptions,
                Wiring.bean(context, "orderMessages", io.ordersync.order.OrderMessages.class)));
        Set<String> sources = Set.of(Wiring.required(context, "ordersync.status-events.sources").split("\\s*,\\s*"));
        context.getRegistry().bind("statusEventSources", sources);
        context.getRegistry().bind("statusEvents", new StatusEvents(orderStore, timelineStore, orderExceptions,
                Wiring.bean(context, "deadLetterStore", DeadLetterStore.class), timelinePolicy(context),
                new BackorderPolicy(Wiring.integer(context, "ordersync.backorder.max-delay-days")), sources,
                Wiring.bean(context, "clock", Clock.class), new ParkedStatusEvents(dataSource),
                Wiring.millis(context, "ordersync.status-events.parked.retry-every-ms"),
                Wiring.duration(context, "ordersync.status-events.parked.limit")));
    }

    private static TimelinePolicy timelinePolicy(CamelContext context) {
        return new TimelinePolicy(
                TimelinePolicy.Rule.of(Wiring.required(context, "ordersync.timeline.invoice-before-shipment"),
                        "ordersync.timeline.invoice-before-shipment"),
                TimelinePolicy.Rule.of(Wiring.required(context, "ordersync.timeline.payment-before-invoice"),
                        "ordersync.timeline.payment-before-invoice"),
                new BigDecimal(Wiring.required(context, "ordersync.timeline.over-shipment-tolerance-percent")),
                Wiring.duration(context, "ordersync.timeline.hold-limit"));
    }
}
