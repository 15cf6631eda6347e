package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistake in the legal-entities file stops the runtime with a message naming the file and the field. */
class LegalEntitiesTest {

    private static final UnaryOperator<String> PLACEHOLDERS = v -> v.replace("{{erp.url}}", "http://erp.test");

    @TempDir
    Path dir;

    @Test
    void a_valid_file_loads_entities_and_rules_in_order() throws IOException {
        Path file = write("""
                entities:
                  NL01:
                    name: Benelux
                    adapter: erp-soap
                    endpoint: "{{erp.url}}"
                    currency: EUR
                  US01:
                    adapter: erp-rest
                    endpoint: http://na.test
                    currency: USD
                customerRules:
                  - erpCustomerNumber: "C-1"
                    legalEntity: US01
                  - crmAccountId: "001A"
                    legalEntity: NL01
                """);
        LegalEntities loaded = LegalEntities.load(file, PLACEHOLDERS);
        assertThat(loaded.entities()).containsOnlyKeys("NL01", "US01");
        assertThat(loaded.entity("NL01")).isEqualTo(
                new LegalEntities.Entity("NL01", "Benelux", "erp-soap", "http://erp.test", "EUR"));
        assertThat(loaded.entity("US01").name()).as("name defaults to the code").isEqualTo("US01");
        assertThat(loaded.customerRules()).containsExactly(
                new LegalEntities.CustomerRule(null, "C-1", null, "US01"),
                new LegalEntities.CustomerRule("001A", null, null, "NL01"));
    }

    @Test
    void an_unknown_adapter_names_file_field_and_value() throws IOException {
        Path file = write("""
                entities:
                  NL01:
                    adapter: erp-ftp
                    endpoint: http://erp.test
                    currency: EUR
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(file, PLACEHOLDERS))
                .withMessageStartingWith(file + ": entities.NL01.adapter: 'erp-ftp' is not one of ")
                .withMessageContaining("erp-rest").withMessageContaining("erp-soap");
    }

    @Test
    void a_missing_endpoint_names_file_and_field() throws IOException {
        Path file = write("""
                entities:
                  US01:
                    adapter: erp-rest
                    endpoint: http://na.test
                    currency: USD
                  NL01:
                    adapter: erp-soap
                    currency: EUR
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(file, PLACEHOLDERS))
                .withMessage(file + ": entities.NL01.endpoint: is required");
    }

    @Test
    void a_blank_endpoint_counts_as_missing() throws IOException {
        Path file = write("""
                entities:
                  NL01:
                    adapter: erp-soap
                    endpoint: "  "
                    currency: EUR
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(file, PLACEHOLDERS))
                .withMessage(file + ": entities.NL01.endpoint: is required");
    }

    @Test
    void a_rule_naming_an_undefined_entity_names_file_rule_and_entity() throws IOException {
        Path file = write("""
                entities:
                  US01:
                    adapter: erp-rest
                    endpoint: http://na.test
                    currency: USD
                customerRules:
                  - erpCustomerNumberPrefix: "NA-"
                    legalEntity: US01
                  - erpCustomerNumberPrefix: "NL-"
                    legalEntity: NL01
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(file, PLACEHOLDERS))
                .withMessage(file + ": customerRules[1].legalEntity: 'NL01' is not defined under entities");
    }

    @Test
    void a_rule_must_match_on_exactly_one_field() throws IOException {
        Path file = write("""
                entities:
                  US01: {adapter: erp-rest, endpoint: "http://na.test", currency: USD}
                customerRules:
                  - {erpCustomerNumberPrefix: "NA-", crmAccountId: "001A", legalEntity: US01}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(file, PLACEHOLDERS))
                .withMessageStartingWith(file + ": customerRules[0]: give exactly one of");

        Path none = write("""
                entities:
                  US01: {adapter: erp-rest, endpoint: "http://na.test", currency: USD}
                customerRules:
                  - {legalEntity: US01}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(none, PLACEHOLDERS))
                .withMessageStartingWith(none + ": customerRules[0]: give exactly one of");
    }

    @Test
    void a_bad_currency_or_entity_code_is_named() throws IOException {
        Path currency = write("""
                entities:
                  NL01: {adapter: erp-soap, endpoint: "http://erp.test", currency: euro}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(currency, PLACEHOLDERS))
                .withMessage(currency + ": entities.NL01.currency: 'euro' is not an ISO 4217 code");

        Path code = write("""
                entities:
                  nl-01: {adapter: erp-soap, endpoint: "http://erp.test", currency: EUR}
                """);
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(code, PLACEHOLDERS))
                .withMessageStartingWith(code + ": entities.nl-01: entity code must be");
    }

    @Test
    void a_file_without_entities_or_not_yaml_or_missing_is_refused_naming_the_file() throws IOException {
        Path empty = write("customerRules: []\n");
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(empty, PLACEHOLDERS))
                .withMessage(empty + ": 'entities' must map at least one entity code to its ERP");

        Path broken = write("entities:\n  US01: [unclosed\n");
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(broken, PLACEHOLDERS))
                .withMessageStartingWith(broken + ": cannot be read as YAML");

        Path missing = dir.resolve("does-not-exist.yaml");
        assertThatIllegalArgumentException().isThrownBy(() -> LegalEntities.load(missing, PLACEHOLDERS))
                .withMessageStartingWith(missing + ": cannot be read");
    }

    private int files;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("legal-entities-" + files++ + ".yaml"), yaml);
    }
}
