package io.ordersync.sla;

import io.ordersync.support.Wiring;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/** SLA tracking per legal entity and partner. */
public class SlaConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        SlaTracker slaTracker = new SlaTracker(Wiring.bean(context, "dataSource", DataSource.class),
                SlaPolicy.of(slaSettings(context.getPropertiesComponent())),
                Wiring.duration(context, "ordersync.sla-tracking.window"), Wiring.bean(context, "clock", Clock.class));
        context.getRegistry().bind("slaTracker", slaTracker);
        context.addStartupListener(slaTracker);
    }

    /**
     * The {@code ordersync.sla.*} settings, keys without the prefix: the three defaults by name, and overrides
     * ({@code entity.<ENTITY>.<sla>}, {@code partner.<PARTNER>.<sla>}) from every property source Camel has.
     */
    private static Map<String, String> slaSettings(PropertiesComponent properties) {
        String prefix = "ordersync.sla.";
        Set<String> keys = new TreeSet<>();
        List<Properties> sources = new ArrayList<>(List.of(
                properties.loadProperties(k -> k.startsWith(prefix)), System.getProperties()));
        if (properties instanceof org.apache.camel.component.properties.PropertiesComponent component) {
            // camel-main keeps application.properties as initial properties
            sources.add(component.getInitialProperties());
            sources.add(component.getOverrideProperties());
        }
        for (Properties source : sources) {
            source.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        }
        for (SlaPolicy.Sla sla : SlaPolicy.Sla.values()) {
            keys.add(prefix + sla.key());
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : keys) {
            properties.resolveProperty(key).ifPresent(value -> settings.put(key.substring(prefix.length()), value));
        }
        return settings;
    }
}
