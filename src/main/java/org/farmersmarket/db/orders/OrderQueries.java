package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PAYMENTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.array;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.NestedRows;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.jooq.tables.records.PaymentsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.SelectField;

/** The order aggregate's reads: one order with its lines and payments, and keyset-paged summaries. */
final class OrderQueries {

    private OrderQueries() {}

    /** The order's lines, by product name then id. */
    private static final NestedRows<OrderItem> ITEMS = NestedRows.of(
            "items",
            ORDER_ITEMS,
            ORDER_ITEMS.ORDER_ID.eq(ORDERS.ID),
            List.of(ORDER_ITEMS.PRODUCT_NAME.asc(), ORDER_ITEMS.ID.asc()),
            List.of(
                    ORDER_ITEMS.ID,
                    ORDER_ITEMS.PRODUCT_ID,
                    ORDER_ITEMS.VENDOR_ID,
                    ORDER_ITEMS.PRODUCT_NAME,
                    ORDER_ITEMS.QUANTITY,
                    ORDER_ITEMS.UNIT_PRICE,
                    ORDER_ITEMS.LINE_TOTAL),
            OrderQueries::orderItem);

    /** The order's payments, oldest first. */
    private static final NestedRows<Payment> PAYMENTS_OF_ORDER = NestedRows.of(
            "payments",
            PAYMENTS,
            PAYMENTS.ORDER_ID.eq(ORDERS.ID),
            List.of(PAYMENTS.CREATED_AT.asc(), PAYMENTS.ID.asc()),
            List.of(PAYMENTS.fields()),
            OrderQueries::payment);

    /**
     * One order by id with its items and payments: one statement, the order's columns flat, the items and payments
     * as {@link NestedRows}.
     */
    private static final Statement<UUID, Order> BY_ID = Statement.of(
            Reading.DRIVER,
            (Inputs<UUID> orderId) -> {
                List<SelectField<?>> select = new ArrayList<>(List.of(ORDERS.fields()));
                select.addAll(ITEMS.arrays());
                select.addAll(PAYMENTS_OF_ORDER.arrays());
                return select(select)
                        .from(ORDERS)
                        .crossJoin(ITEMS.table())
                        .crossJoin(PAYMENTS_OF_ORDER.table())
                        .where(ORDERS.ID.eq(orderId.value(id -> id, ORDERS.ID)));
            },
            row -> order(row, ITEMS.of(row), PAYMENTS_OF_ORDER.of(row)));

    /** The order with its items and payments, in one query. */
    static Optional<Order> findById(DSLContext dsl, UUID orderId) {
        return BY_ID.fetchOptional(dsl, orderId);
    }

    /** The order of a row with the columns of {@code orders}, with its items and payments. */
    static Order order(ResultRow row, List<OrderItem> items, List<Payment> payments) {
        String currency = row.get(ORDERS.CURRENCY);
        return new Order(
                row.get(ORDERS.ID),
                row.get(ORDERS.ORDER_NUMBER),
                row.get(ORDERS.CUSTOMER_ID),
                row.get(ORDERS.STATUS),
                row.get(ORDERS.FULFILLMENT),
                Optional.ofNullable(row.get(ORDERS.DELIVERY_ADDRESS)),
                new Money(row.get(ORDERS.SUBTOTAL), currency),
                new Money(row.get(ORDERS.TAX), currency),
                new Money(row.get(ORDERS.FEES), currency),
                new Money(row.get(ORDERS.TOTAL), currency),
                Optional.ofNullable(row.get(ORDERS.NOTES)),
                row.get(ORDERS.PLACED_AT),
                row.get(ORDERS.STATUS_CHANGED_AT),
                row.get(ORDERS.CREATED_AT),
                row.get(ORDERS.UPDATED_AT),
                items,
                payments);
    }

    /** An order line; its money is in the order's currency, a column of the order (or a column named so). */
    static OrderItem orderItem(ResultRow row) {
        String currency = row.get(ORDERS.CURRENCY);
        return new OrderItem(
                row.get(ORDER_ITEMS.ID),
                row.get(ORDER_ITEMS.PRODUCT_ID),
                row.get(ORDER_ITEMS.VENDOR_ID),
                row.get(ORDER_ITEMS.PRODUCT_NAME),
                row.get(ORDER_ITEMS.QUANTITY),
                new Money(row.get(ORDER_ITEMS.UNIT_PRICE), currency),
                new Money(row.get(ORDER_ITEMS.LINE_TOTAL), currency));
    }

