package io.ordersync.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The rules the order timeline enforces, from configuration ({@code ordersync.timeline.*}).
 *
 * @param invoiceBeforeShipment what to do with an invoice for an order (or line quantity) not shipped yet
 * @param paymentBeforeInvoice what to do with a payment for an invoice not recorded yet
 * @param overShipmentTolerancePercent how much more than ordered a line may ship (0 = never more)
 * @param holdLimit how long a held event waits for the milestone it depends on before support is alerted
 */
public record TimelinePolicy(Rule invoiceBeforeShipment, Rule paymentBeforeInvoice,
                             BigDecimal overShipmentTolerancePercent, Duration holdLimit) {

    /** HOLD: keep it and apply it once the missing milestone arrives; REFUSE: dead letter; ALLOW: record it. */
    public enum Rule {
        HOLD, REFUSE, ALLOW;

        public static Rule of(String text, String setting) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + " must be hold, refuse or allow, not '" + text + "'");
            }
        }
    }

    public static TimelinePolicy defaults() {
        return new TimelinePolicy(Rule.HOLD, Rule.HOLD, BigDecimal.ZERO, Duration.ofHours(24));
    }
}
