package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.testing.DomainRows.unique;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.InventoryRepository;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;

/**
 * Fixture rows for order tests, written with jOOQ (the parent rows by {@link DomainRows}); every call makes unique
 * emails and slugs.
 */
final class OrderFixtures {

    private final DSLContext dsl;
    private final DomainRows rows;
    private final InventoryRepository inventory;

    OrderFixtures(DSLContext dsl) {
        this.dsl = dsl;
        this.rows = new DomainRows(dsl);
        this.inventory = new InventoryRepository(dsl);
    }

    UUID user() {
        return rows.user();
    }

    UUID vendor() {
        return rows.vendor();
    }

    /** An active product in USD of a new vendor. */
    UUID product(String price) {
        return product(vendor(), price);
    }

    /** An active product in USD. */
    UUID product(UUID vendorId, String price) {
        return product(vendorId, price, "USD", ProductStatus.ACTIVE);
    }

    /** A product with a unique name, in a new category of its own. */
    UUID product(UUID vendorId, String price, String currency, ProductStatus status) {
        return rows.product(vendorId, rows.category(), unique("Carrots"), price, currency, status);
    }

    /** Adds a lot with that many units to the product, through the inventory repository; returns the lot id. */
    UUID stock(UUID productId, int quantity) {
        InventoryItem lot = inventory.createItem(
                new NewInventoryItem(productId, unique("lot"), 0, Optional.empty(), Optional.empty()));
        inventory.restock(new Restock(lot.id(), quantity, "fixture"), Actor.SYSTEM);
        return lot.id();
    }

    int available(UUID productId) {
        return inventory.availableQuantity(productId);
    }

    /** The ids in the order the database sorts uuids, which is the order stock is reserved in. */
    List<UUID> inDatabaseOrder(List<UUID> productIds) {
        return dsl.select(PRODUCTS.ID)
                .from(PRODUCTS)
                .where(PRODUCTS.ID.in(productIds))
                .orderBy(PRODUCTS.ID)
                .fetch(PRODUCTS.ID);
    }

    /** Moves an order (and its lines) back in time, as if it had been placed then. */
    void backdate(UUID orderId, Instant placedAt) {
        dsl.update(ORDERS)
                .set(ORDERS.PLACED_AT, placedAt)
                .set(ORDERS.CREATED_AT, placedAt)
                .where(ORDERS.ID.eq(orderId))
                .execute();
        dsl.update(ORDER_ITEMS)
                .set(ORDER_ITEMS.CREATED_AT, placedAt)
                .where(ORDER_ITEMS.ORDER_ID.eq(orderId))
                .execute();
    }

    /** Row counts of every table an order placement writes. */
    RowCounts rowCounts() {
        return new RowCounts(
                dsl.fetchCount(ORDERS),
                dsl.fetchCount(ORDER_ITEMS),
                dsl.fetchCount(PAYMENTS),
                dsl.fetchCount(INVENTORY_HISTORY),
                unitsIn(INVENTORY_ITEMS.QUANTITY_ON_HAND),
                unitsIn(INVENTORY_ITEMS.QUANTITY_RESERVED));
    }

    private int unitsIn(Field<Integer> column) {
        return dsl.select(coalesce(sum(column), BigDecimal.ZERO))
                .from(INVENTORY_ITEMS)
                .fetchSingle()
                .value1()
                .intValue();
    }

    /** The stock history rows that carry the order's id, oldest first. */
    List<HistoryRow> historyOf(UUID orderId) {
        return dsl.select(
                        INVENTORY_HISTORY.PRODUCT_ID,
                        INVENTORY_HISTORY.REASON,
                        INVENTORY_HISTORY.QUANTITY_CHANGE,
                        INVENTORY_HISTORY.RESERVED_CHANGE,
                        INVENTORY_HISTORY.CHANGED_BY)
                .from(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.ORDER_ID.eq(orderId))
                .orderBy(INVENTORY_HISTORY.CREATED_AT, INVENTORY_HISTORY.REASON, INVENTORY_HISTORY.PRODUCT_ID)
                .fetch(Records.mapping(HistoryRow::new));
    }

    /** Each lot of the product with its levels and the sums of its history, to check the ledger balances. */
    List<LotBalance> lotBalances(UUID productId) {
        return dsl.select(
                        INVENTORY_ITEMS.ID,
                        INVENTORY_ITEMS.QUANTITY_ON_HAND,
                        INVENTORY_ITEMS.QUANTITY_RESERVED,
                        coalesce(sum(INVENTORY_HISTORY.QUANTITY_CHANGE), BigDecimal.ZERO)
                                .cast(Integer.class),
                        coalesce(sum(INVENTORY_HISTORY.RESERVED_CHANGE), BigDecimal.ZERO)
                                .cast(Integer.class))
                .from(INVENTORY_ITEMS)
                .leftJoin(INVENTORY_HISTORY)
                .on(INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(INVENTORY_ITEMS.ID))
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .groupBy(INVENTORY_ITEMS.ID)
                .fetch(Records.mapping(LotBalance::new));
    }

    record RowCounts(int orders, int orderItems, int payments, int historyRows, int onHandUnits, int reservedUnits) {}

    record HistoryRow(
            UUID productId, InventoryChangeReason reason, int quantityChange, int reservedChange, UUID changedBy) {}

    record LotBalance(UUID lotId, int onHand, int reserved, int sumOfQuantityChanges, int sumOfReservedChanges) {}
}
