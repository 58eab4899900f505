package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
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
import org.farmersmarket.db.jooq.Public;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record6;
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

    /**
     * The page statement of a set of filters: their conditions in enum order, the limit last. Reasons with no
     * narrower filter are read {@linkplain #perReasonMerge reason by reason}.
     */
    private static Statement<HistoryPageInput, StockChange> historyStatement(Set<HistoryFilter> filters) {
        boolean perReason = filters.contains(HistoryFilter.REASONS)
                && Collections.disjoint(filters, HistoryFilter.NARROWER_THAN_REASONS);
        return Statement.of(
                Reading.DRIVER,
                (Inputs<HistoryPageInput> page) -> {
                    List<Condition> conditions = new ArrayList<>();
                    for (HistoryFilter filter : HistoryFilter.values()) {
                        if (filters.contains(filter) && !(perReason && filter == HistoryFilter.REASONS)) {
                            conditions.add(filter.condition(page));
                        }
                    }
                    Field<Integer> limit = page.value(HistoryPageInput::limit, SQLDataType.INTEGER);
                    return perReason
                            ? perReasonMerge(page, conditions, limit)
                            : DSL.select(StockRows.STOCK_CHANGE_COLUMNS)
                                    .from(INVENTORY_HISTORY)
                                    .where(conditions)
                                    .orderBy(INVENTORY_HISTORY.CREATED_AT.desc(), INVENTORY_HISTORY.ID.desc())
                                    .limit(limit);
                },
                StockRows::stockChange);
    }

    /**
     * A page of the changes with any of some reasons: for each reason, its newest {@code limit} matching rows, read
     * along {@code inventory_history_reason_created_at_id_idx} (V22); then the newest {@code limit} of those. It reads
     * at most {@code limit} rows per reason however long the history. With the reasons as one {@code = ANY(array)}
     * filter, PostgreSQL before 17 cannot read that index in the page's order: it walks the whole history by date
     * and filters, or sorts every change with those reasons.
     */
    private static ResultQuery<Record> perReasonMerge(
            Inputs<HistoryPageInput> page, List<Condition> conditions, Field<Integer> limit) {
        Table<?> wanted = DSL.unnest(HistoryFilter.reasons(page)).as("wanted", "reason");
        Field<InventoryChangeReason> wantedReason =
                DSL.field(DSL.name("wanted", "reason"), INVENTORY_HISTORY.REASON.getDataType());
        Table<Record> newest = DSL.lateral(DSL.select(StockRows.STOCK_CHANGE_COLUMNS)
                        .from(INVENTORY_HISTORY)
                        // A range of one reason, not an equality, and the reason leading the order: with an
                        // equality the planner drops the reason from the order (it is the same on every row) and
                        // prefers walking the history by date, filtering by reason, because the date index follows
                        // the table's physical order; for a rare reason that walk reads the history whole. Ordered
                        // by the reason first, only this index gives the order.
                        .where(INVENTORY_HISTORY.REASON.between(wantedReason, wantedReason))
                        .and(DSL.and(conditions))
                        .orderBy(
                                INVENTORY_HISTORY.REASON,
                                INVENTORY_HISTORY.CREATED_AT.desc(),
                                INVENTORY_HISTORY.ID.desc())
                        .limit(limit))
                .asTable("newest");
        return DSL.select(newest.fields())
                .from(wanted)
                .crossJoin(newest)
                .orderBy(
                        newest.field(INVENTORY_HISTORY.CREATED_AT).desc(),
                        newest.field(INVENTORY_HISTORY.ID).desc())
                .limit(limit)
                .coerce(StockRows.STOCK_CHANGE_COLUMNS);
    }

    /** The cursor that continues after a history row. */
    static String historyCursor(StockChange change) {
        return Keyset.encode(HISTORY_LISTING, change.createdAt(), change.id());
    }

    /**
     * Every lot whose quantities differ from the sums of its history, or whose history departs from its hash chain,
     * in id order, with the first departure. Lot by lot, along the lots' primary key: for each lot its own history
     * in chain order (read along the lot's history index and sorted in memory, one lot at a time), where a window
     * gives each row its position and the previous row's hash, from which {@code inventory_history_link} (V10, the
     * one definition of a link) recomputes what its hash must be; then the lot's sums, its newest link and the first
     * row that does not fit. A lot without history compares against 0. Memory holds one lot's history at a time and
     * nothing spills to temporary files, however long the history: the time grows with the history, linearly.
     */
    static ResultQuery<Record> reconciliation(DSLContext dsl) {
        return dsl.resultQuery("""
                SELECT i.id, i.product_id, i.lot_code, i.quantity_on_hand, coalesce(t.quantity, 0) AS history_quantity,
                    i.quantity_reserved, coalesce(t.reserved, 0) AS history_reserved,
                    coalesce(t.break_kind, CASE WHEN i.history_seq <> t.chained
                        OR i.history_hash IS DISTINCT FROM t.newest_hash THEN 'HEAD_MISMATCH' END) AS break_kind,
                    t.break_row, coalesce(t.break_position, t.chained) AS break_position,
                    coalesce(t.break_sequence, CASE WHEN t.break_row IS NULL THEN i.history_seq END, 0)
                        AS break_sequence
                FROM {2} i
                CROSS JOIN LATERAL (
                    SELECT sum(c.quantity_change) AS quantity, sum(c.reserved_change) AS reserved,
                        count(c.chain_hash) AS chained,
                        (array_agg(c.chain_hash ORDER BY c.position DESC) FILTER (WHERE c.chain_hash IS NOT NULL))[1]
                            AS newest_hash,
                        (array_agg(c.kind ORDER BY c.position) FILTER (WHERE c.kind IS NOT NULL))[1] AS break_kind,
                        (array_agg(c.id ORDER BY c.position) FILTER (WHERE c.kind IS NOT NULL))[1] AS break_row,
                        min(c.position) FILTER (WHERE c.kind IS NOT NULL) AS break_position,
                        (array_agg(c.chain_seq ORDER BY c.position) FILTER (WHERE c.kind IS NOT NULL))[1]
                            AS break_sequence
                    FROM (
                        SELECT l.*,
                            CASE WHEN l.chain_hash IS NULL THEN 'UNSEALED'
                                 WHEN l.chain_seq <> l.position THEN 'OUT_OF_SEQUENCE'
                                 WHEN l.chain_hash <> l.expected_hash THEN 'REWRITTEN' END AS kind
                        FROM (
                            SELECT h.id, h.quantity_change, h.reserved_change, h.chain_seq, h.chain_hash,
                                row_number() OVER w AS position,
                                {0}.inventory_history_link(lag(h.chain_hash) OVER w, h.inventory_item_id,
                                    h.product_id, h.chain_seq, h.quantity_change, h.reserved_change, h.quantity_after,
                                    h.reserved_after, h.reason, h.note, h.order_id, h.changed_by, h.created_at)
                                    AS expected_hash
                            FROM {1} h
                            WHERE h.inventory_item_id = i.id
                            WINDOW w AS (ORDER BY h.chain_seq NULLS LAST, h.created_at, h.id)
                        ) l
                    ) c
                ) t
                WHERE i.quantity_on_hand <> coalesce(t.quantity, 0) OR i.quantity_reserved <> coalesce(t.reserved, 0)
                    OR t.break_kind IS NOT NULL OR i.history_seq <> t.chained
                    OR i.history_hash IS DISTINCT FROM t.newest_hash
                ORDER BY i.id
                """, Public.PUBLIC, INVENTORY_HISTORY, INVENTORY_ITEMS);
    }

    /** A row of {@link #reconciliation} as the mismatch it reports. */
    static ReconciliationMismatch mismatch(Record row) {
        String kind = row.get("break_kind", String.class);
        Optional<LedgerBreak> ledgerBreak = Optional.ofNullable(kind)
                .map(name -> new LedgerBreak(
                        LedgerBreak.Kind.valueOf(name),
                        Optional.ofNullable(row.get("break_row", UUID.class)),
                        row.get("break_position", Long.class),
                        row.get("break_sequence", Long.class)));
        return new ReconciliationMismatch(
                row.get(0, UUID.class),
                row.get(1, UUID.class),
                row.get(2, String.class),
                row.get(3, Integer.class),
                row.get("history_quantity", Long.class),
                row.get(5, Integer.class),
                row.get("history_reserved", Long.class),
                ledgerBreak);
    }

    /** Every lot's chain head, lots without chained history left out. */
    static List<ChainHead> chainHeads(DSLContext dsl) {
        return dsl.select(INVENTORY_ITEMS.ID, INVENTORY_ITEMS.HISTORY_SEQ, INVENTORY_ITEMS.HISTORY_HASH)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.HISTORY_SEQ.gt(0L))
                .orderBy(INVENTORY_ITEMS.ID)
                .fetch(row ->
                        new ChainHead(row.value1(), row.value2(), HexFormat.of().formatHex(row.value3())));
    }

    /**
     * The lots among {@code heads} whose history row at the head's place is gone or has another hash, as mismatches
     * with a {@link LedgerBreak.Kind#DIVERGED} break and their quantities against their history's sums.
     */
    static List<ReconciliationMismatch> divergedFrom(DSLContext dsl, List<ChainHead> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        var saved = DSL.table(
                        "unnest({0}, {1}, {2})",
                        DSL.val(
                                heads.stream().map(ChainHead::inventoryItemId).toArray(UUID[]::new),
                                SQLDataType.UUID.array()),
                        DSL.val(
                                heads.stream().map(ChainHead::historySeq).toArray(Long[]::new),
                                SQLDataType.BIGINT.array()),
                        DSL.val(
                                heads.stream().map(ChainHead::hashBytes).toArray(byte[][]::new),
                                SQLDataType.BLOB.array()))
                .as("saved", "lot_id", "seq", "hash");
        Field<UUID> savedLot = DSL.field(DSL.name("saved", "lot_id"), SQLDataType.UUID);
        Field<Long> savedSeq = DSL.field(DSL.name("saved", "seq"), SQLDataType.BIGINT);
        Field<byte[]> savedHash = DSL.field(DSL.name("saved", "hash"), SQLDataType.BLOB);
        var h = INVENTORY_HISTORY.as("h");
        Map<UUID, LedgerBreak> diverged = dsl.select(savedLot, savedSeq, h.ID)
                .from(saved)
                .join(INVENTORY_ITEMS)
                .on(INVENTORY_ITEMS.ID.eq(savedLot))
                .leftJoin(h)
                .on(h.INVENTORY_ITEM_ID.eq(savedLot))
                .and(h.CHAIN_SEQ.eq(savedSeq))
                .where(h.ID.isNull().or(h.CHAIN_HASH.isDistinctFrom(savedHash)))
                .fetchMap(
                        row -> row.value1(),
                        row -> new LedgerBreak(
                                LedgerBreak.Kind.DIVERGED,
                                Optional.ofNullable(row.value3()),
                                row.value2(),
                                row.value2()));
        if (diverged.isEmpty()) {
            return List.of();
        }
        return dsl.select(
                        INVENTORY_ITEMS.ID,
                        INVENTORY_ITEMS.PRODUCT_ID,
                        INVENTORY_ITEMS.LOT_CODE,
                        INVENTORY_ITEMS.QUANTITY_ON_HAND,
                        DSL.coalesce(DSL.sum(INVENTORY_HISTORY.QUANTITY_CHANGE), BigDecimal.ZERO),
                        INVENTORY_ITEMS.QUANTITY_RESERVED,
                        DSL.coalesce(DSL.sum(INVENTORY_HISTORY.RESERVED_CHANGE), BigDecimal.ZERO))
                .from(INVENTORY_ITEMS)
                .leftJoin(INVENTORY_HISTORY)
                .on(INVENTORY_HISTORY.INVENTORY_ITEM_ID.eq(INVENTORY_ITEMS.ID))
                .where(INVENTORY_ITEMS.ID.in(diverged.keySet()))
                .groupBy(INVENTORY_ITEMS.ID)
                .fetch(row -> new ReconciliationMismatch(
                        row.value1(),
                        row.value2(),
                        row.value3(),
                        row.value4(),
                        row.value5().longValueExact(),
                        row.value6(),
                        row.value7().longValueExact(),
                        Optional.of(diverged.get(row.value1()))));
    }

    /** A lot without an expiry date sorts as expiring on this day: last, and still a value a cursor can hold. */
    private static final LocalDate NO_EXPIRY = LocalDate.of(9999, 12, 31);

    private static final Field<LocalDate> EXPIRY = coalesce(INVENTORY_ITEMS.EXPIRES_ON, inline(NO_EXPIRY));

    /** A page of a product's lots, soonest expiry first, then by id. */
    static ResultQuery<Record> itemsPage(DSLContext dsl, UUID productId, PageRequest page) {
        var ordered = dsl.select(StockRows.LOT_COLUMNS)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .orderBy(EXPIRY, INVENTORY_ITEMS.ID);
        int limit = page.limit() + 1;
        return Keyset.decode(page, itemsListing(productId), 2)
                .<ResultQuery<Record>>map(
                        cursor -> ordered.seek(cursor.date(0), cursor.uuid(1)).limit(limit))
                .orElseGet(() -> ordered.limit(limit));
    }

    /** The cursor that continues after a lot. */
    static String itemsCursor(UUID productId, InventoryItem item) {
        return Keyset.encode(itemsListing(productId), item.expiresOn().orElse(NO_EXPIRY), item.id());
    }

    private static String itemsListing(UUID productId) {
        return "items/" + productId;
    }

    /**
     * A page of the vendor's lots at or below their low-stock threshold, of products that are not archived: the
     * biggest shortage first, then by product name, lot code and id.
     */
    static ResultQuery<Record6<UUID, UUID, String, String, Integer, Integer>> lowStockPage(
            DSLContext dsl, UUID vendorId, PageRequest page) {
        Field<Integer> availableNow = INVENTORY_ITEMS.QUANTITY_ON_HAND.minus(INVENTORY_ITEMS.QUANTITY_RESERVED);
        // LATERAL: each of the vendor's products looks up its own lots along the product's index, so a page reads the
        // vendor's lots, not every lot of the shop (which a hash join would scan whenever the vendor is a large
        // share of a small shop). OFFSET 0 keeps the planner from pulling the subquery up into that join.
        Table<?> lowLots = DSL.lateral(DSL.select(
                                INVENTORY_ITEMS.ID,
                                INVENTORY_ITEMS.LOT_CODE,
                                availableNow.as("available"),
                                INVENTORY_ITEMS.LOW_STOCK_THRESHOLD)
                        .from(INVENTORY_ITEMS)
                        .where(INVENTORY_ITEMS.PRODUCT_ID.eq(PRODUCTS.ID))
                        .and(availableNow.le(INVENTORY_ITEMS.LOW_STOCK_THRESHOLD))
                        .offset(DSL.inline(0)))
                .as("low_lots");
        Field<UUID> lotId = lowLots.field(INVENTORY_ITEMS.ID);
        Field<String> lotCode = lowLots.field(INVENTORY_ITEMS.LOT_CODE);
        Field<Integer> available = lowLots.field("available", Integer.class);
        Field<Integer> threshold = lowLots.field(INVENTORY_ITEMS.LOW_STOCK_THRESHOLD);
        var ordered = dsl.select(lotId, PRODUCTS.ID, PRODUCTS.NAME, lotCode, available, threshold)
                .from(PRODUCTS)
                .crossJoin(lowLots)
                .where(PRODUCTS.VENDOR_ID.eq(vendorId))
                // Archived products are no longer sold: nobody restocks them.
                .and(PRODUCTS.STATUS.ne(ProductStatus.ARCHIVED))
                .orderBy(threshold.minus(available).desc(), PRODUCTS.NAME, lotCode, lotId);
        int limit = page.limit() + 1;
        return Keyset.decode(page, lowStockListing(vendorId), 4)
                .<ResultQuery<Record6<UUID, UUID, String, String, Integer, Integer>>>map(
                        cursor -> ordered.seek(cursor.integer(0), cursor.text(1), cursor.text(2), cursor.uuid(3))
                                .limit(limit))
                .orElseGet(() -> ordered.limit(limit));
    }

    /** The cursor that continues after a low lot. */
    static String lowStockCursor(UUID vendorId, LowStockItem item) {
        return Keyset.encode(
                lowStockListing(vendorId),
                item.shortfall(),
                item.productName(),
                item.lotCode(),
                item.inventoryItemId());
    }

    private static String lowStockListing(UUID vendorId) {
        return "low-stock/" + vendorId;
    }

    /** One history page to fetch: the statement of its filters and its input. */
    record HistoryPage(Statement<HistoryPageInput, StockChange> statement, HistoryPageInput input) {

        /** The page's rows, and one more when a next page exists. One round trip. */
        List<StockChange> fetch(DSLContext dsl) {
            return statement.fetch(dsl, input);
        }
    }
}
