package io.ordersync.search;

import io.ordersync.support.Wiring;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Support search: the bean of GET /api/v1/search (routes/support-search.camel.yaml), on the runtime's database. */
public class SearchConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("supportSearch",
                new SupportSearch(Wiring.bean(context, "dataSource", DataSource.class)));
    }
}
