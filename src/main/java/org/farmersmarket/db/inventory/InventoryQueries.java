package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.internal.stock.StockRows;
import org.farmersmarket.db.jooq.enums.ProductStatus;
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

    /** The listing history cursors belong to. */
    private static final String HISTORY_LISTING = "history";

    /** The parts of a history cursor: created_at and id of the page's last row. */
    static final int HISTORY_CURSOR_PARTS = 2;

    /** The page statement of each set of filters present; at most 2^8 sets, one per subset of the enum. */
    private static final Map<Set<HistoryFilter>, Statement<HistoryPageInput, StockChange>> HISTORY_PAGES =
            new ConcurrentHashMap<>();

    private InventoryQueries() {}

    /** What a history page's statement takes: the filters, the previous page's last row, the limit + 1. */
    record HistoryPageInput(HistoryQuery query, Optional<After> after, int limit) {

        After position() {
            return after.orElseThrow();
        }
    }

    /** The sort key of the previous page's last row. */
    record After(Instant createdAt, UUID id) {}

    /**
     * One page of history, newest first, with one row more than the page (it only says whether a next page
     * exists). Every filter is an equality or range on an indexed column, so each is served by one of the
     * {@code inventory_history} indexes; the keyset condition is a row comparison on the sort key, never OFFSET.
     *
     * <p>The SQL depends only on which filters are present, so it is rendered once per set of filters, on its first
     * use; a call only hands over its values.
     */
    static HistoryPage historyPage(HistoryQuery query, PageRequest page) {
        Optional<After> after = Keyset.decode(page, HISTORY_LISTING, HISTORY_CURSOR_PARTS)
                .map(cursor -> new After(cursor.instant(0), cursor.uuid(1)));
        HistoryPageInput input = new HistoryPageInput(query, after, page.limit() + 1);
        Set<HistoryFilter> filters = EnumSet.noneOf(HistoryFilter.class);
        for (HistoryFilter filter : HistoryFilter.values()) {
            if (filter.isPresent(input)) {
                filters.add(filter);
            }
        }
        return new HistoryPage(HISTORY_PAGES.computeIfAbsent(filters, InventoryQueries::historyStatement), input);
    }

    /**
     * The page {@link #historyPage(HistoryQuery, PageRequest)} fetches, as the jOOQ query it runs, for what takes one,
     * such as EXPLAIN.
     */
    static ResultQuery<Record> historyPage(DSLContext dsl, HistoryQuery query, PageRequest page) {
        HistoryPage sent = historyPage(query, page);
        return sent.statement().query(dsl, sent.input());
    }

    /** The page statement of a set of filters: their conditions in enum order, the limit last. */
    private static Statement<HistoryPageInput, StockChange> historyStatement(Set<HistoryFilter> filters) {
        return Statement.of(
                Reading.DRIVER,
                (Inputs<HistoryPageInput> page) -> {
                    List<Condition> conditions = new ArrayList<>();
                    for (HistoryFilter filter : HistoryFilter.values()) {
                        if (filters.contains(filter)) {
                            conditions.add(filter.condition(page));
                        }
                    }
                    return DSL.select(StockRows.STOCK_CHANGE_COLUMNS)
                            .from(INVENTORY_HISTORY)
                            .where(conditions)
                            .orderBy(INVENTORY_HISTORY.CREATED_AT.desc(), INVENTORY_HISTORY.ID.desc())
                            .limit(page.value(HistoryPageInput::limit, SQLDataType.INTEGER));
                },
                StockRows::stockChange);
    }

    /** The cursor that continues after a history row. */
    static String historyCursor(StockChange change) {
        return Keyset.encode(HISTORY_LISTING, change.createdAt(), change.id());
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

    /** One history page to fetch: the statement of its filters and its input. */
    record HistoryPage(Statement<HistoryPageInput, StockChange> statement, HistoryPageInput input) {

        /** The page's rows, and one more when a next page exists. One round trip. */
        List<StockChange> fetch(DSLContext dsl) {
            return statement.fetch(dsl, input);
        }
    }
}
