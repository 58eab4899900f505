package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.tables.records.InventoryHistoryRecord;
import org.farmersmarket.db.jooq.tables.records.InventoryItemsRecord;
import org.jooq.DSLContext;

/**
 * The one place stock changes: locks lots, writes their new quantities and appends the history row, inside the
 * caller's transaction. Lots are always locked in id order, so concurrent writers never deadlock.
 */
final class StockLedger {

    private final DSLContext tx;

    StockLedger(DSLContext tx) {
        this.tx = tx;
    }

    DSLContext dsl() {
        return tx;
    }

    InventoryItemsRecord lockItem(UUID itemId) {
        return tx.selectFrom(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.eq(itemId))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("inventory item", itemId));
    }

    List<InventoryItemsRecord> lockLotsOfProduct(UUID productId) {
        return tx.selectFrom(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .orderBy(INVENTORY_ITEMS.ID)
                .forUpdate()
                .fetch();
    }

    List<InventoryItemsRecord> lockLots(List<UUID> itemIds) {
        return tx.selectFrom(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.in(itemIds))
                .orderBy(INVENTORY_ITEMS.ID)
                .forUpdate()
                .fetch();
    }

    /**
     * Applies a change to a locked lot and appends its history row. The caller has checked the change keeps on hand
     * at or above reserved; the CHECK constraints are the last line of defence.
     */
    StockChange apply(InventoryItemsRecord lot, Change change) {
        int onHand = lot.getQuantityOnHand() + change.quantityChange();
        int reserved = lot.getQuantityReserved() + change.reservedChange();
        // The lot is locked, so writing absolute values cannot lose a concurrent change.
        tx.update(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, onHand)
                .set(INVENTORY_ITEMS.QUANTITY_RESERVED, reserved)
                .where(INVENTORY_ITEMS.ID.eq(lot.getId()))
                .execute();
        lot.setQuantityOnHand(onHand);
        lot.setQuantityReserved(reserved);
        InventoryHistoryRecord row = tx.insertInto(INVENTORY_HISTORY)
                .set(INVENTORY_HISTORY.INVENTORY_ITEM_ID, lot.getId())
                .set(INVENTORY_HISTORY.PRODUCT_ID, lot.getProductId())
                .set(INVENTORY_HISTORY.QUANTITY_CHANGE, change.quantityChange())
                .set(INVENTORY_HISTORY.RESERVED_CHANGE, change.reservedChange())
                .set(INVENTORY_HISTORY.QUANTITY_AFTER, onHand)
                .set(INVENTORY_HISTORY.RESERVED_AFTER, reserved)
                .set(INVENTORY_HISTORY.REASON, change.reason())
                .set(INVENTORY_HISTORY.NOTE, change.note())
                .set(INVENTORY_HISTORY.ORDER_ID, change.orderId())
                .set(INVENTORY_HISTORY.CHANGED_BY, change.changedBy())
                .returning()
                .fetchSingle();
        return toStockChange(row);
    }

    static StockChange toStockChange(InventoryHistoryRecord row) {
        return new StockChange(
                row.getId(),
                row.getInventoryItemId(),
                row.getProductId(),
                row.getQuantityChange(),
                row.getReservedChange(),
                row.getQuantityAfter(),
                row.getReservedAfter(),
                row.getReason(),
                Optional.ofNullable(row.getNote()),
                Optional.ofNullable(row.getOrderId()),
                Optional.ofNullable(row.getChangedBy()),
                row.getCreatedAt());
    }

    static InventoryItem toInventoryItem(InventoryItemsRecord row) {
        return new InventoryItem(
                row.getId(),
                row.getProductId(),
                row.getLotCode(),
                row.getQuantityOnHand(),
                row.getQuantityReserved(),
                row.getLowStockThreshold(),
                Optional.ofNullable(row.getHarvestedOn()),
                Optional.ofNullable(row.getExpiresOn()));
    }

    /** What to change on a lot and why; nullable fields are simply unknown. */
    record Change(
            int quantityChange,
            int reservedChange,
            InventoryChangeReason reason,
            String note,
            UUID orderId,
            UUID changedBy) {}
}
