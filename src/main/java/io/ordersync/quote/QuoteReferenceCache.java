package io.ordersync.quote;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reference data for the quote fallback: the last price and available quantity the ERP gave per (legal entity, SKU,
 * unit of measure), and the last credit figures per (legal entity, customer). Tables of the V8 migration, so that
 * all replicas share them. A newer answer replaces an older one; an older answer arriving late changes nothing.
 */
public class QuoteReferenceCache {

    public record ItemKey(String sku, String unitOfMeasure) {}

    public record CachedItem(ItemKey key, String currency, BigDecimal unitPrice, BigDecimal availableQuantity,
                             Instant asOf) {}

    public record CachedCredit(String status, BigDecimal availableCredit, String currency, Instant asOf) {}

    /** What is cached for one quote; {@code credit} is null when nothing is cached for the customer. */
    public record Cached(CachedCredit credit, Map<ItemKey, CachedItem> items) {
        public Cached {
            items = Collections.unmodifiableMap(new HashMap<>(items));
        }
    }

    private final JdbcTemplate jdbc;

    public QuoteReferenceCache(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Keeps what the ERP answered: the customer's credit and every line it priced (not the ones it refused). */
    public void remember(String legalEntity, String customerNumber, ErpQuote quote, Instant asOf) {
        QuoteAnswer.Credit credit = quote.credit();
        if (QuoteAnswer.Credit.OK.equals(credit.status()) || QuoteAnswer.Credit.HOLD.equals(credit.status())) {
            rememberCredit(legalEntity, customerNumber, credit, asOf);
        }
        for (QuoteAnswer.Line line : quote.lines()) {
            if (QuoteAnswer.Line.OK.equals(line.status()) && line.price() != null && line.price().unitPrice() != null) {
                rememberItem(legalEntity, line, asOf);
            }
        }
    }

    public Cached lookup(String legalEntity, String customerNumber, Collection<ItemKey> items) {
        List<CachedCredit> credits = jdbc.query("SELECT credit_status, available_credit, currency, as_of"
                        + " FROM quote_credit_reference WHERE legal_entity = ? AND customer_number = ?",
                (rs, n) -> new CachedCredit(rs.getString("credit_status"), decimal(rs, "available_credit"),
                        rs.getString("currency"), rs.getTimestamp("as_of").toInstant()),
                legalEntity, customerNumber);
        Map<ItemKey, CachedItem> found = new HashMap<>();
        Set<String> skus = new LinkedHashSet<>();
        items.forEach(key -> skus.add(key.sku()));
        if (!skus.isEmpty()) {
            Object[] args = new Object[skus.size() + 1];
            args[0] = legalEntity;
            int i = 1;
            for (String sku : skus) {
                args[i++] = sku;
            }
            jdbc.query("SELECT sku, unit_of_measure, currency, unit_price, available_quantity, as_of"
                            + " FROM quote_item_reference WHERE legal_entity = ? AND sku IN ("
                            + String.join(", ", Collections.nCopies(skus.size(), "?")) + ")",
                    (ResultSet rs) -> {
                        ItemKey key = new ItemKey(rs.getString("sku"), rs.getString("unit_of_measure"));
                        if (items.contains(key)) {
                            found.put(key, new CachedItem(key, rs.getString("currency"), decimal(rs, "unit_price"),
                                    decimal(rs, "available_quantity"), rs.getTimestamp("as_of").toInstant()));
                        }
                    }, args);
        }
        return new Cached(credits.isEmpty() ? null : credits.get(0), found);
    }

    private void rememberCredit(String legalEntity, String customerNumber, QuoteAnswer.Credit credit, Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        String update = "UPDATE quote_credit_reference SET credit_status = ?, available_credit = ?, currency = ?,"
                + " as_of = ? WHERE legal_entity = ? AND customer_number = ? AND as_of <= ?";
        Object[] updateArgs = {credit.status(), credit.availableCredit(), credit.currency(), at, legalEntity,
                customerNumber, at};
        upsert(update, updateArgs, "INSERT INTO quote_credit_reference (legal_entity, customer_number, credit_status,"
                        + " available_credit, currency, as_of) VALUES (?, ?, ?, ?, ?, ?)",
                new Object[] {legalEntity, customerNumber, credit.status(), credit.availableCredit(), credit.currency(),
                        at});
    }

    private void rememberItem(String legalEntity, QuoteAnswer.Line line, Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        BigDecimal available = line.availableToPromise() == null ? null : line.availableToPromise().availableQuantity();
        String update = "UPDATE quote_item_reference SET currency = ?, unit_price = ?, available_quantity = ?,"
                + " as_of = ? WHERE legal_entity = ? AND sku = ? AND unit_of_measure = ? AND as_of <= ?";
        Object[] updateArgs = {line.price().currency(), line.price().unitPrice(), available, at, legalEntity,
                line.sku(), line.unitOfMeasure(), at};
        upsert(update, updateArgs, "INSERT INTO quote_item_reference (legal_entity, sku, unit_of_measure, currency,"
                        + " unit_price, available_quantity, as_of) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new Object[] {legalEntity, line.sku(), line.unitOfMeasure(), line.price().currency(),
                        line.price().unitPrice(), available, at});
    }

    /**
     * Update if there is a row no newer than ours, else insert. Two replicas inserting the same key at once: the
     * primary key lets one win, the other updates instead (which changes nothing when the winner's row is newer).
     */
    private void upsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        if (jdbc.update(update, updateArgs) > 0) {
            return;
        }
        try {
            jdbc.update(insert, insertArgs);
        } catch (DuplicateKeyException exists) {
            jdbc.update(update, updateArgs);
        }
    }

    /** DECIMAL(38,10) gives ten decimals back: the value is kept, the padding zeros are not. */
    private static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
