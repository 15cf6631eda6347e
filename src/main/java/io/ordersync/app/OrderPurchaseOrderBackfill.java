package io.ordersync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordersync.order.OrderStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 15: fills {@code orders.customer_po} (V14) of the orders stored before it, from their
 * {@code canonical_json}. In Java because H2 and PostgreSQL have no JSON function in common; the order JSON is read as
 * JSON, so an escaped character in a PO comes out right. A PO longer than the column stays NULL, as for new orders.
 */
public class OrderPurchaseOrderBackfill implements JavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("15");
    }

    @Override
    public String getDescription() {
        return "order purchase order backfill";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement read = context.getConnection().createStatement();
             ResultSet orders = read.executeQuery("SELECT order_id, canonical_json FROM orders");
             PreparedStatement write = context.getConnection().prepareStatement(
                     "UPDATE orders SET customer_po = ? WHERE order_id = ?")) {
            int pending = 0;
            while (orders.next()) {
                JsonNode po = JSON.readTree(orders.getString("canonical_json")).path("customerPurchaseOrder");
                if (po.isTextual() && !po.asText().isEmpty() && po.asText().length() <= OrderStore.CUSTOMER_PO_MAX) {
                    write.setString(1, po.asText());
                    write.setString(2, orders.getString("order_id"));
                    write.addBatch();
                    if (++pending == 500) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
