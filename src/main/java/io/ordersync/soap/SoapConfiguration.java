package io.ordersync.soap;

import io.ordersync.deadletter.DeadLetters;
import io.ordersync.events.OrderQuery;
import io.ordersync.order.OrderStore;
import io.ordersync.support.Wiring;
import java.net.URI;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The SOAP order service (wsdl/ordersync-orders.wsdl): its schema is compiled here, so a broken WSDL stops startup. */
public class SoapConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("soapOrderService", new SoapOrderService(OrderServiceContract.load(),
                Wiring.bean(context, "orderStore", OrderStore.class),
                Wiring.bean(context, "orderQuery", OrderQuery.class),
                Wiring.bean(context, "deadLetters", DeadLetters.class),
                Wiring.longValue(context, "ordersync.soap.max-bytes"), publicUrl(context) + SoapOrderService.PATH));
    }

    /**
     * The address callers reach this runtime at, without a trailing slash: {@code ordersync.public-url}, or
     * {@code http://localhost:<camel.server.port>} when it is empty (right for the demo and tools on the same host).
     */
    static String publicUrl(CamelContext context) {
        String configured = Wiring.optional(context, "ordersync.public-url").orElse("").trim();
        if (configured.isEmpty()) {
            return "http://localhost:" + Wiring.required(context, "camel.server.port");
        }
        URI uri = URI.create(configured);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("ordersync.public-url (ORDERSYNC_PUBLIC_URL) must be an http or https"
                    + " URL such as https://orders.example.com, was " + configured);
        }
        return configured.replaceFirst("/+$", "");
    }
}
