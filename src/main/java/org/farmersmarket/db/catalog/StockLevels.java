package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The available stock of each product in a query's FROM clause, as a LATERAL derived table to cross join after
 * {@code products}: one aggregate row per product, 0 when it has no lots.
 */
final class StockLevels {

    private final Table<Record1<Integer>> table;
    private final Field<Integer> available;

    private StockLevels(Table<Record1<Integer>> table, Field<Integer> available) {
        this.table = table;
        this.available = available;
    }

    /** Stock correlated to {@code products.id}; built per query because jOOQ query parts are mutable. */
    static StockLevels perProduct() {
        return of(PRODUCTS.ID);
    }

    /** Stock correlated to {@code productId}, a column of a table earlier in the FROM clause. */
    static StockLevels of(Field<UUID> productId) {
        Field<Integer> available = DSL.coalesce(
                        DSL.sum(INVENTORY_ITEMS.QUANTITY_ON_HAND.minus(INVENTORY_ITEMS.QUANTITY_RESERVED)),
                        BigDecimal.ZERO)
                .cast(SQLDataType.INTEGER)
                .as("available_stock");
        Table<Record1<Integer>> table = DSL.lateral(DSL.select(available)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .asTable("stock_levels"));
        return new StockLevels(table, table.field(available));
    }

    Table<Record1<Integer>> table() {
        return table;
    }

    /** Units on hand minus units reserved, over all lots of the product. */
    Field<Integer> available() {
        return available;
    }
}
