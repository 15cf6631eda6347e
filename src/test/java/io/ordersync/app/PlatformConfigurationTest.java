package io.ordersync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class PlatformConfigurationTest {

    private static CamelContext demoContext() {
        CamelContext context = new DefaultCamelContext();
        // the demo profile skips the settings check, which this test is not about
        context.getCamelContextExtension().setProfile("demo");
        context.getPropertiesComponent().addInitialProperty("ordersync.server.blocked-warning-after-ms", "5000");
        return context;
    }

    @Test
    void theClockATestBoundBeforeTheWiringIsTheOneEveryConfigurationGets() {
        CamelContext context = demoContext();
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        context.getRegistry().bind("clock", fixed);

        new PlatformConfiguration().configure(context);

        assertThat(context.getRegistry().lookupByNameAndType("clock", Clock.class)).isSameAs(fixed);
        // the registry keeps a bean per name and type: binding a second clock would not replace the test's
        assertThat(context.getRegistry().findByType(Clock.class)).containsExactly(fixed);
    }

    @Test
    void withoutABoundClockTheSystemClockInUtcIsBound() {
        CamelContext context = demoContext();

        new PlatformConfiguration().configure(context);

        assertThat(context.getRegistry().lookupByNameAndType("clock", Clock.class)).isEqualTo(Clock.systemUTC());
        assertThat(context.getRegistry().lookupByName("vertxOptions")).isNotNull();
    }
}
