package org.farmersmarket.db.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.farmersmarket.db.testing.Sql;

/** Minimal valid rows for schema tests; every call makes unique emails and slugs. */
final class Fixtures {

    private final Connection connection;
    private final Connection owner;

    /**
     * @param connection the application role's, for every row it may write
     * @param owner the owner's, for stock and history rows, which the application role writes only through the ledger
     */
    Fixtures(Connection connection, Connection owner) {
        this.connection = connection;
        this.owner = owner;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    UUID user() throws SQLException {
        return Sql.insert(
                connection, "INSERT INTO users (email) VALUES (?) RETURNING id", unique("user") + "@example.org");
    }

    UUID vendor(UUID userId) throws SQLException {
        return Sql.insert(
                connection,
                "INSERT INTO vendor_profiles (user_id, business_name, slug) VALUES (?, 'Green Acres', ?) RETURNING id",
                userId,
                unique("green-acres"));
    }

    UUID category(UUID parentId) throws SQLException {
        return Sql.insert(
                connection,
                "INSERT INTO categories (parent_id, name, slug) VALUES (?, 'Vegetables', ?) RETURNING id",
                parentId,
                unique("vegetables"));
    }

    UUID product(UUID vendorId, UUID categoryId) throws SQLException {
        return Sql.insert(
                connection,
                "INSERT INTO products (vendor_id, category_id, name, slug, price) VALUES (?, ?, 'Carrots', ?, 2.50)"
                        + " RETURNING id",
                vendorId,
                categoryId,
                unique("carrots"));
    }

    UUID product() throws SQLException {
        return product(vendor(user()), category(null));
    }

    UUID inventoryItem(UUID productId, int onHand) throws SQLException {
        return Sql.insert(
                owner,
                "INSERT INTO inventory_items (product_id, quantity_on_hand) VALUES (?, ?) RETURNING id",
                productId,
                onHand);
    }

    UUID history(UUID itemId, UUID productId, int change, int after) throws SQLException {
        return Sql.insert(
                owner,
                "INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, quantity_after,"
                        + " reserved_after, reason) VALUES (?, ?, ?, ?, 0, 'restock') RETURNING id",
                itemId,
                productId,
                change,
                after);
    }

    UUID order(UUID customerId, BigDecimal total) throws SQLException {
        return Sql.insert(
                connection,
                "INSERT INTO orders (customer_id, subtotal, tax, fees, total) VALUES (?, ?, 0, 0, ?) RETURNING id",
                customerId,
                total,
                total);
    }
}
