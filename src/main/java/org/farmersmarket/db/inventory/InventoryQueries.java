package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.PrerenderedQuery;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.tables.records.InventoryHistoryRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record6;
import org.jooq.Record7;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The read-only reports of the inventory: history pages, reconciliation and low stock, as jOOQ queries. */
final class InventoryQueries {

    /** The parts of a history cursor: created_at and id of the page's last row. */
    static final int HISTORY_CURSOR_PARTS = 2;

    /** The rendered page query of each set of filters present; at most 2^8 sets, one per subset of the enum. */
    private static final Map<Set<HistoryFilter>, PrerenderedQuery> HISTORY_PAGES = new ConcurrentHashMap<>();

    private InventoryQueries() {}

    /**
     * One page of history, newest first, with one row more than the page (it only says whether a next page
     * exists). Every filter is an equality or range on an indexed column, so each is served by one of the
     * {@code inventory_history} indexes; the keyset condition is a row comparison on the sort key, never OFFSET.
     *
     * <p>The SQL depends only on which filters are present, so it is rendered once per set of filters, on its first
     * use; a call only collects the values of its filters, and the page's limit + 1 as the last argument.
     */
    static HistoryPage historyPage(HistoryQuery query, PageRequest page) {
        Set<HistoryFilter> filters = EnumSet.noneOf(HistoryFilter.class);
        List<Object> arguments = new ArrayList<>();
        for (HistoryFilter filter : HistoryFilter.values()) {
            filter.arguments(query, page).ifPresent(values -> {
                filters.add(filter);
                Collections.addAll(arguments, values);
            });
        }
        arguments.add(page.limit() + 1);
        PrerenderedQuery rendered =
                HISTORY_PAGES.computeIfAbsent(filters, key -> PrerenderedQuery.of(historyPageQuery(key)));
        return new HistoryPage(rendered, arguments.toArray());
    }

    /**
     * The page {@link #historyPage(HistoryQuery, PageRequest)} fetches, its SQL and arguments as a jOOQ query, for
     * what takes one, such as EXPLAIN.
     */
    static ResultQuery<Record> historyPage(DSLContext dsl, HistoryQuery query, PageRequest page) {
        HistoryPage sent = historyPage(query, page);
        return sent.query().asJooqQuery(dsl, sent.arguments());
    }

    /** The page query of a set of filters: their conditions on arguments 0, 1, ... in enum order, the limit last. */
    private static ResultQuery<InventoryHistoryRecord> historyPageQuery(Set<HistoryFilter> filters) {
        List<Condition> conditions = new ArrayList<>();
        int nextArgument = 0;
        for (HistoryFilter filter : HistoryFilter.values()) {
            if (filters.contains(filter)) {
                conditions.add(filter.condition(nextArgument));
                nextArgument += filter.argumentCount();
            }
        }
        return DSL.selectFrom(INVENTORY_HISTORY)
                .where(conditions)
                .orderBy(INVENTORY_HISTORY.CREATED_AT.desc(), INVENTORY_HISTORY.ID.desc())
                .limit(PrerenderedQuery.argument(nextArgument, SQLDataType.INTEGER));
    }

    /** The cursor that continues after a history row. */
    static String historyCursor(StockChange change) {
        return Keyset.encode(change.createdAt(), change.id());
    }

    /**
     * Every lot whose quantities differ from the sums of its history, in id order. The history is summed once per
     * lot in a derived table and left-joined, so a lot without history compares against 0.
     */
    static ResultQuery<Record7<UUID, UUID, String, Integer, Long, Integer, Long>> reconciliation(DSLContext dsl) {
        Field<Long> quantitySum =
                sum(INVENTORY_HISTORY.QUANTITY_CHANGE).cast(SQLDataType.BIGINT).as("history_quantity");
        Field<Long> reservedSum =
                sum(INVENTORY_HISTORY.RESERVED_CHANGE).cast(SQLDataType.BIGINT).as("history_reserved");
        Table<?> totals = select(INVENTORY_HISTORY.INVENTORY_ITEM_ID, quantitySum, reservedSum)
                .from(INVENTORY_HISTORY)
                .groupBy(INVENTORY_HISTORY.INVENTORY_ITEM_ID)
                .asTable("history_totals");
        Field<Long> historyQuantity = coalesce(totals.field(quantitySum), 0L);
        Field<Long> historyReserved = coalesce(totals.field(reservedSum), 0L);
        return dsl.select(
                        INVENTORY_ITEMS.ID,
                        INVENTORY_ITEMS.PRODUCT_ID,
                        INVENTORY_ITEMS.LOT_CODE,
                        INVENTORY_ITEMS.QUANTITY_ON_HAND,
                        historyQuantity,
                        INVENTORY_ITEMS.QUANTITY_RESERVED,
                        historyReserved)
                .from(INVENTORY_ITEMS)
                .leftJoin(totals)
                .on(totals.field(INVENTORY_HISTORY.INVENTORY_ITEM_ID).eq(INVENTORY_ITEMS.ID))
                .where(INVENTORY_ITEMS
                        .QUANTITY_ON_HAND
                        .coerce(SQLDataType.BIGINT)
                        .ne(historyQuantity)
                        .or(INVENTORY_ITEMS
                                .QUANTITY_RESERVED
                                .coerce(SQLDataType.BIGINT)
                                .ne(historyReserved)))
                .orderBy(INVENTORY_ITEMS.ID);
    }

    /**
     * The low lots of a vendor's products that are not archived, shortest first. The vendor is the driving table
     * and the lots are left-joined, so a known vendor with no low lot gives one row of nulls and an unknown vendor
     * gives no row: one round trip tells both apart.
     */
    static ResultQuery<Record6<UUID, UUID, String, String, Integer, Integer>> lowStock(DSLContext dsl, UUID vendorId) {
        Field<Integer> available = INVENTORY_ITEMS.QUANTITY_ON_HAND.minus(INVENTORY_ITEMS.QUANTITY_RESERVED);
        return dsl.select(
                        INVENTORY_ITEMS.ID,
                        PRODUCTS.ID,
                        PRODUCTS.NAME,
                        INVENTORY_ITEMS.LOT_CODE,
                        available,
                        INVENTORY_ITEMS.LOW_STOCK_THRESHOLD)
                .from(VENDOR_PROFILES)
                .leftJoin(PRODUCTS.join(INVENTORY_ITEMS)
                        .on(INVENTORY_ITEMS.PRODUCT_ID.eq(PRODUCTS.ID))
                        .and(available.le(INVENTORY_ITEMS.LOW_STOCK_THRESHOLD)))
                .on(PRODUCTS.VENDOR_ID.eq(VENDOR_PROFILES.ID))
                // Archived products are no longer sold: nobody restocks them.
                .and(PRODUCTS.STATUS.ne(ProductStatus.archived))
                .where(VENDOR_PROFILES.ID.eq(vendorId))
                .orderBy(
                        INVENTORY_ITEMS.LOW_STOCK_THRESHOLD.minus(available).desc(),
                        PRODUCTS.NAME,
                        INVENTORY_ITEMS.LOT_CODE,
                        INVENTORY_ITEMS.ID);
    }

    /** One history page to fetch: the rendered query of its filters and its arguments, the limit + 1 last. */
    record HistoryPage(PrerenderedQuery query, Object[] arguments) {

        /** The page's rows, and one more when a next page exists. One round trip. */
        List<StockChange> fetch(DSLContext dsl) {
            return query.fetch(dsl, StockLedger::toStockChange, arguments);
        }
    }
}
