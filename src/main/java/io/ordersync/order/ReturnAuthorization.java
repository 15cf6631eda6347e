package io.ordersync.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A return the ERP authorised (RMA): which line quantities may come back, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnAuthorization(String rmaNumber, String reason, List<LineQuantity> lines) {}
