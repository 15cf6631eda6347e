package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordersync.support.ApiForbiddenException;
import io.ordersync.support.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntakeOriginTest {

    private static final CanonicalOrder.Source EDI_850 =
            new CanonicalOrder.Source("EDI", "EDI", "ACMEHARDWARE", "PO-1");

    @Test
    void keys_are_namespaced_by_the_origin_whatever_the_document_says() {
        // a document (or a mapping) naming a namespace of its own does not keep it
        CanonicalOrder.Source claimed = new CanonicalOrder.Source("SOAP", "EDI", "ACMEHARDWARE", "PO-1",
                "edi:acme-hardware");

        CanonicalOrder.Source overSoap = claimed.receivedThrough(IntakeOrigin.api("squatter", Set.of("submitter:soap")));

        assertThat(overSoap.keyNamespace()).isEqualTo("api:squatter");
        assertThat(overSoap.key()).isEqualTo("api:squatter|EDI:ACMEHARDWARE:PO-1");
        // the channel is the origin's too: a file order is FILE whatever its mapping says
        assertThat(new CanonicalOrder.Source("EDI", "FILE", "NA-20001", "1")
                .receivedThrough(IntakeOrigin.file("order-inbox")).channel()).isEqualTo("FILE");
        assertThat(EDI_850.receivedThrough(IntakeOrigin.edi("acme-hardware")).key())
                .isEqualTo("edi:acme-hardware|EDI:ACMEHARDWARE:PO-1");
        assertThat(new CanonicalOrder.Source("FILE", "FILE", "NA-20001", "4500017")
                .receivedThrough(IntakeOrigin.file("order-inbox")).key())
                .isEqualTo("file:order-inbox|FILE:NA-20001:4500017");
        assertThat(new CanonicalOrder.Source("KAFKA", "ECOMMERCE", "webshop-us", "W-1")
                .receivedThrough(IntakeOrigin.kafka("ecommerce-orders")).key())
                .isEqualTo("kafka:ecommerce-orders|ECOMMERCE:webshop-us:W-1");
    }

    @Test
    void an_api_caller_keeps_the_mapped_channel_rest_or_soap() {
        IntakeOrigin crm = IntakeOrigin.api("crm", Set.of("submitter:orders"));
        CanonicalOrder.Source rest = new CanonicalOrder.Source("REST", "CRM", null, "801A").receivedThrough(crm);
        CanonicalOrder.Source soap = new CanonicalOrder.Source("SOAP", "CRM", null, "801A").receivedThrough(crm);

        assertThat(rest.channel()).isEqualTo("REST");
        assertThat(soap.channel()).isEqualTo("SOAP");
        assertThat(rest.key()).as("one caller's CRM order over REST and SOAP: one key").isEqualTo(soap.key())
                .isEqualTo("api:crm|CRM:801A");
        assertThat(new CanonicalOrder.Source("REST", "CRM", null, "801A")
                .receivedThrough(IntakeOrigin.api("shop", Set.of("submitter:orders"))).key())
                .as("another caller: another key").isEqualTo("api:shop|CRM:801A");
        assertThatThrownBy(() -> new CanonicalOrder.Source("EDI", "X", null, "1").receivedThrough(crm))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_erp_reference_follows_the_namespaced_key_and_old_orders_keep_theirs() {
        CanonicalOrder old = order(new CanonicalOrder.Source("REST", "CRM", null, "801A"));
        CanonicalOrder namespaced = old.withSource(old.source().receivedThrough(IntakeOrigin.api("crm", null)));

        assertThat(old.source().key()).isEqualTo("CRM:801A");
        assertThat(old.erpReference()).isEqualTo(reference("CRM:801A"));
        assertThat(namespaced.erpReference()).isEqualTo(reference("api:crm|CRM:801A"))
                .isNotEqualTo(old.erpReference());
        // the namespace travels with the canonical order (Kafka, the database), so the reference is derived again
        CanonicalOrder read = Json.read(Json.write(namespaced), CanonicalOrder.class);
        assertThat(read.source().keyNamespace()).isEqualTo("api:crm");
        assertThat(read.erpReference()).isEqualTo(namespaced.erpReference());
    }

    @Test
    void api_callers_may_not_name_another_channels_source_system_nor_crm_without_the_crm_role() {
        IntakeOrigin soapOnly = IntakeOrigin.api("support", Set.of("submitter:soap", "operator", "viewer"));
        for (String system : new String[] {"EDI", "FILE", "ECOMMERCE"}) {
            assertThatThrownBy(() -> soapOnly.admit(new CanonicalOrder.Source("SOAP", system, null, "X")))
                    .isInstanceOf(ApiForbiddenException.class)
                    .hasMessage("caller support may not submit orders as source system " + system + ": " + system
                            + " orders come only through their own channel");
            assertThatThrownBy(() -> IntakeOrigin.api("crm", Set.of("submitter:orders"))
                    .admit(new CanonicalOrder.Source("SOAP", system, null, "X")))
                    .isInstanceOf(ApiForbiddenException.class);
        }
        assertThatThrownBy(() -> soapOnly.admit(new CanonicalOrder.Source("SOAP", "CRM", null, "801A")))
                .isInstanceOf(ApiForbiddenException.class)
                .hasMessageContaining("needs the role submitter:orders")
                .extracting(e -> ((ApiForbiddenException) e).requiredRole()).isEqualTo("submitter:orders");

        IntakeOrigin.api("crm", Set.of("submitter:orders", "submitter:soap"))
                .admit(new CanonicalOrder.Source("SOAP", "CRM", null, "801A"));
        soapOnly.admit(new CanonicalOrder.Source("SOAP", "SOAP", null, "X"));
        soapOnly.admit(new CanonicalOrder.Source("SOAP", "WEBSHOP2", null, "X"));
        // roles off (ordersync.api.auth=none): CRM is allowed, the other channels' systems still are not
        IntakeOrigin.api("anonymous", null).admit(new CanonicalOrder.Source("SOAP", "CRM", null, "801A"));
        assertThatThrownBy(() -> IntakeOrigin.api("anonymous", null)
                .admit(new CanonicalOrder.Source("SOAP", "EDI", null, "X")))
                .isInstanceOf(ApiForbiddenException.class);
        // the other channels' own systems come from their mappings, never from a caller's choice
        IntakeOrigin.edi("acme-hardware").admit(EDI_850);
    }

    private static CanonicalOrder order(CanonicalOrder.Source source) {
        return new CanonicalOrder(CanonicalOrder.SCHEMA_VERSION, null, null, null, source, "US01", null, null, null,
                null, null, "USD", null, null, java.util.List.of(), null, null, null);
    }

    private static String reference(String key) throws RuntimeException {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "os-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
