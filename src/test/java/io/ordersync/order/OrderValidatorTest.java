package io.ordersync.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersync.support.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderValidatorTest {

    private final OrderValidator validator = new OrderValidator();

    @Test
    void a_complete_order_has_no_errors() {
        assertThat(validator.validate(order())).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void the_external_id_is_required(String externalId) {
        CanonicalOrder order = with(o -> copy(o, new CanonicalOrder.Source("REST", "CRM", null, externalId),
                o.customer(), o.currency(), o.orderDate(), o.requestedDeliveryDate(), o.lines()));
        assertThat(fields(order)).containsExactly("source.externalId");
    }

    @Test
    void an_order_without_source_misses_its_external_id() {
        CanonicalOrder order = with(o -> copy(o, null, o.customer(), o.currency(), o.orderDate(),
                o.requestedDeliveryDate(), o.lines()));
        assertThat(fields(order)).containsExactly("source.externalId");
    }

    @Test
    void the_customer_needs_a_crm_account_or_an_erp_number() {
        CanonicalOrder noCustomer = with(o -> copy(o, o.source(), null, o.currency(), o.orderDate(),
                o.requestedDeliveryDate(), o.lines()));
        CanonicalOrder blankIds = with(o -> copy(o, o.source(), new CanonicalOrder.Customer(" ", null, "Acme"),
                o.currency(), o.orderDate(), o.requestedDeliveryDate(), o.lines()));
        assertThat(errors(noCustomer)).containsExactly(
                new FieldError("customer", "needs a CRM account id or an ERP customer number"));
        assertThat(fields(blankIds)).containsExactly("customer");

        CanonicalOrder erpNumberOnly = with(o -> copy(o, o.source(), new CanonicalOrder.Customer(null, "NA-1", null),
                o.currency(), o.orderDate(), o.requestedDeliveryDate(), o.lines()));
        CanonicalOrder accountOnly = with(o -> copy(o, o.source(), new CanonicalOrder.Customer("001A", null, null),
                o.currency(), o.orderDate(), o.requestedDeliveryDate(), o.lines()));
        assertThat(errors(erpNumberOnly)).isEmpty();
        assertThat(errors(accountOnly)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"usd", "US", "USDX", "U$D", "12A"})
    void the_currency_must_be_three_upper_case_letters(String currency) {
        CanonicalOrder order = with(o -> copy(o, o.source(), o.customer(), currency, o.orderDate(),
                o.requestedDeliveryDate(), o.lines()));
        assertThat(errors(order)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("currency");
            assertThat(e.message()).contains("ISO 4217").contains("'" + currency + "'");
        });
    }

    @Test
    void delivery_may_not_be_requested_before_the_order_date() {
        CanonicalOrder before = with(o -> copy(o, o.source(), o.customer(), o.currency(), LocalDate.of(2026, 11, 23),
                LocalDate.of(2026, 11, 22), o.lines()));
        assertThat(errors(before)).containsExactly(
                new FieldError("requestedDeliveryDate", "is before the order date 2026-11-23"));

        CanonicalOrder sameDay = with(o -> copy(o, o.source(), o.customer(), o.currency(), LocalDate.of(2026, 11, 23),
                LocalDate.of(2026, 11, 23), o.lines()));
        CanonicalOrder noOrderDate = with(o -> copy(o, o.source(), o.customer(), o.currency(), null,
                LocalDate.of(2020, 1, 1), o.lines()));
        assertThat(errors(sameDay)).isEmpty();
        assertThat(errors(noOrderDate)).isEmpty();
    }

    @Test
    void an_order_needs_at_least_one_line() {
        CanonicalOrder empty = with(o -> copy(o, o.source(), o.customer(), o.currency(), o.orderDate(),
                o.requestedDeliveryDate(), List.of()));
        CanonicalOrder none = with(o -> copy(o, o.source(), o.customer(), o.currency(), o.orderDate(),
                o.requestedDeliveryDate(), null));
        assertThat(errors(empty)).containsExactly(new FieldError("lines", "an order needs at least one line"));
        assertThat(errors(none)).containsExactly(new FieldError("lines", "an order needs at least one line"));
    }

    @Test
    void line_numbers_must_be_positive_and_unique() {
        CanonicalOrder duplicate = withLines(line(1, "A", "1", "1"), line(2, "B", "1", "1"), line(1, "C", "1", "1"));
        assertThat(errors(duplicate)).containsExactly(
                new FieldError("lines[2].lineNumber", "line number 1 is used twice"));

        CanonicalOrder zeroAndMissing = withLines(line(0, "A", "1", "1"), line(null, "B", "1", "1"));
        assertThat(fields(zeroAndMissing)).containsExactly("lines[0].lineNumber", "lines[1].lineNumber");
        assertThat(errors(zeroAndMissing)).allSatisfy(e -> assertThat(e.message()).isEqualTo("must be a positive number"));
    }

    @Test
    void the_sku_is_required() {
        assertThat(errors(withLines(line(1, " ", "1", "1")))).containsExactly(new FieldError("lines[0].sku", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0.0001", "0.0000"})
    void the_quantity_must_be_greater_than_zero(String quantity) {
        assertThat(errors(withLines(line(1, "A", "1", "1"), line(2, "B", quantity, "1"))))
                .containsExactly(new FieldError("lines[1].quantity", "must be greater than zero"));
    }

    @Test
    void a_missing_quantity_is_an_error() {
        assertThat(fields(withLines(line(1, "A", null, "1")))).containsExactly("lines[0].quantity");
    }

    @Test
    void the_quantity_has_at_most_four_decimal_places() {
        assertThat(errors(withLines(line(1, "A", "1.23456", "1"))))
                .containsExactly(new FieldError("lines[0].quantity", "has more than 4 decimal places"));
        assertThat(errors(withLines(line(1, "A", "1.2345", "1")))).isEmpty();
        assertThat(errors(withLines(line(1, "A", "0.0001", "1")))).isEmpty();
    }

    @Test
    void the_unit_price_must_not_be_negative() {
        assertThat(errors(withLines(line(1, "A", "1", "-0.01"))))
                .containsExactly(new FieldError("lines[0].unitPrice", "must not be negative"));
        assertThat(errors(withLines(line(1, "A", "1", "0")))).isEmpty();
        assertThat(errors(withLines(line(1, "A", "1", null)))).as("price is optional").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E100", "1E+7", "1000000.0001", "99999999999999999999999999999999999999"})
    void absurd_quantities_are_refused_whatever_their_notation(String quantity) {
        assertThat(errors(withLines(line(1, "A", quantity, "1")))).containsExactly(new FieldError(
                "lines[0].quantity", "must not be more than 1000000 (ordersync.orders.max-quantity)"));
        assertThat(errors(withLines(line(1, "A", "1000000", "1")))).as("at the limit").isEmpty();
    }

    @Test
    void absurd_unit_prices_are_refused_and_the_limits_are_configurable() {
        assertThat(errors(withLines(line(1, "A", "1", "1E10")))).containsExactly(new FieldError(
                "lines[0].unitPrice", "must not be more than 10000000 (ordersync.orders.max-unit-price)"));
        assertThat(errors(withLines(line(1, "A", "1", "1.0000001")))).containsExactly(new FieldError(
                "lines[0].unitPrice", "has more than 6 decimal places"));
        assertThat(errors(withLines(line(1, "A", "1", "0.000125")))).as("six decimal places").isEmpty();
        OrderValidator strict = new OrderValidator(OrderValidator.Limits.from(java.util.Map.of(
                OrderValidator.Limits.MAX_QUANTITY, "100", OrderValidator.Limits.MAX_UNIT_PRICE, "50")::get));
        assertThat(strict.validate(withLines(line(1, "A", "101", "51")))).extracting(FieldError::field)
                .containsExactly("lines[0].quantity", "lines[0].unitPrice");
        assertThat(strict.validate(withLines(line(1, "A", "100", "50")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(chars = {0x00, 0x01, 0x1B, 0x7F, '\n'})
    void control_characters_in_any_text_are_refused_with_the_field_named(char control) {
        assertThat(errors(withLines(line(1, "SKU" + control + "1", "1", "1")))).containsExactly(new FieldError(
                "lines[0].sku", String.format("has the control character U+%04X at character 4: refused, not dropped",
                        (int) control)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"96385074", "12345670", "036000291452", "4006381333931", "5901234123457",
            "04006381333931", "10012345678902"})
    void valid_gtin_8_12_13_and_14_pass_the_check_digit(String gtin) {
        assertThat(OrderValidator.validGtin(gtin)).isTrue();
        assertThat(errors(withLines(gtinLine(gtin)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"96385075", "036000291453", "4006381333932", "04006381333930", "10012345678903"})
    void a_wrong_check_digit_is_rejected(String gtin) {
        assertThat(OrderValidator.validGtin(gtin)).isFalse();
        assertThat(errors(withLines(gtinLine(gtin)))).containsExactly(
                new FieldError("lines[0].gtin", "'" + gtin + "' fails the GTIN check digit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567", "123456789", "12345678901", "123456789012345", "4006381A33931", " 96385074"})
    void a_gtin_of_another_length_or_with_non_digits_is_rejected(String gtin) {
        assertThat(OrderValidator.validGtin(gtin)).isFalse();
    }

    @Test
    void every_problem_is_reported_at_once() {
        CanonicalOrder order = copy(order(), null, null, "eur", LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 1),
                List.of(line(1, "A", "0", "-1"), line(1, "", "1.123456", "1")));
        assertThat(fields(order)).containsExactly("source.externalId", "customer", "currency",
                "requestedDeliveryDate", "lines[0].quantity", "lines[0].unitPrice", "lines[1].lineNumber",
                "lines[1].sku", "lines[1].quantity");
    }

    // ------------------------------------------------------------------ helpers

    private List<FieldError> errors(CanonicalOrder order) {
        return validator.validate(order);
    }

    private List<String> fields(CanonicalOrder order) {
        List<String> fields = new ArrayList<>();
        validator.validate(order).forEach(e -> fields.add(e.field()));
        return fields;
    }

    private static CanonicalOrder order() {
        return new CanonicalOrder(null, null, null, null, new CanonicalOrder.Source("REST", "CRM", null, "801A"),
                "US01", new CanonicalOrder.Customer("001A", "NA-20001", "Acme"), "PO-1", null, null, null, "USD",
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 1),
                List.of(line(1, "SKU-100", "5", "10.10"), line(2, "SKU-200", "2.5", "3.30")), null, null, null);
    }

    private static CanonicalOrder with(UnaryOperator<CanonicalOrder> change) {
        return change.apply(order());
    }

    private static CanonicalOrder withLines(CanonicalOrder.Line... lines) {
        CanonicalOrder o = order();
        return copy(o, o.source(), o.customer(), o.currency(), o.orderDate(), o.requestedDeliveryDate(), List.of(lines));
    }

    private static CanonicalOrder copy(CanonicalOrder o, CanonicalOrder.Source source, CanonicalOrder.Customer customer,
                                       String currency, LocalDate orderDate, LocalDate delivery,
                                       List<CanonicalOrder.Line> lines) {
        return new CanonicalOrder(o.schemaVersion(), o.orderId(), o.correlationId(), o.receivedAt(), source,
                o.legalEntity(), customer, o.customerPurchaseOrder(), o.soldTo(), o.billTo(), o.shipTo(), currency,
                orderDate, delivery, lines, o.totals(), o.terms(), o.notes());
    }

    private static CanonicalOrder.Line line(Integer number, String sku, String quantity, String price) {
        return new CanonicalOrder.Line(number, sku, null, null, null, quantity == null ? null : new BigDecimal(quantity),
                "EA", price == null ? null : new BigDecimal(price), null);
    }

    private static CanonicalOrder.Line gtinLine(String gtin) {
        return new CanonicalOrder.Line(1, "SKU-1", null, gtin, null, BigDecimal.ONE, "EA", BigDecimal.TEN, null);
    }
}
