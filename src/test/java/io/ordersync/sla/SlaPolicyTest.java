package io.ordersync.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {

    private static final Map<String, String> DEFAULTS = Map.of("order-to-acknowledgement", "PT5M,PT15M",
            "order-to-shipment", "P2D,P5D", "shipment-to-invoice", "P1D,P3D");

    @Test
    void a_partner_setting_wins_over_its_entity_which_wins_over_the_default() {
        Map<String, String> settings = new java.util.HashMap<>(DEFAULTS);
        settings.put("entity.DE01.order-to-shipment", "P3D,P7D");
        settings.put("partner.ACMEHW.order-to-shipment", "P1D,P2D");
        SlaPolicy policy = SlaPolicy.of(settings);

        assertThat(policy.thresholds(SlaPolicy.Sla.ORDER_TO_SHIPMENT, "US01", "CRM").missed()).isEqualTo(Duration.ofDays(5));
        assertThat(policy.thresholds(SlaPolicy.Sla.ORDER_TO_SHIPMENT, "DE01", "CRM").missed()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.thresholds(SlaPolicy.Sla.ORDER_TO_SHIPMENT, "DE01", "ACMEHW").warning()).isEqualTo(Duration.ofDays(1));
        assertThat(policy.thresholds(SlaPolicy.Sla.SHIPMENT_TO_INVOICE, "DE01", "ACMEHW").warning()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void a_bad_setting_names_the_property_and_the_expected_form() {
        Map<String, String> settings = new java.util.HashMap<>(DEFAULTS);
        settings.put("order-to-shipment", "P5D,P2D");

        assertThatThrownBy(() -> SlaPolicy.of(settings)).hasMessageContaining("ordersync.sla.order-to-shipment")
                .hasMessageContaining("warning <= missed");
        settings.put("order-to-shipment", "P2D,P5D");
        settings.put("entity.DE01.order-to-delivery", "P1D,P2D");
        assertThatThrownBy(() -> SlaPolicy.of(settings)).hasMessageContaining("ordersync.sla.entity.DE01.order-to-delivery names no SLA");
    }
}
