package org.farmersmarket.db.orders;

import static org.farmersmarket.db.internal.PrerenderedQuery.argument;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import org.farmersmarket.db.internal.PrerenderedQuery;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The statements of {@link OrderPlacement}, each rendered once: placing an order is the busiest write path, and
 * rendering its statements anew on every order cost more client time than sending them. Lists (the products, the
 * lines) travel as arrays, so one SQL text serves any number of lines.
 */
final class PlacementStatements {

    private PlacementStatements() {}

    /** One row if the user exists. Argument: the user id. */
    static final PrerenderedQuery CUSTOMER =
            PrerenderedQuery.of(select(inline(1)).from(USERS).where(USERS.ID.eq(argument(0, USERS.ID.getDataType()))));

    /** The products, locked FOR SHARE in id order. Argument: the product ids. */
    static final PrerenderedQuery LOCK_PRODUCTS = PrerenderedQuery.of(select(
                    PRODUCTS.ID, PRODUCTS.VENDOR_ID, PRODUCTS.NAME, PRODUCTS.PRICE, PRODUCTS.CURRENCY, PRODUCTS.STATUS)
            .from(PRODUCTS)
            .where(PRODUCTS.ID.eq(any(argument(0, PRODUCTS.ID.getDataType().array()))))
            .orderBy(PRODUCTS.ID)
            .forShare());

    /**
     * Inserts the order and returns its row. Arguments: customer, fulfillment, delivery address, subtotal, tax, fees,
     * total, currency, notes.
     */
    static final PrerenderedQuery INSERT_ORDER = PrerenderedQuery.of(DSL.insertInto(ORDERS)
            .set(ORDERS.CUSTOMER_ID, argument(0, ORDERS.CUSTOMER_ID.getDataType()))
            .set(ORDERS.FULFILLMENT, argument(1, ORDERS.FULFILLMENT.getDataType()))
            .set(ORDERS.DELIVERY_ADDRESS, argument(2, ORDERS.DELIVERY_ADDRESS.getDataType()))
            .set(ORDERS.SUBTOTAL, argument(3, ORDERS.SUBTOTAL.getDataType()))
            .set(ORDERS.TAX, argument(4, ORDERS.TAX.getDataType()))
            .set(ORDERS.FEES, argument(5, ORDERS.FEES.getDataType()))
            .set(ORDERS.TOTAL, argument(6, ORDERS.TOTAL.getDataType()))
            .set(ORDERS.CURRENCY, argument(7, ORDERS.CURRENCY.getDataType()))
            .set(ORDERS.NOTES, argument(8, ORDERS.NOTES.getDataType()))
            .returning(ORDERS.fields()));

    /**
     * Inserts the lines and returns them sorted as {@link OrderRepository#findById} lists them (by product name in
     * the database's collation, then id), in the same statement. Arguments: the order id, then one array per column:
     * product ids, vendor ids, names, quantities, unit prices, line totals.
     */
    static final PrerenderedQuery INSERT_ITEMS = insertItems();

    /** Inserts the pending payment and returns its row. Arguments: order id, amount, currency. */
    static final PrerenderedQuery INSERT_PAYMENT = PrerenderedQuery.of(DSL.insertInto(PAYMENTS)
            .set(PAYMENTS.ORDER_ID, argument(0, PAYMENTS.ORDER_ID.getDataType()))
            .set(PAYMENTS.AMOUNT, argument(1, PAYMENTS.AMOUNT.getDataType()))
            .set(PAYMENTS.CURRENCY, argument(2, PAYMENTS.CURRENCY.getDataType()))
            .returning(PAYMENTS.fields()));

    /** The derived table of the unnested line arrays, named after the columns it fills. */
    private static final String LINE = "line";

    private static <T> Field<T> lineColumn(Field<T> column) {
        return DSL.field(name(LINE, column.getName()), column.getDataType());
    }

    private static PrerenderedQuery insertItems() {
        Table<?> lines = DSL.table(
                        "unnest({0}, {1}, {2}, {3}, {4}, {5})",
                        argument(1, ORDER_ITEMS.PRODUCT_ID.getDataType().array()),
                        argument(2, ORDER_ITEMS.VENDOR_ID.getDataType().array()),
                        argument(3, ORDER_ITEMS.PRODUCT_NAME.getDataType().array()),
                        argument(4, ORDER_ITEMS.QUANTITY.getDataType().array()),
                        argument(5, ORDER_ITEMS.UNIT_PRICE.getDataType().array()),
                        argument(6, ORDER_ITEMS.LINE_TOTAL.getDataType().array()))
                .as(
                        LINE,
                        ORDER_ITEMS.PRODUCT_ID.getName(),
                        ORDER_ITEMS.VENDOR_ID.getName(),
                        ORDER_ITEMS.PRODUCT_NAME.getName(),
                        ORDER_ITEMS.QUANTITY.getName(),
                        ORDER_ITEMS.UNIT_PRICE.getName(),
                        ORDER_ITEMS.LINE_TOTAL.getName());
        CommonTableExpression<?> inserted = name("inserted_items")
                .as(DSL.insertInto(
                                ORDER_ITEMS,
                                ORDER_ITEMS.ORDER_ID,
                                ORDER_ITEMS.PRODUCT_ID,
                                ORDER_ITEMS.VENDOR_ID,
                                ORDER_ITEMS.PRODUCT_NAME,
                                ORDER_ITEMS.QUANTITY,
                                ORDER_ITEMS.UNIT_PRICE,
                                ORDER_ITEMS.LINE_TOTAL)
                        .select(select(
                                        argument(0, ORDER_ITEMS.ORDER_ID.getDataType()),
                                        lineColumn(ORDER_ITEMS.PRODUCT_ID),
                                        lineColumn(ORDER_ITEMS.VENDOR_ID),
                                        lineColumn(ORDER_ITEMS.PRODUCT_NAME),
                                        lineColumn(ORDER_ITEMS.QUANTITY),
                                        lineColumn(ORDER_ITEMS.UNIT_PRICE),
                                        lineColumn(ORDER_ITEMS.LINE_TOTAL))
                                .from(lines))
                        .returning(ORDER_ITEMS.fields()));
        return PrerenderedQuery.of(DSL.with(inserted)
                .select(
                        inserted.field(ORDER_ITEMS.ID),
                        inserted.field(ORDER_ITEMS.PRODUCT_ID),
                        inserted.field(ORDER_ITEMS.VENDOR_ID),
                        inserted.field(ORDER_ITEMS.PRODUCT_NAME),
                        inserted.field(ORDER_ITEMS.QUANTITY),
                        inserted.field(ORDER_ITEMS.UNIT_PRICE),
                        inserted.field(ORDER_ITEMS.LINE_TOTAL))
                .from(inserted)
                .orderBy(inserted.field(ORDER_ITEMS.PRODUCT_NAME), inserted.field(ORDER_ITEMS.ID)));
    }
}
