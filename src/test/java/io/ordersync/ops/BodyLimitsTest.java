package io.ordersync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {

    private static Map<String, String> defaults() {
        Map<String, String> properties = new HashMap<>();
        properties.put("ordersync.http.max-body-bytes.orders", "1048576");
        properties.put("ordersync.http.max-body-bytes.soap", "1048576");
        properties.put("ordersync.http.max-body-bytes.edi", "4194304");
        properties.put("ordersync.http.max-body-bytes.status-events", "1048576");
        properties.put("ordersync.http.max-body-bytes.quotes", "1048576");
        properties.put("ordersync.http.max-body-bytes.default", "65536");
        properties.put("ordersync.http.max-in-flight-body-bytes", "16777216");
        return properties;
    }

    @Test
    void each_path_has_its_channels_limit_and_every_other_path_the_default() {
        BodyLimits limits = BodyLimits.from(defaults()::get);
        assertThat(limits.forPath("/api/v1/orders").channel()).isEqualTo("orders");
        assertThat(limits.forPath("/api/v1/orders/").channel()).isEqualTo("orders");
        assertThat(limits.forPath("/soap/orders").bytes()).isEqualTo(1048576);
        assertThat(limits.forPath("/api/v1/edi").bytes()).isEqualTo(4194304);
        assertThat(limits.forPath("/api/v1/status-events/wms").channel()).isEqualTo("status-events");
        assertThat(limits.forPath("/api/v1/quotes/validate").channel()).isEqualTo("quotes");
        assertThat(limits.forPath("/api/v1/orders/ord-1").channel()).isEqualTo("default");
        assertThat(limits.forPath("/api/v1/edi/interchanges").channel()).isEqualTo("default");
        assertThat(limits.forPath("/api/v1/dead-letters/7/replay").property())
                .isEqualTo("ordersync.http.max-body-bytes.default");
        assertThat(limits.inFlightBudget()).isEqualTo(16777216);
    }

    @Test
    void a_limit_larger_than_the_budget_or_not_a_number_stops_startup_naming_it() {
        Map<String, String> tooLarge = defaults();
        tooLarge.put("ordersync.http.max-body-bytes.edi", "209715200");
        assertThatThrownBy(() -> BodyLimits.from(tooLarge::get)).hasMessageContaining(
                "ordersync.http.max-body-bytes.edi").hasMessageContaining("ordersync.http.max-in-flight-body-bytes");
        Map<String, String> notANumber = defaults();
        notANumber.put("ordersync.http.max-body-bytes.quotes", "1MB");
        assertThatThrownBy(() -> BodyLimits.from(notANumber::get))
                .hasMessageContaining("ordersync.http.max-body-bytes.quotes").hasMessageContaining("1MB");
        Map<String, String> missing = defaults();
        missing.remove("ordersync.http.max-body-bytes.orders");
        assertThatThrownBy(() -> BodyLimits.from(missing::get))
                .hasMessageContaining("ordersync.http.max-body-bytes.orders");
    }
}
