package io.ordersync.order;

import java.util.Optional;

/**
 * Decides which legal entity books an order: the entity the order names, else the first customer rule that
 * matches, else none (the order is rejected with {@link Resolution#reason()}).
 */
public final class LegalEntityResolver {

    private final LegalEntities config;

    public LegalEntityResolver(LegalEntities config) {
        this.config = config;
    }

    /** Either an entity or a rejection code with a sentence that says exactly why. */
    public record Resolution(LegalEntities.Entity entity, String code, String reason) {
        public boolean resolved() {
            return entity != null;
        }
    }

    /** The booking currency of a configured entity, or null. */
    public String currencyOf(String entityCode) {
        LegalEntities.Entity entity = config.entity(entityCode);
        return entity == null ? null : entity.currency();
    }

    public Resolution resolve(CanonicalOrder order) {
        return resolve(order.legalEntity(), order.customer() == null ? null : order.customer().crmAccountId(),
                order.customer() == null ? null : order.customer().erpCustomerNumber(), order.currency());
    }

    /** The same decision for anything that names an entity or a customer, e.g. a quote request. */
    public Resolution resolve(String named, String accountId, String customerNumber, String currency) {
        if (named != null && !named.isBlank()) {
            LegalEntities.Entity entity = config.entity(named);
            if (entity == null) {
                return new Resolution(null, "UNKNOWN_LEGAL_ENTITY", "legal entity '" + named
                        + "' is not configured (known: " + String.join(", ", config.entities().keySet()) + ")");
            }
            return checkCurrency(currency, entity);
        }
        Optional<LegalEntities.CustomerRule> rule = config.customerRules().stream()
                .filter(r -> r.matches(accountId, customerNumber))
                .findFirst();
        if (rule.isEmpty()) {
            return new Resolution(null, "NO_LEGAL_ENTITY", "the order names no legal entity and no customer rule matches"
                    + " CRM account '" + accountId + "' / ERP customer '" + customerNumber + "'");
        }
        return checkCurrency(currency, config.entity(rule.get().legalEntity()));
    }

    private static Resolution checkCurrency(String currency, LegalEntities.Entity entity) {
        if (currency != null && !currency.equals(entity.currency())) {
            return new Resolution(null, "CURRENCY_NOT_SUPPORTED", "legal entity " + entity.code() + " books orders in "
                    + entity.currency() + ", the order is in " + currency);
        }
        return new Resolution(entity, null, null);
    }
}
