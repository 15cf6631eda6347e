package io.ordersync.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.support.FieldError;
import io.ordersync.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status reports against schema/status-report-1.1 (built on order-event-1.1): one field error per problem. */
class StatusReportValidatorTest {

    private static final String HEAD = "\"reportedBy\": \"WMS\", \"sourceEventId\": \"W-1\","
            + " \"occurredAt\": \"2026-11-23T10:00:00Z\", ";

    private static List<String> fields(String json) {
        return new StatusReportValidator().validate(Json.read(json, StatusReport.class)).stream()
                .map(FieldError::field).toList();
    }

    @Test
    void a_complete_shipment_report_has_no_errors() {
        assertThat(fields("{" + HEAD + "\"type\": \"OrderShipped\", \"orderId\": \"ord-1\", \"shipment\": {"
                + "\"shipmentId\": \"S-1\", \"packages\": [{\"items\": [{\"lineNumber\": 1, \"quantity\": \"2.5\"}]}]}}"))
                .isEmpty();
    }

    @Test
    void an_order_named_neither_way_and_a_shipment_without_packages_are_named_by_path() {
        assertThat(fields("{" + HEAD + "\"type\": \"OrderShipped\", \"legalEntity\": \"US01\","
                + " \"shipment\": {\"shipmentId\": \"S-1\"}}"))
                .contains("$.orderId", "$.erpOrderNumber", "$.shipment.packages");
    }

    @Test
    void each_milestone_needs_its_details_with_lines_and_amounts_that_make_sense() {
        assertThat(fields("{" + HEAD + "\"type\": \"OrderAllocated\", \"orderId\": \"o\"}")).containsExactly("$.quantities");
        assertThat(fields("{" + HEAD + "\"type\": \"OrderAllocated\", \"orderId\": \"o\", \"quantities\": []}"))
                .containsExactly("$.quantities");
        assertThat(fields("{" + HEAD + "\"type\": \"OrderBackordered\", \"orderId\": \"o\", \"quantities\": ["
                + "{\"lineNumber\": 0, \"quantity\": -1}]}"))
                .containsExactly("$.quantities[0].lineNumber", "$.quantities[0].quantity");
        assertThat(fields("{" + HEAD + "\"type\": \"PaymentReceived\", \"orderId\": \"o\", \"payment\": {"
                + "\"paymentId\": \" \", \"amount\": 0}}")).containsExactly("$.payment.amount", "$.payment.paymentId");
        assertThat(fields("{" + HEAD + "\"type\": \"OrderInvoiced\", \"orderId\": \"o\", \"invoice\": {"
                + "\"invoiceNumber\": \"I-1\", \"currency\": \"usd\", \"lines\": [{\"lineNumber\": 1, \"quantity\": 0}]}}"))
                .containsExactly("$.invoice.currency", "$.invoice.lines[0].quantity", "$.invoice.totalAmount");
        assertThat(fields("{" + HEAD + "\"type\": \"OrderDelivered\", \"orderId\": \"o\"}")).containsExactly("$.delivery");
        assertThat(fields("{" + HEAD + "\"type\": \"CreditMemoIssued\", \"orderId\": \"o\"}"))
                .containsExactly("$.creditMemo");
    }

    @Test
    void a_report_without_its_own_members_or_of_another_type_is_refused() {
        assertThat(fields("{\"type\": \"OrderAccepted\", \"orderId\": \"o\"}"))
                .contains("$.occurredAt", "$.reportedBy", "$.sourceEventId", "$.type");
    }
}
