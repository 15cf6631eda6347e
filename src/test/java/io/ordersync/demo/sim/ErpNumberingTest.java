package io.ordersync.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A restarted ERP simulator can be told to number after the orders a kept database already knows. */
class ErpNumberingTest {

    @Test
    void numbers_continue_after_the_highest_known_one_of_this_erp_and_ignore_others() throws Exception {
        try (ErpNaRestSimulator erp = new ErpNaRestSimulator(0).start()) {
            assertThat(erp.numberAfter("NA-100041")).isTrue();
            assertThat(erp.numberAfter("NA-100003")).as("already behind").isFalse();
            assertThat(erp.numberAfter("EU-900000")).as("another ERP's").isFalse();
            assertThat(erp.numberAfter("NA-not-a-number")).isFalse();

            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(erp.salesOrdersUrl())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"externalReference\":\"ord-1\",\"customerNumber\":"
                            + "\"NA-20001\",\"currency\":\"USD\",\"lines\":[{\"lineNumber\":1,\"sku\":\"SKU-100\","
                            + "\"quantity\":5,\"unitOfMeasure\":\"EA\",\"unitPrice\":10.10}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(erp.createdOrders()).containsEntry("ord-1", "NA-100042");
        }
    }
}
