package org.farmersmarket.db.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.farmersmarket.db.testing.Sql;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Every rule the data must obey is a constraint: each test writes one bad row and expects PostgreSQL to refuse it
 * with the SQLState and the constraint name the Java layer translates.
 */
class ConstraintsTest extends ConnectedSchemaTest {

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";
    private static final String FOREIGN_KEY = "23503";
    private static final String EXCLUSION = "23P01";
    private static final String INVALID_TEXT = "22P02";

    private void assertRejected(String sqlState, String constraint, String sql, Object... parameters) {
        // Stock and history as the owner: the application role may not write them at all, constraint or not.
        Connection writer = sql.contains("inventory_") ? owner : connection;
        assertThatThrownBy(() -> Sql.execute(writer, sql, parameters))
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> {
                    var serverError = ((PSQLException) e).getServerErrorMessage();
                    assertThat(((PSQLException) e).getSQLState()).isEqualTo(sqlState);
                    if (constraint != null) {
                        assertThat(serverError.getConstraint()).isEqualTo(constraint);
                    }
                });
    }

    @Test
    void product_withNegativePrice_isRejected() throws SQLException {
        UUID product = fixtures.product();
        assertRejected(CHECK, "products_price_check", "UPDATE products SET price = -0.01 WHERE id = ?", product);
    }

    @Test
    void product_withLowercaseCurrency_isRejected() throws SQLException {
        UUID product = fixtures.product();
        assertRejected(CHECK, "products_currency_check", "UPDATE products SET currency = 'usd' WHERE id = ?", product);
    }

    @Test
    void product_withUnknownStatus_isRejected() throws SQLException {
        UUID product = fixtures.product();
        assertRejected(
                INVALID_TEXT, null, "UPDATE products SET status = 'sold-out'::product_status WHERE id = ?", product);
    }

    @Test
    void product_withDuplicateSlug_isRejected() throws SQLException {
        UUID first = fixtures.product();
        UUID second = fixtures.product();
        assertRejected(
                UNIQUE,
                "products_slug_key",
                "UPDATE products SET slug = (SELECT slug FROM products WHERE id = ?) WHERE id = ?",
                first,
                second);
    }

    @Test
    void product_withUnknownVendor_isRejected() throws SQLException {
        UUID category = fixtures.category(null);
        assertRejected(
                FOREIGN_KEY,
                "products_vendor_id_fkey",
                "INSERT INTO products (vendor_id, category_id, name, slug, price) VALUES (?, ?, 'Kale', 'kale-x', 1)",
                UUID.randomUUID(),
                category);
    }

    @Test
    void user_withSameEmailInOtherCase_isRejected() throws SQLException {
        String email = Fixtures.unique("ada") + "@example.org";
        Sql.execute(connection, "INSERT INTO users (email) VALUES (?)", email);
        assertRejected(UNIQUE, null, "INSERT INTO users (email) VALUES (?)", email.toUpperCase());
        assertThat(Sql.queryOne(
                        connection,
                        "SELECT count(*)::int FROM users WHERE lower(email) = lower(?)",
                        Integer.class,
                        email))
                .isEqualTo(1);
    }

    @Test
    void user_withMalformedEmail_isRejected() {
        assertRejected(CHECK, "users_email_check", "INSERT INTO users (email) VALUES ('not-an-email')");
    }

    @Test
    void inventory_withNegativeStock_isRejected() throws SQLException {
        UUID item = fixtures.inventoryItem(fixtures.product(), 3);
        assertRejected(
                CHECK,
                "inventory_items_quantity_on_hand_check",
                "UPDATE inventory_items SET quantity_on_hand = -1 WHERE id = ?",
                item);
    }

    @Test
    void inventory_reservingMoreThanOnHand_isRejected() throws SQLException {
        UUID item = fixtures.inventoryItem(fixtures.product(), 3);
        assertRejected(
                CHECK,
                "inventory_items_reserved_within_on_hand_check",
                "UPDATE inventory_items SET quantity_reserved = 4 WHERE id = ?",
                item);
    }

    @Test
    void history_withNoChangeAtAll_isRejected() throws SQLException {
        UUID product = fixtures.product();
        UUID item = fixtures.inventoryItem(product, 3);
        assertRejected(
                CHECK,
                "inventory_history_nonzero_change_check",
                "INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, quantity_after,"
                        + " reserved_after, reason) VALUES (?, ?, 0, 3, 0, 'adjustment')",
                item,
                product);
    }

    @Test
    void orderItem_withZeroQuantity_isRejected() throws SQLException {
        UUID customer = fixtures.user();
        UUID order = fixtures.order(customer, BigDecimal.ZERO);
        UUID product = fixtures.product();
        assertRejected(
                CHECK,
                "order_items_quantity_check",
                "INSERT INTO order_items (order_id, product_id, vendor_id, product_name, quantity, unit_price,"
                        + " line_total) SELECT ?, id, vendor_id, name, 0, price, 0 FROM products WHERE id = ?",
                order,
                product);
    }

    @Test
    void orderItem_withWrongLineTotal_isRejected() throws SQLException {
        UUID order = fixtures.order(fixtures.user(), BigDecimal.ZERO);
        UUID product = fixtures.product();
        assertRejected(
                CHECK,
                "order_items_line_total_check",
                "INSERT INTO order_items (order_id, product_id, vendor_id, product_name, quantity, unit_price,"
                        + " line_total) SELECT ?, id, vendor_id, name, 2, price, price FROM products WHERE id = ?",
                order,
                product);
    }

    @Test
    void order_whoseTotalIsNotTheSumOfItsParts_isRejected() throws SQLException {
        UUID customer = fixtures.user();
        assertRejected(
                CHECK,
                "orders_total_check",
                "INSERT INTO orders (customer_id, subtotal, tax, fees, total) VALUES (?, 10, 1, 0.50, 11)",
                customer);
    }

    @Test
    void deliveryOrder_withoutAddress_isRejected() throws SQLException {
        UUID customer = fixtures.user();
        assertRejected(
                CHECK,
                "orders_delivery_address_check",
                "INSERT INTO orders (customer_id, fulfillment, subtotal, tax, fees, total)"
                        + " VALUES (?, 'delivery', 0, 0, 0, 0)",
                customer);
    }

    @Test
    void payment_refundingMoreThanPaid_isRejected() throws SQLException {
        UUID order = fixtures.order(fixtures.user(), new BigDecimal("10.00"));
        assertRejected(
                CHECK,
                "payments_refunded_amount_check",
                "INSERT INTO payments (order_id, amount, refunded_amount) VALUES (?, 10.00, 10.01)",
                order);
    }

    @Test
    void payment_withDuplicateProviderPaymentId_isRejected() throws SQLException {
        UUID order = fixtures.order(fixtures.user(), new BigDecimal("10.00"));
        String providerId = Fixtures.unique("pi");
        String insert =
                "INSERT INTO payments (order_id, amount, provider, provider_payment_id) VALUES (?, 10, 'stripe', ?)";
        Sql.execute(connection, insert, order, providerId);
        assertRejected(UNIQUE, "payments_provider_payment_id_key", insert, order, providerId);
    }

    @Test
    void review_withRatingOutsideOneToFive_isRejected() throws SQLException {
        UUID product = fixtures.product();
        UUID user = fixtures.user();
        String insert = "INSERT INTO reviews (product_id, user_id, rating) VALUES (?, ?, ?)";
        assertRejected(CHECK, "reviews_rating_check", insert, product, user, 6);
        assertRejected(CHECK, "reviews_rating_check", insert, product, user, 0);
    }

    @Test
    void secondReview_bySameUserForSameProduct_isRejected() throws SQLException {
        UUID product = fixtures.product();
        UUID user = fixtures.user();
        String insert = "INSERT INTO reviews (product_id, user_id, rating) VALUES (?, ?, 4)";
        Sql.execute(connection, insert, product, user);
        assertRejected(UNIQUE, "reviews_user_id_product_id_key", insert, product, user);
    }

    @Test
    void category_asItsOwnParent_isRejected() throws SQLException {
        UUID category = fixtures.category(null);
        assertRejected(
                CHECK,
                "categories_not_own_parent_check",
                "UPDATE categories SET parent_id = id WHERE id = ?",
                category);
    }

    @Test
    void category_withUppercaseSlug_isRejected() {
        assertRejected(CHECK, "categories_slug_check", "INSERT INTO categories (name, slug) VALUES ('Fruit', 'Fruit')");
    }

    @Test
    void chatMessage_withBlankBody_isRejected() throws SQLException {
        UUID chat = Sql.insert(connection, "INSERT INTO chats (subject) VALUES ('pickup time') RETURNING id");
        assertRejected(
                CHECK, "chat_messages_body_check", "INSERT INTO chat_messages (chat_id, body) VALUES (?, '   ')", chat);
    }

    @Test
    void calendar_withOverlappingPeriods_isRejected() throws SQLException {
        String insert = "INSERT INTO biodynamic_calendar (starts_at, ends_at, day_type, moon_phase, constellation,"
                + " is_ascending) VALUES (?::timestamptz, ?::timestamptz, 'root', 'new_moon', 'Taurus', true)";
        Sql.execute(connection, insert, "2026-03-01T06:00Z", "2026-03-01T18:00Z");
        assertRejected(EXCLUSION, "biodynamic_calendar_no_overlap", insert, "2026-03-01T12:00Z", "2026-03-02T00:00Z");
    }

    @Test
    void calendar_endingBeforeItStarts_isRejected() {
        assertRejected(
                CHECK,
                "biodynamic_calendar_ends_at_check",
                "INSERT INTO biodynamic_calendar (starts_at, ends_at, moon_phase, constellation, is_ascending)"
                        + " VALUES ('2026-04-02T00:00Z', '2026-04-01T00:00Z', 'full_moon', 'Leo', false)");
    }
}
