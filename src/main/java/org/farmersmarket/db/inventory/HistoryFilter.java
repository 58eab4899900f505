package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.row;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * The conditions a history page may have, in the order they appear in its query. The set of conditions present is
 * the whole shape of the query: one SQL text per set, whatever the values (see {@link InventoryQueries}).
 */
enum HistoryFilter {
    PRODUCT(
            page -> page.query().productId().isPresent(),
            page -> equal(page, INVENTORY_HISTORY.PRODUCT_ID, query -> query.productId())),
    LOT(
            page -> page.query().inventoryItemId().isPresent(),
            page -> equal(page, INVENTORY_HISTORY.INVENTORY_ITEM_ID, query -> query.inventoryItemId())),
    /** One array argument however many reasons, so that their number does not make another shape. */
    REASONS(page -> !page.query().reasons().isEmpty(), page -> INVENTORY_HISTORY.REASON.eq(any(reasons(page)))),
    FROM(
            page -> page.query().from().isPresent(),
            page -> INVENTORY_HISTORY.CREATED_AT.ge(
                    page.value(input -> input.query().from().orElseThrow(), INVENTORY_HISTORY.CREATED_AT))),
    TO(
            page -> page.query().to().isPresent(),
            page -> INVENTORY_HISTORY.CREATED_AT.lt(
                    page.value(input -> input.query().to().orElseThrow(), INVENTORY_HISTORY.CREATED_AT))),
    ORDER(
            page -> page.query().orderId().isPresent(),
            page -> equal(page, INVENTORY_HISTORY.ORDER_ID, query -> query.orderId())),
    CHANGED_BY(
            page -> page.query().changedBy().isPresent(),
            page -> equal(page, INVENTORY_HISTORY.CHANGED_BY, query -> query.changedBy())),
    /** The keyset condition of a later page: rows before the previous page's last (created_at, id), the sort key. */
    BEFORE_CURSOR(
            page -> page.after().isPresent(),
            page -> row(INVENTORY_HISTORY.CREATED_AT, INVENTORY_HISTORY.ID)
                    .lt(
                            page.value(input -> input.position().createdAt(), INVENTORY_HISTORY.CREATED_AT),
                            page.value(input -> input.position().id(), INVENTORY_HISTORY.ID)));

    private final Predicate<InventoryQueries.HistoryPageInput> present;
    private final Function<Inputs<InventoryQueries.HistoryPageInput>, Condition> condition;

    HistoryFilter(
            Predicate<InventoryQueries.HistoryPageInput> present,
            Function<Inputs<InventoryQueries.HistoryPageInput>, Condition> condition) {
        this.present = present;
        this.condition = condition;
    }

    /** Whether this condition is part of the page's query. */
    boolean isPresent(InventoryQueries.HistoryPageInput page) {
        return present.test(page);
    }

    /** The condition, on argument handles that take their values from each call's page input. */
    Condition condition(Inputs<InventoryQueries.HistoryPageInput> page) {
        return condition.apply(page);
    }

    /**
     * Filters that narrow the history to one product, lot, order or user, each along its own index: with none of
     * them, a reasons filter is read reason by reason ({@link InventoryQueries}).
     */
    static final Set<HistoryFilter> NARROWER_THAN_REASONS = EnumSet.of(PRODUCT, LOT, ORDER, CHANGED_BY);

    /** The page's reasons, as one array argument. */
    static Field<InventoryChangeReason[]> reasons(Inputs<InventoryQueries.HistoryPageInput> page) {
        return page.value(
                input -> input.query().reasons().toArray(InventoryChangeReason[]::new),
                INVENTORY_HISTORY.REASON.getDataType().getArrayDataType());
    }

    private static <T> Condition equal(
            Inputs<InventoryQueries.HistoryPageInput> page,
            Field<T> column,
            Function<HistoryQuery, Optional<T>> value) {
        return column.eq(page.value(input -> value.apply(input.query()).orElseThrow(), column));
    }
}
