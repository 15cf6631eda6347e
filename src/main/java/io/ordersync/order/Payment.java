package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Money received against an invoice, as the AR system reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Payment(String paymentId, String invoiceNumber, BigDecimal amount, String currency,
                      LocalDate receivedOn, String method) {}
