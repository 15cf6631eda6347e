package io.ordersync.crm;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Order status back to the CRM. */
public class CrmConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("crmStatusUpdate", new CrmStatusUpdate());
    }
}
