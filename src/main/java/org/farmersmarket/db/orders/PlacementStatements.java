package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.orders.OrderPlacement.OrderableProduct;
import org.farmersmarket.db.orders.OrderPlacement.PricedLine;
import org.farmersmarket.db.orders.OrderPlacement.Totals;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The statements of {@link OrderPlacement}, each rendered once per configuration: placing an order is the busiest
 * write path, and rendering its statements anew on every order cost more client time than sending them. Lists (the
 * products, the lines) travel as arrays, so one SQL text serves any number of lines.
 */
final class PlacementStatements {

    private PlacementStatements() {}

    /** The transaction's id (as {@code pg_current_xact_id()} assigns it) as a column name. */
    private static final Field<String> TRANSACTION_ID =
            DSL.field("pg_current_xact_id()::text", String.class).as("transaction_id");

    /**
     * One row if the user exists, carrying the transaction's id: the order is written in this transaction anyway,
     * and knowing its id spares the commit the round trip that would read it.
     */
    static final Statement<UUID, Long> CUSTOMER = Statement.of(
            Reading.JOOQ,
            (Inputs<UUID> customerId) ->
                    select(TRANSACTION_ID).from(USERS).where(USERS.ID.eq(customerId.value(id -> id, USERS.ID))),
            row -> Long.valueOf(row.get(TRANSACTION_ID)));

    /** The products, locked FOR SHARE in id order. */
    static final Statement<UUID[], OrderableProduct> LOCK_PRODUCTS = Statement.of(
            Reading.JOOQ,
            (Inputs<UUID[]> productIds) -> select(
                            PRODUCTS.ID,
                            PRODUCTS.VENDOR_ID,
                            PRODUCTS.NAME,
                            PRODUCTS.PRICE,
                            PRODUCTS.CURRENCY,
                            PRODUCTS.STATUS)
                    .from(PRODUCTS)
                    .where(PRODUCTS.ID.eq(any(productIds.value(
                            ids -> ids, PRODUCTS.ID.getDataType().array()))))
                    .orderBy(PRODUCTS.ID)
                    .forShare(),
            row -> new OrderableProduct(
                    row.get(PRODUCTS.ID),
                    row.get(PRODUCTS.VENDOR_ID),
                    row.get(PRODUCTS.NAME),
                    new Money(row.get(PRODUCTS.PRICE), row.get(PRODUCTS.CURRENCY)),
                    row.get(PRODUCTS.STATUS)));

    /** An order to insert: the request and its priced totals. */
    record NewOrder(PlaceOrder request, Totals totals) {}

    /** Inserts the order and returns its row, for {@link OrderQueries#order}. */
    static final Statement<NewOrder, ResultRow> INSERT_ORDER = Statement.of(
            Reading.JOOQ,
            (Inputs<NewOrder> order) -> DSL.insertInto(ORDERS)
                    .set(ORDERS.CUSTOMER_ID, order.value(o -> o.request().customerId(), ORDERS.CUSTOMER_ID))
                    .set(ORDERS.FULFILLMENT, order.value(o -> o.request().fulfillment(), ORDERS.FULFILLMENT))
                    .set(
                            ORDERS.DELIVERY_ADDRESS,
                            order.value(o -> o.request().deliveryAddress().orElse(null), ORDERS.DELIVERY_ADDRESS))
                    .set(ORDERS.SUBTOTAL, order.value(o -> o.totals().subtotal().amount(), ORDERS.SUBTOTAL))
                    .set(ORDERS.TAX, order.value(o -> o.totals().tax().amount(), ORDERS.TAX))
                    .set(ORDERS.FEES, order.value(o -> o.totals().fees().amount(), ORDERS.FEES))
                    .set(ORDERS.TOTAL, order.value(o -> o.totals().total().amount(), ORDERS.TOTAL))
                    .set(ORDERS.CURRENCY, order.value(o -> o.totals().total().currency(), ORDERS.CURRENCY))
                    .set(ORDERS.NOTES, order.value(o -> o.request().notes().orElse(null), ORDERS.NOTES))
                    .returning(ORDERS.fields()),
            row -> row);

    /** An order's lines to insert, priced, in the order's currency. */
    record NewLines(UUID orderId, String currency, List<PricedLine> lines) {

        /** One value of every line, as an array argument. */
        <T> T[] column(IntFunction<T[]> array, Function<PricedLine, T> value) {
            return lines.stream().map(value).toArray(array);
        }
    }

