package org.farmersmarket.db.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.farmersmarket.db.testing.SharedResources;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.postgresql.util.PSQLException;

/** Triggers and ON DELETE rules: what the database does by itself. */
@ResourceLock(value = SharedResources.APPLICATION_ROLE_PRIVILEGES, mode = ResourceAccessMode.READ)
class BehaviourTest extends ConnectedSchemaTest {

    private int count(String table, String column, UUID id) throws SQLException {
        return Sql.queryOne(
                connection, "SELECT count(*)::int FROM " + table + " WHERE " + column + " = ?", Integer.class, id);
    }

    @Test
    void updatingARow_movesUpdatedAtAndKeepsCreatedAt() throws SQLException, InterruptedException {
        UUID user = fixtures.user();
        OffsetDateTime createdAt =
                Sql.queryOne(connection, "SELECT created_at FROM users WHERE id = ?", OffsetDateTime.class, user);
        // now() is the transaction's start time: a later autocommit statement sees a later one.
        Thread.sleep(10);
        Sql.execute(connection, "UPDATE users SET name = 'Ada' WHERE id = ?", user);

        OffsetDateTime updatedAt =
                Sql.queryOne(connection, "SELECT updated_at FROM users WHERE id = ?", OffsetDateTime.class, user);
        OffsetDateTime createdAfter =
                Sql.queryOne(connection, "SELECT created_at FROM users WHERE id = ?", OffsetDateTime.class, user);
        assertThat(updatedAt).isAfter(createdAt);
        assertThat(createdAfter).isEqualTo(createdAt);
    }

    @Test
    void updatedAt_cannotBeSetByTheCaller() throws SQLException {
        UUID user = fixtures.user();
        Sql.execute(connection, "UPDATE users SET updated_at = '2000-01-01T00:00Z' WHERE id = ?", user);
        OffsetDateTime updatedAt =
                Sql.queryOne(connection, "SELECT updated_at FROM users WHERE id = ?", OffsetDateTime.class, user);
        assertThat(updatedAt.getYear()).isGreaterThan(2000);
    }

    @Test
    void inventoryHistory_refusesUpdateDeleteAndTruncate_toTheApplicationByPrivilege_toOthersByTrigger(TestDatabase db)
            throws SQLException {
        UUID product = fixtures.product();
        UUID item = fixtures.inventoryItem(product, 5);
        UUID entry = fixtures.history(item, product, 5, 5);
        String[] rewrites = {
            "UPDATE inventory_history SET note = 'edited' WHERE id = ?",
            "DELETE FROM inventory_history WHERE id = ?",
            // CASCADE: idempotency_keys refers to the history; the statement is refused all the same.
            "TRUNCATE inventory_history CASCADE"
        };

        try (Connection administrator = db.adminDataSource().getConnection()) {
            for (String sql : rewrites) {
                Object[] arguments = sql.contains("?") ? new Object[] {entry} : new Object[0];
                // The application role (the suite's connection) lacks the privilege in the first place.
                assertThatThrownBy(() -> Sql.execute(connection, sql, arguments))
                        .isInstanceOf(PSQLException.class)
                        .hasMessageContaining("permission denied for table inventory_history")
                        .extracting(e -> ((PSQLException) e).getSQLState())
                        .isEqualTo("42501");
                // A superuser has every privilege: the append-only trigger refuses.
                assertThatThrownBy(() -> Sql.execute(administrator, sql, arguments))
                        .isInstanceOf(PSQLException.class)
                        .hasMessageContaining("append-only")
                        .extracting(e -> ((PSQLException) e).getSQLState())
                        .isEqualTo("55000");
            }
        }
        assertThat(count("inventory_history", "id", entry)).isEqualTo(1);
    }

