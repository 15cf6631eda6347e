package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** A credit memo against an invoice (after a return, a price correction or a damaged delivery). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditMemo(String creditMemoNumber, String invoiceNumber, BigDecimal amount, String currency,
                         String reason) {}
