package io.ordersync.sla;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Warning and missed thresholds per SLA, with overrides per legal entity and per trading partner (a partner's
 * setting wins over its entity's, which wins over the default). Configured as {@code warn,missed} ISO-8601
 * durations: {@code ordersync.sla.<sla>}, {@code ordersync.sla.entity.<ENTITY>.<sla>},
 * {@code ordersync.sla.partner.<PARTNER>.<sla>}.
 */
public final class SlaPolicy {

    /** The measured intervals. */
    public enum Sla {
        ORDER_TO_ACKNOWLEDGEMENT("order-to-acknowledgement"),
        ORDER_TO_SHIPMENT("order-to-shipment"),
        SHIPMENT_TO_INVOICE("shipment-to-invoice");

        private final String key;

        Sla(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public record Thresholds(Duration warning, Duration missed) {

        static Thresholds parse(String setting, String text) {
            String[] parts = text.split(",");
            try {
                Thresholds t = new Thresholds(Duration.parse(parts[0].trim()), Duration.parse(parts[1].trim()));
                if (t.warning.compareTo(t.missed) > 0 || t.warning.isNegative()) {
                    throw new IllegalArgumentException("warning after missed");
                }
                return t;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(setting + " must be 'warning,missed' ISO-8601 durations with"
                        + " warning <= missed (e.g. PT5M,PT15M), not '" + text + "'");
            }
        }
    }

    private final Map<Sla, Thresholds> defaults;
    private final Map<String, Thresholds> overrides;

    private SlaPolicy(Map<Sla, Thresholds> defaults, Map<String, Thresholds> overrides) {
        this.defaults = defaults;
        this.overrides = overrides;
    }

    /** From the {@code ordersync.sla.*} properties (keys without that prefix). */
    public static SlaPolicy of(Map<String, String> settings) {
        Map<Sla, Thresholds> defaults = new LinkedHashMap<>();
        Map<String, Thresholds> overrides = new LinkedHashMap<>();
        for (Sla sla : Sla.values()) {
            String value = settings.get(sla.key());
            if (value == null) {
                throw new IllegalArgumentException("ordersync.sla." + sla.key() + " is not set");
            }
            defaults.put(sla, Thresholds.parse("ordersync.sla." + sla.key(), value));
        }
        settings.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && (parts[0].equals("entity") || parts[0].equals("partner"))) {
                Sla sla = bySetting(parts[2], "ordersync.sla." + key);
                overrides.put(parts[0] + ":" + parts[1] + ":" + sla, Thresholds.parse("ordersync.sla." + key, value));
            }
        });
        return new SlaPolicy(defaults, overrides);
    }

    public Thresholds thresholds(Sla sla, String legalEntity, String partner) {
        Thresholds byPartner = overrides.get("partner:" + partner + ":" + sla);
        if (byPartner != null) {
            return byPartner;
        }
        Thresholds byEntity = overrides.get("entity:" + legalEntity + ":" + sla);
        return byEntity != null ? byEntity : defaults.get(sla);
    }

    public Map<String, Object> describe() {
        Map<String, Object> view = new LinkedHashMap<>();
        defaults.forEach((sla, t) -> view.put(sla.key(), t));
        overrides.forEach((key, t) -> view.put(key.toLowerCase(Locale.ROOT), t));
        return view;
    }

    private static Sla bySetting(String key, String setting) {
        for (Sla sla : Sla.values()) {
            if (sla.key().equals(key)) {
                return sla;
            }
        }
        throw new IllegalArgumentException(setting + " names no SLA; expected one of order-to-acknowledgement,"
                + " order-to-shipment, shipment-to-invoice");
    }
}
