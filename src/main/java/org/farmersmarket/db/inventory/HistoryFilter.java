package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.row;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.PrerenderedQuery;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Param;

/**
 * The conditions a history page may have, in the order they appear in its query. Each takes a fixed number of
 * arguments, so the set of conditions present is the whole shape of the query: one SQL text per set, whatever the
 * values (see {@link InventoryQueries#historyPage(HistoryQuery, PageRequest)}).
 */
enum HistoryFilter {
    PRODUCT(1, (query, page) -> single(query.productId()), first -> equal(INVENTORY_HISTORY.PRODUCT_ID, first)),
    LOT(
            1,
            (query, page) -> single(query.inventoryItemId()),
            first -> equal(INVENTORY_HISTORY.INVENTORY_ITEM_ID, first)),
    /** One array argument however many reasons, so that their number does not make another shape. */
    REASONS(
            1,
            (query, page) -> query.reasons().isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Object[] {query.reasons().toArray(InventoryChangeReason[]::new)}),
            first -> INVENTORY_HISTORY.REASON.eq(any(PrerenderedQuery.argument(
                    first, INVENTORY_HISTORY.REASON.getDataType().getArrayDataType())))),
    FROM(
            1,
            (query, page) -> single(query.from()),
            first -> INVENTORY_HISTORY.CREATED_AT.ge(argument(first, INVENTORY_HISTORY.CREATED_AT))),
    TO(
            1,
            (query, page) -> single(query.to()),
            first -> INVENTORY_HISTORY.CREATED_AT.lt(argument(first, INVENTORY_HISTORY.CREATED_AT))),
    ORDER(1, (query, page) -> single(query.orderId()), first -> equal(INVENTORY_HISTORY.ORDER_ID, first)),
    CHANGED_BY(1, (query, page) -> single(query.changedBy()), first -> equal(INVENTORY_HISTORY.CHANGED_BY, first)),
    /** The keyset condition of a later page: rows before the previous page's last (created_at, id), the sort key. */
    BEFORE_CURSOR(
            InventoryQueries.HISTORY_CURSOR_PARTS,
            (query, page) -> Keyset.decode(page, InventoryQueries.HISTORY_CURSOR_PARTS)
                    .map(cursor -> new Object[] {cursor.instant(0), cursor.uuid(1)}),
            first -> row(INVENTORY_HISTORY.CREATED_AT, INVENTORY_HISTORY.ID)
                    .lt(argument(first, INVENTORY_HISTORY.CREATED_AT), argument(first + 1, INVENTORY_HISTORY.ID)));

    private final int argumentCount;
    private final BiFunction<HistoryQuery, PageRequest, Optional<Object[]>> arguments;
    private final IntFunction<Condition> condition;

    HistoryFilter(
            int argumentCount,
            BiFunction<HistoryQuery, PageRequest, Optional<Object[]>> arguments,
            IntFunction<Condition> condition) {
        this.argumentCount = argumentCount;
        this.arguments = arguments;
        this.condition = condition;
    }

    /** How many arguments the condition takes. */
    int argumentCount() {
        return argumentCount;
    }

    /** The values of the condition's arguments for this request, in order; empty when the condition is absent. */
    Optional<Object[]> arguments(HistoryQuery query, PageRequest page) {
        return arguments.apply(query, page);
    }

    /** The condition, on the argument placeholders {@code first}, {@code first + 1}, ... */
    Condition condition(int first) {
        return condition.apply(first);
    }

    private static Optional<Object[]> single(Optional<?> value) {
        return value.map(present -> new Object[] {present});
    }

    private static <T> Condition equal(Field<T> column, int index) {
        return column.eq(argument(index, column));
    }

    private static <T> Param<T> argument(int index, Field<T> column) {
        return PrerenderedQuery.argument(index, column.getDataType());
    }
}
