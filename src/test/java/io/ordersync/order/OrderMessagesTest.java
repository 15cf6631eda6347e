package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderMessagesTest {

    @Test
    void a_journey_names_the_url_without_its_options_or_credentials() {
        assertThat(OrderMessages.safeUrl("http://127.0.0.1:9101/erp-na/api/v1/sales-orders?okStatusCodeRange=200-499"))
                .isEqualTo("http://127.0.0.1:9101/erp-na/api/v1/sales-orders");
        assertThat(OrderMessages.safeUrl("https://user:secret@crm.example.com/services/data/v59.0/sobjects/Order/1?authPassword=x"))
                .isEqualTo("https://crm.example.com/services/data/v59.0/sobjects/Order/1")
                .doesNotContain("secret");
        assertThat(OrderMessages.safeUrl("not a uri ?password=x")).isEqualTo("not a uri ");
    }

    @Test
    void what_a_payload_is_told_from_its_first_characters() {
        assertThat(OrderMessages.contentTypeOf("  {\"a\": 1}")).isEqualTo("application/json");
        assertThat(OrderMessages.contentTypeOf("<soap:Envelope/>")).isEqualTo("application/xml");
        assertThat(OrderMessages.contentTypeOf("ISA*00*")).isEqualTo("application/edi-x12");
        assertThat(OrderMessages.contentTypeOf("ST*850*0001~")).isEqualTo("application/edi-x12");
        assertThat(OrderMessages.contentTypeOf("UNH+1+ORDERS:D:96A:UN'")).isEqualTo("application/edifact");
        assertThat(OrderMessages.contentTypeOf("STATUS,OK")).isEqualTo("text/plain");
        assertThat(OrderMessages.contentTypeOf(null)).isNull();
    }

    @Test
    void a_payload_is_kept_to_its_preview_length() {
        String big = "x".repeat(OrderMessages.MAX_PAYLOAD_CHARS + 10);
        assertThat(OrderMessages.preview(big)).hasSize(OrderMessages.MAX_PAYLOAD_CHARS);
        assertThat(OrderMessages.preview("small")).isEqualTo("small");
    }
}
