package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.testing.DomainRows.unique;
import static org.jooq.impl.DSL.row;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.stock.StockRows;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.impl.DSL;

/**
 * Minimal valid rows for the inventory tests, written with jOOQ (the parent rows by {@link DomainRows}); every call
 * makes unique emails, slugs and lot codes, because the tests of a class share one database.
 */
final class InventoryFixtures {

    private static final BigDecimal PRICE = new BigDecimal("2.50");

    private final DSLContext dsl;
    private final DomainRows rows;

    InventoryFixtures(DSLContext dsl) {
        this.dsl = dsl;
        this.rows = new DomainRows(dsl);
    }

    /**
     * A context on the same database that counts the statements it sends into {@code statements}. Counted where
     * JDBC prepares them, so that a statement sent beside jOOQ's pipeline counts too (ExecuteListenerTest checks that
     * a listener sees exactly these).
     */
    DSLContext counting(AtomicInteger statements) {
        ConnectionProvider connections = dsl.configuration().connectionProvider();
        return DSL.using(dsl.configuration().derive(new ConnectionProvider() {
            @Override
            public Connection acquire() {
                return countingStatements(connections.acquire(), statements);
            }

            @Override
            public void release(Connection connection) {
                connections.release(connection);
            }
        }));
    }

    private static Connection countingStatements(Connection connection, AtomicInteger statements) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                statements.incrementAndGet();
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(
                InventoryFixtures.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    UUID user() {
        return rows.user();
    }

    UUID vendor() {
        return rows.vendor();
    }

    /** A product priced 2.50 USD in a new category of its own. */
    UUID product(UUID vendorId, String name, ProductStatus status) {
        return rows.product(vendorId, rows.category(), name, PRICE, "USD", status);
    }

    /** An active product "Carrots" of a new vendor. */
    UUID product() {
        return product(vendor(), "Carrots", ProductStatus.ACTIVE);
    }

    /** An order of a new customer; its totals are zero, which is all the inventory needs of it. */
    UUID order() {
        return dsl.insertInto(ORDERS)
                .set(ORDERS.CUSTOMER_ID, user())
                .set(ORDERS.SUBTOTAL, BigDecimal.ZERO)
                .set(ORDERS.TAX, BigDecimal.ZERO)
                .set(ORDERS.FEES, BigDecimal.ZERO)
                .set(ORDERS.TOTAL, BigDecimal.ZERO)
                .returning(ORDERS.ID)
                .fetchSingle(ORDERS.ID);
    }

    /** An empty lot with a unique code, the given threshold and expiry date (null for none). */
    NewInventoryItem lot(UUID productId, int lowStockThreshold, LocalDate expiresOn) {
        return new NewInventoryItem(
                productId, unique("lot"), lowStockThreshold, Optional.empty(), Optional.ofNullable(expiresOn));
    }

    /** Many empty lots of one product in one multi-row INSERT, bypassing the repository for speed. */
    List<UUID> emptyLots(UUID productId, int count) {
        List<Row2<UUID, String>> lotRows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lotRows.add(row(productId, "lot-" + i));
        }
        return dsl.insertInto(INVENTORY_ITEMS, INVENTORY_ITEMS.PRODUCT_ID, INVENTORY_ITEMS.LOT_CODE)
                .valuesOfRows(lotRows)
                .returning(INVENTORY_ITEMS.ID)
                .fetch(INVENTORY_ITEMS.ID);
    }

    /** The lot as stored now. */
    InventoryItem item(UUID itemId) {
        return dsl.selectFrom(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.eq(itemId))
                .fetchSingle(ResultRow.mapping(StockRows::inventoryItem));
    }

    /** Every history row of a lot, oldest first. */
    List<StockChange> historyOf(UUID itemId) {
        return dsl.selectFrom(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(itemId))
                .orderBy(INVENTORY_HISTORY.CREATED_AT, INVENTORY_HISTORY.ID)
                .fetch(ResultRow.mapping(StockRows::stockChange));
    }

    /** How many history rows the lots have in all. */
    int historyCount(Collection<UUID> itemIds) {
        return dsl.fetchCount(INVENTORY_HISTORY, INVENTORY_HISTORY.INVENTORY_ITEM_ID.in(itemIds));
    }

    /** How many history rows the whole database has. */
    int historyCount() {
        return dsl.fetchCount(INVENTORY_HISTORY);
    }
}
