package io.ordersync.demo.sim;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The quote logic both simulated ERPs share: a price list, available-to-promise and customer credit, with the same
 * data rules as orders. Stateless and deterministic:
 * <ul>
 *   <li>price: the list below for the demo items, else derived from the SKU (5.00 to 94.99); per unit, in the
 *       quote's currency, whatever the unit of measure (the simulator has no unit conversions)</li>
 *   <li>available quantity: the list below, else derived from the SKU (50 to 449); promised date: the requested date,
 *       but not before today + {@value #LEAD_DAYS} days, or not before today + {@value #RESTOCK_DAYS} days when more
 *       than is available is asked for</li>
 *   <li>an unknown SKU (data rule {@code UNKNOWN-...} or REJECT_LINE mode) is refused with {@code UNKNOWN_SKU}</li>
 *   <li>credit: {@code HOLD} with 0 available for customers on credit hold ({@code HOLD-...} or CREDIT_HOLD mode),
 *       else {@code OK} with {@value #AVAILABLE_CREDIT} available</li>
 * </ul>
 */
final class ErpQuoteBook {

    static final int LEAD_DAYS = 2;
    static final int RESTOCK_DAYS = 21;
    static final String AVAILABLE_CREDIT = "50000.00";

    /** The demo items, priced as the demo orders price them. */
    private static final Map<String, Item> ITEMS = Map.of(
            "HX-2040", new Item("18.40", "500"),
            "WS-0800", new Item("9.95", "1200"),
            "CB-1125", new Item("21.30", "80"),
            "SKU-100", new Item("10.10", "250"),
            "SKU-200", new Item("3.30", "40"),
            "SKU-300", new Item("7.25", "150"),
            "SKU-310", new Item("12.00", "0"));

    private record Item(String unitPrice, String available) {}

    record Request(String customerNumber, String currency, List<LineRequest> lines) {}

    record LineRequest(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, LocalDate requestedDate) {}

    /** {@code status} OK with price and availability, or UNKNOWN_SKU with a reason. */
    record LineQuote(int lineNumber, String sku, String status, BigDecimal unitPrice, BigDecimal availableQuantity,
                     LocalDate promisedDate, String reasonCode, String reason) {}

    record Quote(String customerNumber, String currency, String creditStatus, BigDecimal availableCredit,
                 List<LineQuote> lines) {}

    private final Clock clock;

    ErpQuoteBook(Clock clock) {
        this.clock = clock;
    }

    Quote quote(Request request, SimBehaviour behaviour) {
        boolean hold = behaviour.holdsCustomer(request.customerNumber());
        List<LineQuote> lines = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (LineRequest line : request.lines()) {
            if (behaviour.rejectsSku(line.sku())) {
                lines.add(new LineQuote(line.lineNumber(), line.sku(), ErpOrder.UNKNOWN_SKU, null, null, null,
                        ErpOrder.UNKNOWN_SKU, "SKU " + line.sku() + " is not in the item master"));
                continue;
            }
            Item item = ITEMS.getOrDefault(line.sku(), derived(line.sku()));
            BigDecimal available = new BigDecimal(item.available());
            LocalDate earliest = today.plusDays(line.quantity().compareTo(available) <= 0 ? LEAD_DAYS : RESTOCK_DAYS);
            LocalDate promised = line.requestedDate() != null && line.requestedDate().isAfter(earliest)
                    ? line.requestedDate() : earliest;
            lines.add(new LineQuote(line.lineNumber(), line.sku(), "OK", new BigDecimal(item.unitPrice()), available,
                    promised, null, null));
        }
        return new Quote(request.customerNumber(), request.currency(), hold ? "HOLD" : "OK",
                new BigDecimal(hold ? "0.00" : AVAILABLE_CREDIT), lines);
    }

    /** Any other SKU: a stable price and quantity from its name, so that repeated quotes agree. */
    private static Item derived(String sku) {
        int hash = Math.abs(sku.hashCode() % 9000);
        return new Item(new BigDecimal(500 + hash).movePointLeft(2).toPlainString(), String.valueOf(50 + hash % 400));
    }
}