    /**
     * Inserts the lines and returns them sorted as {@link OrderRepository#findById} lists them (by product name in
     * the database's collation, then id), in the same statement.
     */
    static final Statement<NewLines, OrderItem> INSERT_ITEMS =
            Statement.of(Reading.JOOQ, PlacementStatements::insertItems, OrderQueries::orderItem);

    /** A pending payment to insert: the order's total. */
    record NewPayment(UUID orderId, Money amount) {}

    /** Inserts the pending payment and returns its row. */
    static final Statement<NewPayment, Payment> INSERT_PAYMENT = Statement.of(
            Reading.JOOQ,
            (Inputs<NewPayment> payment) -> DSL.insertInto(PAYMENTS)
                    .set(PAYMENTS.ORDER_ID, payment.value(NewPayment::orderId, PAYMENTS.ORDER_ID))
                    .set(PAYMENTS.AMOUNT, payment.value(p -> p.amount().amount(), PAYMENTS.AMOUNT))
                    .set(PAYMENTS.CURRENCY, payment.value(p -> p.amount().currency(), PAYMENTS.CURRENCY))
                    .returning(PAYMENTS.fields()),
            OrderQueries::payment);

    /** The derived table of the unnested line arrays, named after the columns it fills. */
    private static final String LINE = "line";

    private static <T> Field<T> lineColumn(Field<T> column) {
        return DSL.field(name(LINE, column.getName()), column.getDataType());
    }

    private static ResultQuery<?> insertItems(Inputs<NewLines> lines) {
        Table<?> unnested = DSL.table(
                        "unnest({0}, {1}, {2}, {3}, {4}, {5})",
                        lines.value(
                                l -> l.column(
                                        UUID[]::new, line -> line.product().id()),
                                ORDER_ITEMS.PRODUCT_ID.getDataType().array()),
                        lines.value(
                                l -> l.column(
                                        UUID[]::new, line -> line.product().vendorId()),
                                ORDER_ITEMS.VENDOR_ID.getDataType().array()),
                        lines.value(
                                l -> l.column(
                                        String[]::new, line -> line.product().name()),
                                ORDER_ITEMS.PRODUCT_NAME.getDataType().array()),
                        lines.value(
                                l -> l.column(Integer[]::new, PricedLine::quantity),
                                ORDER_ITEMS.QUANTITY.getDataType().array()),
                        lines.value(
                                l -> l.column(
                                        BigDecimal[]::new,
                                        line -> line.product().price().amount()),
                                ORDER_ITEMS.UNIT_PRICE.getDataType().array()),
                        lines.value(
                                l -> l.column(
                                        BigDecimal[]::new,
                                        line -> line.lineTotal().amount()),
                                ORDER_ITEMS.LINE_TOTAL.getDataType().array()))
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
                                        lines.value(NewLines::orderId, ORDER_ITEMS.ORDER_ID),
                                        lineColumn(ORDER_ITEMS.PRODUCT_ID),
                                        lineColumn(ORDER_ITEMS.VENDOR_ID),
                                        lineColumn(ORDER_ITEMS.PRODUCT_NAME),
                                        lineColumn(ORDER_ITEMS.QUANTITY),
                                        lineColumn(ORDER_ITEMS.UNIT_PRICE),
                                        lineColumn(ORDER_ITEMS.LINE_TOTAL))
                                .from(unnested))
                        .returning(ORDER_ITEMS.fields()));
        return DSL.with(inserted)
                .select(
                        inserted.field(ORDER_ITEMS.ID),
                        inserted.field(ORDER_ITEMS.PRODUCT_ID),
                        inserted.field(ORDER_ITEMS.VENDOR_ID),
                        inserted.field(ORDER_ITEMS.PRODUCT_NAME),
                        inserted.field(ORDER_ITEMS.QUANTITY),
                        inserted.field(ORDER_ITEMS.UNIT_PRICE),
                        inserted.field(ORDER_ITEMS.LINE_TOTAL),
                        // The order's currency, so that the one order item mapper reads these rows too.
                        lines.value(NewLines::currency, ORDERS.CURRENCY).as(ORDERS.CURRENCY.getName()))
                .from(inserted)
                .orderBy(inserted.field(ORDER_ITEMS.PRODUCT_NAME), inserted.field(ORDER_ITEMS.ID));
    }
}
