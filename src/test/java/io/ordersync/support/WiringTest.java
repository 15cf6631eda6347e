package io.ordersync.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class WiringTest {

    private final CamelContext context = new DefaultCamelContext();

    @Test
    void aBeanLookedUpBeforeItIsBoundNamesTheBeanAndWhoAskedForIt() {
        assertThatThrownBy(() -> Wiring.bean(context, "orderStore", Clock.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("orderStore (Clock) must be wired before WiringTest looks it up");
    }

    @Test
    void aBeanOfAnotherTypeUnderTheNameIsNotTaken() {
        context.getRegistry().bind("clock", "not a clock");
        assertThatThrownBy(() -> Wiring.bean(context, "clock", Clock.class))
                .hasMessageStartingWith("clock (Clock) must be wired before");
        Clock clock = Clock.systemUTC();
        context.getRegistry().bind("clock", clock);
        assertThat(Wiring.bean(context, "clock", Clock.class)).isSameAs(clock);
    }

    @Test
    void aMissingSettingStopsWithItsKey() {
        assertThatThrownBy(() -> Wiring.required(context, "ordersync.no-such-setting"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration property ordersync.no-such-setting is not set");
    }

    @Test
    void settingsAreReadAsTheirTypes() {
        context.getPropertiesComponent().addInitialProperty("a.flag", "true");
        context.getPropertiesComponent().addInitialProperty("a.port", "8081");
        context.getPropertiesComponent().addInitialProperty("a.window", "PT15M");
        context.getPropertiesComponent().addInitialProperty("a.delay-ms", "250");
        assertThat(Wiring.flag(context, "a.flag")).isTrue();
        assertThat(Wiring.flag(context, "a.unset-flag")).isFalse();
        assertThat(Wiring.port(context, "a.port")).isEqualTo(8081);
        assertThat(Wiring.duration(context, "a.window")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Wiring.millis(context, "a.delay-ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Wiring.settings(context).apply("a.port")).isEqualTo("8081");
        assertThat(Wiring.settings(context).apply("a.unset")).isNull();
    }

    @Test
    void closeOnStopClosesWhenCamelStops() throws Exception {
        boolean[] closed = {false};
        Wiring.closeOnStop(context, () -> closed[0] = true);
        context.start();
        assertThat(closed[0]).isFalse();
        context.stop();
        assertThat(closed[0]).isTrue();
    }
}
