package io.ordersync.demo;

import io.ordersync.demo.sim.KafkaTopicSender;
import io.ordersync.demo.sim.Simulators;
import io.ordersync.demo.sim.StatusMessageSender;
import io.ordersync.demo.sim.WebhookSender;
import io.ordersync.support.Wiring;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo profile's services, started before the production wiring ({@code io.ordersync.app.OrdersyncConfiguration})
 * so that it finds them: the in-process Kafka broker ({@code ordersync.kafka.embedded}) and the ERP/CRM/WMS/TMS/AR
 * simulators ({@code ordersync.simulators.enabled}). Each one replaces the address the runtime would otherwise call
 * ({@code ordersync.kafka.brokers}, {@code ordersync.erp.*.url}, {@code ordersync.crm.url}).
 * <p>
 * Named in {@code camel.main.configurationClasses} of {@code application-demo.properties} only: the production
 * profile, and the production artefact, have neither this class nor anything it starts.
 */
public class DemoServices implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServices.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (Wiring.flag(context, "ordersync.kafka.embedded")) {
            EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(Wiring.required(context, "ordersync.kafka.embedded.data-dir")));
            Wiring.closeOnStop(context, kafka);
            properties.addOverrideProperty("ordersync.kafka.brokers", kafka.bootstrapServers());
        }
        if (Wiring.flag(context, "ordersync.simulators.enabled")) {
            Simulators simulators = Simulators.start(Wiring.port(context, "ordersync.simulators.erp-na-port"),
                    Wiring.port(context, "ordersync.simulators.erp-emea-port"),
                    Wiring.port(context, "ordersync.simulators.crm-port"));
            Wiring.closeOnStop(context, simulators);
            context.getRegistry().bind("simulators", simulators);
            properties.addOverrideProperty("ordersync.erp.na.url", simulators.erpNa().baseUrl());
            properties.addOverrideProperty("ordersync.erp.emea.url", simulators.erpEmea().baseUrl());
            properties.addOverrideProperty("ordersync.crm.url", simulators.crm().baseUrl());
            LOG.info("Simulators up: ERP-NA {}, ERP-EMEA {}, CRM {}", simulators.erpNa().baseUrl(),
                    simulators.erpEmea().baseUrl(), simulators.crm().baseUrl());
            // the simulated WMS, TMS and AR only send: they report to this runtime (the demo drives them)
            simulators.connectStatusEventSources(statusMessageSender(context));
        }
    }

    /** How the simulated WMS, TMS and AR reach this runtime: its own webhook, or the source topics on Kafka. */
    private static StatusMessageSender statusMessageSender(CamelContext context) {
        String transport = Wiring.required(context, "ordersync.simulators.status-events.transport");
        return switch (transport) {
            case "webhook" -> WebhookSender.perSource("http://127.0.0.1:" + Wiring.required(context, "camel.server.port"),
                    Wiring.required(context, "ordersync.simulators.status-events.api-keys"));
            case "kafka" -> new KafkaTopicSender(Wiring.required(context, "ordersync.kafka.brokers"),
                    Wiring.required(context, "ordersync.simulators.status-events.topic-prefix"));
            default -> throw new IllegalArgumentException("ordersync.simulators.status-events.transport must be"
                    + " webhook or kafka, was " + transport);
        };
    }
}
