package io.ordersync.quote;

import io.ordersync.order.LegalEntityResolver;
import io.ordersync.support.Wiring;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Quote validation (POST /api/v1/quotes/validate): the ERP within the timeout, else its cached reference data; and
 * the ERP quote adapters.
 */
public class QuoteConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        QuoteLatencyMetric quoteLatency = new QuoteLatencyMetric();
        context.addStartupListener(quoteLatency);
        context.getRegistry().bind("quoteValidation", new QuoteValidation(
                new QuoteRequestReader(Wiring.bean(context, "legalEntityResolver", LegalEntityResolver.class)),
                new QuoteReferenceCache(Wiring.bean(context, "dataSource", DataSource.class)), quoteLatency,
                Wiring.bean(context, "clock", Clock.class), Wiring.duration(context, "ordersync.quotes.cache-max-age"),
                Wiring.longValue(context, "ordersync.quotes.timeout-ms")));
        context.getRegistry().bind("erpRestQuoteAdapter", new ErpRestQuoteAdapter());
        context.getRegistry().bind("erpSoapQuoteAdapter", new ErpSoapQuoteAdapter());
    }
}
