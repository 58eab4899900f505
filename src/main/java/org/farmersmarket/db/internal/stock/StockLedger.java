package org.farmersmarket.db.internal.stock;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The one place stock changes: locks lots, changes their quantities and appends their history rows, inside the
 * caller's transaction, with arguments its callers have already checked. The inventory and order repositories both
 * call it directly, so a public call checks its arguments, translates errors and opens its transaction once.
 *
 * <p>Each lock statement locks its lots in id order, and every public stock call locks once per transaction (an
 * order reserves all its products with one {@link #reserve} call), so they never deadlock one another. A caller that
 * makes several stock changes in one transaction of its own can still meet another in opposite order; PostgreSQL then
 * aborts one of them (SQLState 40P01) and the caller may retry it.
 *
 * <p>Every write, of one lot or ten thousand, goes through {@link #apply(List, Collection, Cause)}: one statement that updates the
 * lots and appends their history rows.
 */
public final class StockLedger {

    /** The derived table of the changes, {@code unnest(...) AS delta (...)}, and its columns. */
    private static final String DELTA = "delta";

    private static final Field<UUID> DELTA_ITEM_ID = field(name(DELTA, "inventory_item_id"), SQLDataType.UUID);
    private static final Field<Integer> DELTA_QUANTITY = field(name(DELTA, "quantity_change"), SQLDataType.INTEGER);
    private static final Field<Integer> DELTA_RESERVED = field(name(DELTA, "reserved_change"), SQLDataType.INTEGER);

    /** The ids to lock, as the derived table {@code unnest(?) AS wanted (id)}. */
    private static final String WANTED = "wanted";

    private static final Field<UUID> WANTED_ID = field(name(WANTED, "id"), SQLDataType.UUID);

    private static final Statement<UUID, Lot> LOCK_LOT = Statement.of(
            Reading.DRIVER,
            (Inputs<UUID> id) -> DSL.select(StockRows.LOCKED_LOT_COLUMNS)
                    .from(INVENTORY_ITEMS)
                    .where(INVENTORY_ITEMS.ID.eq(id.value(it -> it, INVENTORY_ITEMS.ID)))
                    .forUpdate(),
            StockRows::lot);

    /**
     * The lots among some ids, locked in id order. The ids are joined as a table ({@code unnest}) rather than tested
     * with {@code id = ANY(array)}: with four clients restocking the same 10,000 lots, the {@code = ANY} form took a
     * median 23.8 s per restock and this join 3.0 s, as fast as pgbench locking every lot without ids (bench/,
     * workload 7). The likely reason: a lot locked by another transaction is re-checked against the WHERE clause once
     * that transaction ends, and {@code = ANY} over an array scans all the ids for each such lot, while the join
     * re-checks one pair.
     */
    private static final Statement<UUID[], Lot> LOCK_LOTS = Statement.of(
            Reading.DRIVER,
            (Inputs<UUID[]> ids) -> {
                Table<?> wanted = DSL.unnest(ids.value(it -> it, SQLDataType.UUID.array()))
                        .as(WANTED, WANTED_ID.getName());
                return DSL.select(StockRows.LOCKED_LOT_COLUMNS)
                        .from(INVENTORY_ITEMS)
                        .join(wanted)
                        .on(INVENTORY_ITEMS.ID.eq(WANTED_ID))
                        .orderBy(INVENTORY_ITEMS.ID)
                        .forUpdate()
                        .of(INVENTORY_ITEMS);
            },
            StockRows::lot);

    /** Every lot of some products, locked in lot id order; the order path runs it on every order. */
    private static final Statement<UUID[], Lot> LOCK_LOTS_OF_PRODUCTS = Statement.of(
            Reading.DRIVER,
            (Inputs<UUID[]> productIds) -> DSL.select(StockRows.LOCKED_LOT_COLUMNS)
                    .from(INVENTORY_ITEMS)
                    .where(INVENTORY_ITEMS.PRODUCT_ID.eq(any(productIds.value(
                            it -> it, INVENTORY_ITEMS.PRODUCT_ID.getDataType().array()))))
                    .orderBy(INVENTORY_ITEMS.ID)
                    .forUpdate(),
            StockRows::lot);

    private static final Field<Long> DELTA_CHAIN_SEQ = field(name(DELTA, "chain_seq"), SQLDataType.BIGINT);
    private static final Field<String> DELTA_NOTE = field(name(DELTA, "note"), SQLDataType.CLOB);
    private static final Field<Long> DELTA_POSITION = field(name(DELTA, "position"), SQLDataType.BIGINT);

    /**
     * The changes of one {@link #apply} call, as the arrays its statement unnests side by side: per lot the changes,
     * the new row's place in the lot's chain and its note; the rows' hashes, {@link ChainLink#LENGTH} bytes each, end to end
     * in one bytea (an array of 10,000 bytea values is 1.6 MB of escaped text to build and parse; this is 320 kB
     * sent as it is).
     */
    private record Changes(
            UUID[] lots,
            Integer[] quantityChanges,
            Integer[] reservedChanges,
            Long[] chainSeqs,
            String[] notes,
            byte[] chainHashes,
            Cause cause) {

        Changes(int count, Cause cause) {
            this(
                    new UUID[count],
                    new Integer[count],
                    new Integer[count],
                    new Long[count],
                    new String[count],
                    new byte[count * ChainLink.LENGTH],
                    cause);
        }
    }

    private static final Statement<Changes, StockChange> APPLY =
            Statement.of(Reading.DRIVER, StockLedger::applyQuery, StockRows::stockChange);

    private final DSLContext tx;

    /** A ledger on a transaction's context: every method assumes it runs inside that transaction. */
    public StockLedger(DSLContext tx) {
        this.tx = tx;
    }

    /**
     * Locks one lot.
     *
     * @throws NotFoundException when the lot does not exist
     */
    Lot lockLot(UUID itemId) {
        return LOCK_LOT.fetchOptional(tx, itemId)
                .orElseThrow(() -> new NotFoundException(Entity.INVENTORY_ITEM, itemId));
    }

    /** Locks the lots that exist among {@code itemIds}, in id order; one array bind value however many ids. */
    public List<Lot> lockLots(Collection<UUID> itemIds) {
        return LOCK_LOTS.fetch(tx, itemIds.toArray(UUID[]::new));
    }

    /**
     * Locks every lot of the products, in lot id order, the order every stock change locks in: a unit of work that
     * will reserve for several orders takes all its lot locks up front this way, so it cannot hold one order's lots
     * while waiting for another's.
     */
    public void lockLotsOfProducts(Collection<UUID> productIds) {
        LOCK_LOTS_OF_PRODUCTS.fetch(tx, productIds.toArray(UUID[]::new));
    }

    /**
     * Changes one lot's stock on hand by {@code quantityChange}, which must not take more than its unreserved units.
     *
     * @throws NotFoundException when the lot does not exist
     * @throws InsufficientStockException when removing more than the lot's unreserved units
     */
    public StockChange changeOnHand(UUID itemId, int quantityChange, Cause cause) {
        Lot lot = lockLot(itemId);
        // In long: unreserved + a huge restock must not wrap around to a negative "shortage".
        if ((long) lot.available() + quantityChange < 0) {
            throw new InsufficientStockException(lot.productId(), -quantityChange, lot.available());
        }
        return apply(List.of(new Delta(itemId, quantityChange, 0)), List.of(lot), cause)
                .getFirst();
    }

    /**
     * Reserves units of several products for one order, all or nothing, as {@link LotAllocation} draws them: every
     * lot of every product is locked by one statement, in lot id order. Two round trips.
     *
     * @param quantitiesByProduct units per product, each more than 0, in product id order
     * @return one history row per lot drawn from
     * @throws InsufficientStockException for the first product (in id order) whose lots have fewer available units
     * @throws NotFoundException when a product does not exist (asked only of a product without lots), or the order
     */
    public List<StockChange> reserve(SortedMap<UUID, Integer> quantitiesByProduct, UUID orderId, UUID changedBy) {
        List<Lot> locked =
                LOCK_LOTS_OF_PRODUCTS.fetch(tx, quantitiesByProduct.keySet().toArray(UUID[]::new));
        Map<UUID, List<Lot>> lotsByProduct = locked.stream().collect(Collectors.groupingBy(Lot::productId));
        List<Delta> deltas = new ArrayList<>();
        quantitiesByProduct.forEach((productId, quantity) -> {
            List<Lot> lots = lotsByProduct.getOrDefault(productId, List.of());
            if (lots.isEmpty()) {
                requireProductExists(productId);
            }
            deltas.addAll(LotAllocation.reserve(productId, quantity, lots));
        });
        return apply(deltas, locked, new Cause(InventoryChangeReason.RESERVATION, null, orderId, changedBy));
    }

    /**
     * Settles everything still reserved for an order: {@code release} gives the units back, {@code sale} takes them
     * out of stock on hand. Four round trips (what is reserved, lock, what is reserved under the lock, the write);
     * two when nothing is reserved.
     *
     * @return one history row per lot, in lot id order
     */
    public List<StockChange> settle(UUID orderId, InventoryChangeReason reason, UUID changedBy) {
        Set<UUID> candidates = reservedFor(orderId).keySet();
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Lot> lots = lockLots(candidates);
        // Read again under the locks: a concurrent release or sale of the same order may have settled it between the
        // first read and the lock, and settling it twice would take other orders' reservations.
        Map<UUID, Integer> reservedPerLot = reservedFor(orderId);
        List<Delta> deltas = new ArrayList<>();
        for (Lot lot : lots) {
            int reserved = reservedPerLot.getOrDefault(lot.id(), 0);
            if (reserved > 0) {
                int quantityChange = reason == InventoryChangeReason.SALE ? -reserved : 0;
                deltas.add(new Delta(lot.id(), quantityChange, -reserved));
            }
        }
        return apply(deltas, lots, new Cause(reason, null, orderId, changedBy));
    }

    /**
     * Applies changes to locked lots, each lot at most once, and appends one history row per lot, chained to the
     * lot's history: one statement however many lots. The caller has locked the lots in this transaction and passes
     * what the lock read (their quantities and chain heads), and has checked the changes keep on hand at or above
     * reserved; the CHECK constraints are the last line of defence.
     *
     * @param locked the lots as locked, at least those of {@code deltas}
     * @return the history rows, in the order of {@code deltas}
     * @throws NotFoundException if a lot is not among {@code locked}
     * @throws IllegalStateException if a lot's chain moved on since {@code locked} was read (a ledger bug)
     */
    public List<StockChange> apply(List<Delta> deltas, Collection<Lot> locked, Cause cause) {
        requireDistinctLots(deltas);
        Map<UUID, Lot> lots = locked.stream().collect(Collectors.toMap(Lot::id, Function.identity(), (a, b) -> a));
        Changes changes = new Changes(deltas.size(), cause);
        ChainLink link = new ChainLink();
        for (int i = 0; i < deltas.size(); i++) {
            Delta delta = deltas.get(i);
            Lot lot = Optional.ofNullable(lots.get(delta.itemId()))
                    .orElseThrow(() -> new NotFoundException(Entity.INVENTORY_ITEM, delta.itemId()));
            long chainSeq = lot.historySeq() + 1;
            changes.lots()[i] = lot.id();
            changes.quantityChanges()[i] = delta.quantityChange();
            changes.reservedChanges()[i] = delta.reservedChange();
            changes.chainSeqs()[i] = chainSeq;
            Cause lotCause = cause.of(delta);
            changes.notes()[i] = lotCause.note();
            byte[] hash = link.next(
                    lot.historyHash(),
                    lot.id(),
                    lot.productId(),
                    chainSeq,
                    delta.quantityChange(),
                    delta.reservedChange(),
                    lot.item().quantityOnHand() + delta.quantityChange(),
                    lot.item().quantityReserved() + delta.reservedChange(),
                    lotCause,
                    lot.lockedAtMicros());
            System.arraycopy(hash, 0, changes.chainHashes(), i * ChainLink.LENGTH, ChainLink.LENGTH);
        }
        Map<UUID, StockChange> byLot = APPLY.fetch(tx, changes).stream()
                .collect(Collectors.toMap(StockChange::inventoryItemId, Function.identity()));
        return deltas.stream()
                .map(delta -> Optional.ofNullable(byLot.get(delta.itemId()))
                        .orElseThrow(() -> new IllegalStateException("Lot " + delta.itemId()
                                + " changed after it was locked; lock it again before changing it")))
                .toList();
    }

    /** The history row with this id, which exists (an idempotency key names it). */
    public StockChange historyRow(UUID historyId) {
        return tx.select(StockRows.STOCK_CHANGE_COLUMNS)
                .from(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.ID.eq(historyId))
                .fetchSingle(ResultRow.mapping(StockRows::stockChange));
    }

    /** Tells "no such product" from "no stock": only asked when a product has no lot, so never on the usual path. */
    private void requireProductExists(UUID productId) {
        if (!tx.fetchExists(PRODUCTS, PRODUCTS.ID.eq(productId))) {
            throw new NotFoundException(Entity.PRODUCT, productId);
        }
    }

    /** Units still reserved for an order, per lot: the sum of its history's reservation changes. */
    private Map<UUID, Integer> reservedFor(UUID orderId) {
        return tx.select(
                        INVENTORY_HISTORY.INVENTORY_ITEM_ID,
                        sum(INVENTORY_HISTORY.RESERVED_CHANGE).cast(Integer.class))
                .from(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.ORDER_ID.eq(orderId))
                .groupBy(INVENTORY_HISTORY.INVENTORY_ITEM_ID)
                .having(sum(INVENTORY_HISTORY.RESERVED_CHANGE).gt(BigDecimal.ZERO))
                .fetchMap(INVENTORY_HISTORY.INVENTORY_ITEM_ID, row -> row.value2());
    }

    /**
     * The whole write as one statement: the lots' UPDATE in a data-modifying CTE whose RETURNING gives the quantities
     * after the change, and the history INSERT reading them. The changes arrive as arrays (lot ids, quantity changes,
     * reserved changes, chain positions, notes) unnested side by side, each lot's hash cut from the one bytea by its
     * ordinality, so 1 or 10,000 lots take the same SQL and the same bind values. A lot is updated only if its chain is
     * still where the hash was computed from, so a stale read cannot write a link that does not fit: {@link #apply}
     * then finds the lot missing from the result.
     */
    private static ResultQuery<?> applyQuery(Inputs<Changes> changes) {
        Table<?> delta = DSL.table(
                        "unnest({0}, {1}, {2}, {3}, {4}) WITH ORDINALITY",
                        changes.value(Changes::lots, SQLDataType.UUID.array()),
                        changes.value(Changes::quantityChanges, SQLDataType.INTEGER.array()),
                        changes.value(Changes::reservedChanges, SQLDataType.INTEGER.array()),
                        changes.value(Changes::chainSeqs, SQLDataType.BIGINT.array()),
                        changes.value(Changes::notes, SQLDataType.CLOB.array()))
                .as(
                        DELTA,
                        DELTA_ITEM_ID.getName(),
                        DELTA_QUANTITY.getName(),
                        DELTA_RESERVED.getName(),
                        DELTA_CHAIN_SEQ.getName(),
                        DELTA_NOTE.getName(),
                        DELTA_POSITION.getName());
        Field<byte[]> chainHash = DSL.field(
                "substring({0} FROM ({1} * {2} - {3})::integer FOR {2})",
                SQLDataType.BLOB,
                changes.value(Changes::chainHashes, SQLDataType.BLOB),
                DELTA_POSITION,
                DSL.inline(ChainLink.LENGTH),
                DSL.inline(ChainLink.LENGTH - 1));
        Field<InventoryChangeReason> reason =
                changes.value(change -> change.cause().reason(), INVENTORY_HISTORY.REASON);
        Field<UUID> orderId = changes.value(change -> change.cause().orderId(), INVENTORY_HISTORY.ORDER_ID);
        Field<UUID> changedBy = changes.value(change -> change.cause().changedBy(), INVENTORY_HISTORY.CHANGED_BY);
        CommonTableExpression<?> changed = name("changed")
                .as(DSL.update(INVENTORY_ITEMS)
                        .set(INVENTORY_ITEMS.QUANTITY_ON_HAND, INVENTORY_ITEMS.QUANTITY_ON_HAND.plus(DELTA_QUANTITY))
                        .set(INVENTORY_ITEMS.QUANTITY_RESERVED, INVENTORY_ITEMS.QUANTITY_RESERVED.plus(DELTA_RESERVED))
                        .set(INVENTORY_ITEMS.HISTORY_SEQ, DELTA_CHAIN_SEQ)
                        .set(INVENTORY_ITEMS.HISTORY_HASH, chainHash)
                        .from(delta)
                        .where(INVENTORY_ITEMS.ID.eq(DELTA_ITEM_ID))
                        .and(INVENTORY_ITEMS.HISTORY_SEQ.eq(DELTA_CHAIN_SEQ.minus(1L)))
                        // An UPDATE's RETURNING gives the row after the change: the "after" values of the history.
                        .returning(
                                INVENTORY_ITEMS.ID,
                                INVENTORY_ITEMS.PRODUCT_ID,
                                DELTA_QUANTITY,
                                DELTA_RESERVED,
                                INVENTORY_ITEMS.QUANTITY_ON_HAND,
                                INVENTORY_ITEMS.QUANTITY_RESERVED,
                                INVENTORY_ITEMS.HISTORY_SEQ,
                                INVENTORY_ITEMS.HISTORY_HASH,
                                DELTA_NOTE));
        return DSL.with(changed)
                .insertInto(
                        INVENTORY_HISTORY,
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
                        INVENTORY_HISTORY.CHAIN_SEQ,
                        INVENTORY_HISTORY.CHAIN_HASH)
                .select(select(
                                changed.field(INVENTORY_ITEMS.ID),
                                changed.field(INVENTORY_ITEMS.PRODUCT_ID),
                                changed.field(DELTA_QUANTITY),
                                changed.field(DELTA_RESERVED),
                                changed.field(INVENTORY_ITEMS.QUANTITY_ON_HAND),
                                changed.field(INVENTORY_ITEMS.QUANTITY_RESERVED),
                                reason,
                                changed.field(DELTA_NOTE),
                                orderId,
                                changedBy,
                                changed.field(INVENTORY_ITEMS.HISTORY_SEQ),
                                changed.field(INVENTORY_ITEMS.HISTORY_HASH))
                        .from(changed))
                .returning(StockRows.STOCK_CHANGE_COLUMNS);
    }

    private static void requireDistinctLots(List<Delta> deltas) {
        Set<UUID> seen = new HashSet<>();
        for (Delta delta : deltas) {
            if (!seen.add(delta.itemId())) {
                // An UPDATE ... FROM applies only one of several matching rows: refuse rather than lose a change.
                throw new IllegalArgumentException("Lot " + delta.itemId() + " appears twice in one ledger change");
            }
        }
    }
}
