package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolver on the real {@code mappings/legal-entities.yaml}, placeholders resolved by a stand-in lambda. */
class LegalEntityResolverTest {

    private static final LegalEntities REAL = LegalEntities.load(Path.of("mappings/legal-entities.yaml"),
            value -> value.replace("{{ordersync.erp.na.url}}", "http://erp-na.test")
                    .replace("{{ordersync.erp.emea.url}}", "http://erp-emea.test"));

    private final LegalEntityResolver resolver = new LegalEntityResolver(REAL);

    @Test
    void the_real_file_defines_three_entities_with_resolved_endpoints() {
        assertThat(REAL.entities()).containsOnlyKeys("US01", "CA01", "DE01");
        assertThat(REAL.entity("US01")).isEqualTo(new LegalEntities.Entity("US01",
                "Ordersync Distribution Inc. (North America)", "erp-rest", "http://erp-na.test", "USD"));
        assertThat(REAL.entity("CA01").currency()).isEqualTo("CAD");
        assertThat(REAL.entity("DE01").adapter()).isEqualTo("erp-soap");
        assertThat(REAL.entity("DE01").endpoint()).isEqualTo("http://erp-emea.test");
        assertThat(REAL.customerRules()).hasSize(3);
    }

    @Test
    void an_order_naming_a_configured_entity_goes_there() {
        LegalEntityResolver.Resolution resolution = resolver.resolve(order("CA01", "001X", "NA-1", "CAD"));
        assertThat(resolution.resolved()).isTrue();
        assertThat(resolution.entity().code()).isEqualTo("CA01");
        assertThat(resolution.code()).isNull();
        assertThat(resolution.reason()).isNull();
    }

    @Test
    void the_named_entity_wins_over_a_matching_customer_rule() {
        // EU- would pick DE01 by rule
        LegalEntityResolver.Resolution resolution = resolver.resolve(order("US01", "001X", "EU-1", "USD"));
        assertThat(resolution.entity().code()).isEqualTo("US01");
    }

    @Test
    void an_unknown_entity_is_rejected_naming_the_known_ones() {
        LegalEntityResolver.Resolution resolution = resolver.resolve(order("ZZ99", "001X", "NA-1", "USD"));
        assertThat(resolution.resolved()).isFalse();
        assertThat(resolution.entity()).isNull();
        assertThat(resolution.code()).isEqualTo("UNKNOWN_LEGAL_ENTITY");
        assertThat(resolution.reason()).isEqualTo("legal entity 'ZZ99' is not configured (known: US01, CA01, DE01)");
    }

    @Test
    void without_a_named_entity_an_erp_customer_number_prefix_rule_decides() {
        assertThat(resolver.resolve(order(null, "001X", "NA-20001", "USD")).entity().code()).isEqualTo("US01");
        assertThat(resolver.resolve(order(" ", "001X", "EU-30001", "EUR")).entity().code())
                .as("a blank entity counts as none").isEqualTo("DE01");
    }

    @Test
    void a_crm_account_id_rule_decides_when_no_number_rule_matches() {
        LegalEntityResolver.Resolution resolution = resolver.resolve(order(null, "001DEMO000000EMEA", null, "EUR"));
        assertThat(resolution.entity().code()).isEqualTo("DE01");
        // the account id must match exactly
        assertThat(resolver.resolve(order(null, "001DEMO000000EMEA2", null, "EUR")).code()).isEqualTo("NO_LEGAL_ENTITY");
    }

    @Test
    void an_exact_erp_customer_number_rule_matches_only_that_number_and_the_first_matching_rule_wins() {
        LegalEntities config = new LegalEntities(Map.of(
                "US01", new LegalEntities.Entity("US01", "US", "erp-rest", "http://na", "USD"),
                "CA01", new LegalEntities.Entity("CA01", "CA", "erp-rest", "http://na", "CAD")),
                List.of(new LegalEntities.CustomerRule(null, "NA-777", null, "CA01"),
                        new LegalEntities.CustomerRule(null, null, "NA-", "US01")));
        LegalEntityResolver custom = new LegalEntityResolver(config);

        assertThat(custom.resolve(order(null, null, "NA-777", "CAD")).entity().code()).isEqualTo("CA01");
        assertThat(custom.resolve(order(null, null, "NA-7770", "USD")).entity().code()).isEqualTo("US01");
        assertThat(custom.resolve(order(null, null, "na-777", "USD")).code()).as("case-sensitive")
                .isEqualTo("NO_LEGAL_ENTITY");
    }

    @Test
    void no_matching_rule_means_no_legal_entity_with_the_customer_in_the_reason() {
        LegalEntityResolver.Resolution resolution = resolver.resolve(order(null, "001Q", "XX-1", "USD"));
        assertThat(resolution.resolved()).isFalse();
        assertThat(resolution.code()).isEqualTo("NO_LEGAL_ENTITY");
        assertThat(resolution.reason()).contains("no customer rule matches").contains("'001Q'").contains("'XX-1'");

        LegalEntityResolver.Resolution noCustomer = resolver.resolve(new CanonicalOrder(null, null, null, null,
                null, null, null, null, null, null, null, "USD", null, null, List.of(), null, null, null));
        assertThat(noCustomer.code()).isEqualTo("NO_LEGAL_ENTITY");
    }

    @Test
    void a_currency_the_entity_does_not_book_is_rejected() {
        LegalEntityResolver.Resolution named = resolver.resolve(order("DE01", "001X", "EU-1", "USD"));
        assertThat(named.resolved()).isFalse();
        assertThat(named.code()).isEqualTo("CURRENCY_NOT_SUPPORTED");
        assertThat(named.reason()).isEqualTo("legal entity DE01 books orders in EUR, the order is in USD");

        LegalEntityResolver.Resolution byRule = resolver.resolve(order(null, "001X", "NA-1", "CAD"));
        assertThat(byRule.code()).isEqualTo("CURRENCY_NOT_SUPPORTED");
        assertThat(byRule.reason()).contains("US01").contains("USD").contains("CAD");
    }

    private static CanonicalOrder order(String entity, String accountId, String customerNumber, String currency) {
        return new CanonicalOrder(null, null, null, null, new CanonicalOrder.Source("REST", "CRM", null, "801A"),
                entity, new CanonicalOrder.Customer(accountId, customerNumber, "Acme"), null, null, null, null,
                currency, null, null,
                List.of(new CanonicalOrder.Line(1, "SKU-1", null, null, null, BigDecimal.ONE, "EA", BigDecimal.TEN,
                        null)), null, null, null);
    }
}