    @Test
    void deletingAUser_cascadesToWhatTheUserOwns() throws SQLException {
        UUID user = fixtures.user();
        UUID product = fixtures.product();
        Sql.execute(
                connection,
                "INSERT INTO sessions (session_token, user_id, expires) VALUES (?, ?, now())",
                Fixtures.unique("token"),
                user);
        Sql.execute(
                connection,
                "INSERT INTO accounts (user_id, type, provider, provider_account_id)"
                        + " VALUES (?, 'oauth', 'github', ?)",
                user,
                Fixtures.unique("gh"));
        Sql.execute(connection, "INSERT INTO reviews (product_id, user_id, rating) VALUES (?, ?, 5)", product, user);
        Sql.execute(connection, "INSERT INTO notifications (user_id, type, title) VALUES (?, 'system', 'Hi')", user);
        UUID chat = Sql.insert(connection, "INSERT INTO chats (subject) VALUES ('hello') RETURNING id");
        Sql.execute(connection, "INSERT INTO chat_participants (chat_id, user_id) VALUES (?, ?)", chat, user);
        UUID message = Sql.insert(
                connection,
                "INSERT INTO chat_messages (chat_id, sender_id, body) VALUES (?, ?, 'hi') RETURNING id",
                chat,
                user);

        Sql.execute(connection, "DELETE FROM users WHERE id = ?", user);

        assertThat(count("sessions", "user_id", user)).isZero();
        assertThat(count("accounts", "user_id", user)).isZero();
        assertThat(count("reviews", "user_id", user)).isZero();
        assertThat(count("notifications", "user_id", user)).isZero();
        assertThat(count("chat_participants", "user_id", user)).isZero();
        // The conversation stays readable; only the sender link goes.
        assertThat(count("chat_messages", "id", message)).isOne();
        assertThat(count("chat_messages", "sender_id", user)).isZero();
    }

    @Test
    void deletingACustomerWithOrders_isRefused() throws SQLException {
        UUID customer = fixtures.user();
        fixtures.order(customer, BigDecimal.ZERO);
        assertThatThrownBy(() -> Sql.execute(connection, "DELETE FROM users WHERE id = ?", customer))
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> {
                    assertThat(((PSQLException) e).getSQLState()).isEqualTo("23503");
                    assertThat(((PSQLException) e).getServerErrorMessage().getConstraint())
                            .isEqualTo("orders_customer_id_fkey");
                });
        assertThat(count("users", "id", customer)).isOne();
    }

    @Test
    void deletingAUserWhoRunsAVendor_isRefused() throws SQLException {
        UUID user = fixtures.user();
        fixtures.vendor(user);
        assertThatThrownBy(() -> Sql.execute(connection, "DELETE FROM users WHERE id = ?", user))
                .isInstanceOf(PSQLException.class)
                .extracting(e -> ((PSQLException) e).getServerErrorMessage().getConstraint())
                .isEqualTo("vendor_profiles_user_id_fkey");
    }

    @Test
    void deletingAnOrder_cascadesToItsLinesButIsRefusedOncePaid() throws SQLException {
        UUID order = fixtures.order(fixtures.user(), new BigDecimal("2.50"));
        UUID product = fixtures.product();
        Sql.execute(
                connection,
                "INSERT INTO order_items (order_id, product_id, vendor_id, product_name, quantity,"
                        + " unit_price, line_total) SELECT ?, id, vendor_id, name, 1, price, price FROM products WHERE id = ?",
                order,
                product);
        UUID paidOrder = fixtures.order(fixtures.user(), new BigDecimal("2.50"));
        Sql.execute(connection, "INSERT INTO payments (order_id, amount) VALUES (?, 2.50)", paidOrder);

        Sql.execute(connection, "DELETE FROM orders WHERE id = ?", order);

        assertThat(count("order_items", "order_id", order)).isZero();
        assertThatThrownBy(() -> Sql.execute(connection, "DELETE FROM orders WHERE id = ?", paidOrder))
                .isInstanceOf(PSQLException.class)
                .extracting(e -> ((PSQLException) e).getServerErrorMessage().getConstraint())
                .isEqualTo("payments_order_id_fkey");
    }

    @Test
    void deletingAProductWithStockHistory_isRefused() throws SQLException {
        UUID product = fixtures.product();
        UUID item = fixtures.inventoryItem(product, 2);
        fixtures.history(item, product, 2, 2);
        assertThatThrownBy(() -> Sql.execute(connection, "DELETE FROM products WHERE id = ?", product))
                .isInstanceOf(PSQLException.class)
                .extracting(e -> ((PSQLException) e).getSQLState())
                .isEqualTo("23503");
        assertThat(count("inventory_history", "product_id", product)).isOne();
    }
}
