package org.farmersmarket.db.internal.stock;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.StockChange;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The stock rows' mappers, one per record, each with the columns it reads. */
public final class StockRows {

    private StockRows() {}

    /** The columns {@link #inventoryItem} reads. */
    public static final List<Field<?>> LOT_COLUMNS = List.of(
            INVENTORY_ITEMS.ID,
            INVENTORY_ITEMS.PRODUCT_ID,
            INVENTORY_ITEMS.LOT_CODE,
            INVENTORY_ITEMS.QUANTITY_ON_HAND,
            INVENTORY_ITEMS.QUANTITY_RESERVED,
            INVENTORY_ITEMS.LOW_STOCK_THRESHOLD,
            INVENTORY_ITEMS.HARVESTED_ON,
            INVENTORY_ITEMS.EXPIRES_ON);

    /** Whether a lot has expired, by the database's date: its last day of sale is its {@code expires_on}. */
    private static final Field<Boolean> EXPIRED = DSL.field(
                    INVENTORY_ITEMS.EXPIRES_ON.isNotNull().and(INVENTORY_ITEMS.EXPIRES_ON.lt(DSL.currentLocalDate())))
            .as("expired");

    /** The columns {@link #lot} reads: a lot's, when it was created, and whether it has expired. */
    static final List<Field<?>> LOCKED_LOT_COLUMNS = Stream.concat(
                    LOT_COLUMNS.stream(), Stream.of(INVENTORY_ITEMS.CREATED_AT, EXPIRED))
            .toList();

    /** A lot read under its lock, by {@link #LOCKED_LOT_COLUMNS}. */
    static Lot lot(ResultRow row) {
        return new Lot(inventoryItem(row), row.get(INVENTORY_ITEMS.CREATED_AT), row.get(EXPIRED));
    }

    /** The public record of a lot, by {@link #LOT_COLUMNS}. */
    public static InventoryItem inventoryItem(ResultRow row) {
        return new InventoryItem(
                row.get(INVENTORY_ITEMS.ID),
                row.get(INVENTORY_ITEMS.PRODUCT_ID),
                row.get(INVENTORY_ITEMS.LOT_CODE),
                row.get(INVENTORY_ITEMS.QUANTITY_ON_HAND),
                row.get(INVENTORY_ITEMS.QUANTITY_RESERVED),
                row.get(INVENTORY_ITEMS.LOW_STOCK_THRESHOLD),
                Optional.ofNullable(row.get(INVENTORY_ITEMS.HARVESTED_ON)),
                Optional.ofNullable(row.get(INVENTORY_ITEMS.EXPIRES_ON)));
    }

    /**
     * The columns {@link #stockChange} reads: those of {@code inventory_history} but its chain (the hash chain is
     * the ledger's own evidence, checked by reconcile, not part of a stock change).
     */
    public static final List<Field<?>> STOCK_CHANGE_COLUMNS = List.of(
            INVENTORY_HISTORY.ID,
            INVENTORY_HISTORY.INVENTORY_ITEM_ID,
            INVENTORY_HISTORY.PRODUCT_ID,
            INVENTORY_HISTORY.QUANTITY_CHANGE,
            INVENTORY_HISTORY.RESERVED_CHANGE,
            INVENTORY_HISTORY.QUANTITY_AFTER,
            INVENTORY_HISTORY.RESERVED_AFTER,
            INVENTORY_HISTORY.REASON,
            INVENTORY_HISTORY.NOTE,
            INVENTORY_HISTORY.ORDER_ID,
            INVENTORY_HISTORY.CHANGED_BY,
            INVENTORY_HISTORY.CREATED_AT);

    /** A history row. */
    public static StockChange stockChange(ResultRow row) {
        return new StockChange(
                row.get(INVENTORY_HISTORY.ID),
                row.get(INVENTORY_HISTORY.INVENTORY_ITEM_ID),
                row.get(INVENTORY_HISTORY.PRODUCT_ID),
                row.get(INVENTORY_HISTORY.QUANTITY_CHANGE),
                row.get(INVENTORY_HISTORY.RESERVED_CHANGE),
                row.get(INVENTORY_HISTORY.QUANTITY_AFTER),
                row.get(INVENTORY_HISTORY.RESERVED_AFTER),
                row.get(INVENTORY_HISTORY.REASON),
                Optional.ofNullable(row.get(INVENTORY_HISTORY.NOTE)),
                Optional.ofNullable(row.get(INVENTORY_HISTORY.ORDER_ID)),
                Optional.ofNullable(row.get(INVENTORY_HISTORY.CHANGED_BY)),
                row.get(INVENTORY_HISTORY.CREATED_AT));
    }
}
