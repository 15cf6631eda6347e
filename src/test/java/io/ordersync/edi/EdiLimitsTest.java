package io.ordersync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EdiLimitsTest {

    @Test
    void settings_replace_the_defaults_and_absent_ones_keep_them() {
        EdiLimits limits = EdiLimits.from(Map.of("ordersync.edi.max-file-bytes", "1048576",
                "ordersync.edi.max-segments", "500_000", "ordersync.edi.max-element-length", " 512 ")::get);

        assertThat(limits).isEqualTo(new EdiLimits(1_048_576, 500_000, EdiLimits.DEFAULTS.maxMappedSegments(), 512));
        assertThat(EdiLimits.from(Map.<String, String>of()::get)).isEqualTo(EdiLimits.DEFAULTS);
    }

    @Test
    void a_setting_that_is_no_positive_number_is_named() {
        assertThatThrownBy(() -> EdiLimits.from(Map.of("ordersync.edi.max-segments-per-transaction", "0")::get))
                .hasMessage("ordersync.edi.max-segments-per-transaction must be a positive whole number, not '0'");
        assertThatThrownBy(() -> EdiLimits.from(Map.of("ordersync.edi.max-element-length", "10k")::get))
                .hasMessageContaining("ordersync.edi.max-element-length");
        assertThatThrownBy(() -> EdiLimits.from(Map.of("ordersync.edi.max-element-length", "3000000000")::get))
                .hasMessageContaining("ordersync.edi.max-element-length");
    }
}