    /**
     * One page of order summaries matching the conditions, newest first.
     *
     * @param listing names the listing and its scope, such as the customer: its cursors serve no other
     */
    static Page<OrderSummary> summaries(
            DSLContext dsl, String listing, List<Condition> conditions, PageRequest request) {
        List<Condition> where = new ArrayList<>(conditions);
        Keyset.decode(request, listing, 2)
                .ifPresent(
                        cursor -> where.add(row(ORDERS.CREATED_AT, ORDERS.ID).lt(cursor.instant(0), cursor.uuid(1))));
        List<OrderSummary> rows = dsl.select(
                        ORDERS.ID,
                        ORDERS.ORDER_NUMBER,
                        ORDERS.CUSTOMER_ID,
                        ORDERS.STATUS,
                        ORDERS.FULFILLMENT,
                        // Amount and currency as columns of their own: a nested row would arrive as one record
                        // literal for jOOQ to parse.
                        ORDERS.TOTAL,
                        ORDERS.CURRENCY,
                        ORDERS.CREATED_AT)
                .from(ORDERS)
                .where(where)
                .orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ID.desc())
                .limit(request.limit() + 1)
                .fetch(Records.mapping(
                        (id, number, customer, status, fulfillment, total, currency, createdAt) -> new OrderSummary(
                                id, number, customer, status, fulfillment, new Money(total, currency), createdAt)));
        return Keyset.page(rows, request, summary -> Keyset.encode(listing, summary.createdAt(), summary.id()));
    }

    /** The conditions of a customer's order listing. */
    static List<Condition> customerConditions(UUID customerId, OrderFilter filter) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(ORDERS.CUSTOMER_ID.eq(customerId));
        if (!filter.statuses().isEmpty()) {
            conditions.add(ORDERS.STATUS.in(filter.statuses()));
        }
        filter.from().ifPresent(from -> conditions.add(ORDERS.CREATED_AT.ge(from)));
        filter.to().ifPresent(to -> conditions.add(ORDERS.CREATED_AT.lt(to)));
        return conditions;
    }

    /**
     * The condition of a vendor's order listing: the order has at least one line of the vendor's products. The
     * vendor's order ids are gathered first, along the vendor's index of lines, into an array the orders are then
     * looked up by: the page reads the vendor's lines and orders, never the whole orders table (as the semi-join
     * {@code IN (...)} would whenever the planner prefers hashing the vendor's lines against a scan of all orders).
     */
    static List<Condition> vendorConditions(UUID vendorId) {
        return List.of(ORDERS.ID.eq(any(array(
                selectDistinct(ORDER_ITEMS.ORDER_ID).from(ORDER_ITEMS).where(ORDER_ITEMS.VENDOR_ID.eq(vendorId))))));
    }

    /** The payment of a payments record jOOQ read. */
    static Payment payment(PaymentsRecord row) {
        return payment(ResultRow.of(row));
    }

    /** The payment of a row with the columns of {@code payments}. */
    static Payment payment(ResultRow row) {
        String currency = row.get(PAYMENTS.CURRENCY);
        return new Payment(
                row.get(PAYMENTS.ID),
                row.get(PAYMENTS.ORDER_ID),
                new Money(row.get(PAYMENTS.AMOUNT), currency),
                new Money(row.get(PAYMENTS.REFUNDED_AMOUNT), currency),
                row.get(PAYMENTS.STATUS),
                row.get(PAYMENTS.PROVIDER),
                Optional.ofNullable(row.get(PAYMENTS.PROVIDER_PAYMENT_ID)),
                Optional.ofNullable(row.get(PAYMENTS.FAILURE_REASON)),
                Optional.ofNullable(row.get(PAYMENTS.PAID_AT)),
                row.get(PAYMENTS.CREATED_AT),
                row.get(PAYMENTS.UPDATED_AT));
    }
}
