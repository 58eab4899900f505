package org.farmersmarket.db.internal.stock;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.PRODUCTS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
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
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Statement;
import org.farmersmarket.db.internal.Statement.Inputs;
import org.farmersmarket.db.internal.Statement.Reading;
import org.farmersmarket.db.inventory.StockChange;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.enums.OrderStatus;
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
 * <p>Every write, of one lot or ten thousand, goes through {@link #apply(List, Collection, Cause)}: one call of the
 * database's {@code inventory_ledger_apply}, which updates the lots and appends their chained history rows.
 */
public final class StockLedger {

    /** The alias of the rows {@code inventory_ledger_apply} returns. */
    private static final String APPENDED = "appended";

    /** The ids to lock, as the derived table {@code unnest(?) AS wanted (id)}. */
    private static final String WANTED = "wanted";

    private static final Field<UUID> WANTED_ID = field(name(WANTED, "id"), SQLDataType.UUID);

    private static final Statement<UUID, Lot> LOCK_LOT = Statement.of(
            Reading.JOOQ,
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
            Reading.JOOQ,
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
            Reading.JOOQ,
            (Inputs<UUID[]> productIds) -> DSL.select(StockRows.LOCKED_LOT_COLUMNS)
                    .from(INVENTORY_ITEMS)
                    .where(INVENTORY_ITEMS.PRODUCT_ID.eq(any(productIds.value(
                            it -> it, INVENTORY_ITEMS.PRODUCT_ID.getDataType().array()))))
                    .orderBy(INVENTORY_ITEMS.ID)
                    .forUpdate(),
            StockRows::lot);

    /**
     * The changes of one {@link #apply} call, as the arrays {@code inventory_ledger_apply} unnests side by side: per
     * lot the change of stock on hand, of reserved units, and the lot's note; one cause for all.
     */
    private record Changes(
            UUID[] lots, Integer[] quantityChanges, Integer[] reservedChanges, String[] notes, Cause cause) {

        Changes(int count, Cause cause) {
            this(new UUID[count], new Integer[count], new Integer[count], new String[count], cause);
        }
    }

    private static final Statement<Changes, StockChange> APPLY =
            Statement.of(Reading.JOOQ, StockLedger::applyQuery, StockRows::stockChange);

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
     * lot's history by the database ({@code inventory_ledger_apply}, V12, which runs with the owner's rights: the
     * application role cannot write either table itself): one statement however many lots. The caller has locked the
     * lots in this transaction and checked the changes keep on hand at or above reserved; the CHECK constraints are
     * the last line of defence.
     *
     * @param locked the lots as locked, at least those of {@code deltas}
     * @return the history rows, in the order of {@code deltas}
     * @throws NotFoundException if a lot is not among {@code locked}
     */
    public List<StockChange> apply(List<Delta> deltas, Collection<Lot> locked, Cause cause) {
        requireDistinctLots(deltas);
        Set<UUID> lots = locked.stream().map(Lot::id).collect(Collectors.toSet());
        Changes changes = new Changes(deltas.size(), cause);
        for (int i = 0; i < deltas.size(); i++) {
            Delta delta = deltas.get(i);
            if (!lots.contains(delta.itemId())) {
                throw new NotFoundException(Entity.INVENTORY_ITEM, delta.itemId());
            }
            changes.lots()[i] = delta.itemId();
            changes.quantityChanges()[i] = delta.quantityChange();
            changes.reservedChanges()[i] = delta.reservedChange();
            changes.notes()[i] = cause.of(delta).note();
        }
        Map<UUID, StockChange> byLot = APPLY.fetch(tx, changes).stream()
                .collect(Collectors.toMap(StockChange::inventoryItemId, Function.identity()));
        return deltas.stream()
                .map(delta -> Optional.ofNullable(byLot.get(delta.itemId()))
                        .orElseThrow(() -> new IllegalStateException("Lot " + delta.itemId() + " was not written")))
                .toList();
    }

    /** The history row with this id, which exists (an idempotency key names it). */
    public StockChange historyRow(UUID historyId) {
        return tx.select(StockRows.STOCK_CHANGE_COLUMNS)
                .from(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.ID.eq(historyId))
                .fetchSingle(ResultRow.mapping(StockRows::stockChange));
    }

    /**
     * Puts sold units of an order back into the lots they were sold from, as {@code return} rows in one write: a
     * product's units go back lot by lot in lot id order, each lot taking at most what it sold to the order and has
     * not had back. The lots are locked, then what is returnable is read again under the locks, so concurrent returns
     * of one order never return a unit twice. Four round trips (the order, what is returnable, lock, again under the
     * locks) and the write.
     *
     * @param quantitiesByProduct units per product; empty: everything returnable
     * @return one history row per lot, in lot id order; empty when {@code quantitiesByProduct} is empty and nothing
     *     is left to return
     * @throws NotFoundException when the order does not exist
     * @throws InvalidInputException with rule {@code orderId} when the order is not completed or refunded (its units
     *     were never handed over), {@code quantity} when a product's units exceed what the order sold and has not had
     *     back
     */
    public List<StockChange> returnSold(
            UUID orderId, Optional<Map<UUID, Integer>> quantitiesByProduct, String note, UUID changedBy) {
        requireHandedOver(orderId);
        Set<UUID> candidates = returnableFor(orderId).keySet();
        List<Lot> lots = candidates.isEmpty() ? List.of() : lockLots(candidates);
        Map<UUID, Returnable> returnable = returnableFor(orderId);
        Map<UUID, Integer> wanted = quantitiesByProduct.orElseGet(() -> returnable.values().stream()
                .collect(Collectors.groupingBy(Returnable::productId, Collectors.summingInt(Returnable::units))));
        List<Delta> deltas = new ArrayList<>();
        wanted.forEach((productId, quantity) -> {
            int remaining = quantity;
            for (Lot lot : lots) {
                Returnable sold = returnable.get(lot.id());
                if (remaining > 0 && sold != null && sold.productId().equals(productId)) {
                    int back = Math.min(remaining, sold.units());
                    deltas.add(new Delta(lot.id(), back, 0));
                    remaining -= back;
                }
            }
            if (remaining > 0) {
                throw new InvalidInputException(
                        "quantity",
                        "Cannot return " + quantity + " unit(s) of product " + productId + " to stock: order " + orderId
                                + " has " + (quantity - remaining) + " sold and not returned yet");
            }
        });
        deltas.sort(java.util.Comparator.comparing(Delta::itemId, org.farmersmarket.db.internal.Uuids.POSTGRES_ORDER));
        return deltas.isEmpty()
                ? List.of()
                : apply(deltas, lots, new Cause(InventoryChangeReason.RETURN, note, orderId, changedBy));
    }

    /** Refuses a return for an order whose units were never handed over. */
    private void requireHandedOver(UUID orderId) {
        OrderStatus status = tx.select(ORDERS.STATUS)
                .from(ORDERS)
                .where(ORDERS.ID.eq(orderId))
                .fetchOptional(ORDERS.STATUS)
                .orElseThrow(() -> new NotFoundException(Entity.ORDER, orderId));
        if (status != OrderStatus.COMPLETED && status != OrderStatus.REFUNDED) {
            throw new InvalidInputException(
                    "orderId",
                    "Order " + orderId + " is " + status.getLiteral() + ": only a completed or refunded order's units"
                            + " can come back into stock (an open order's are released by cancelling it)");
        }
    }

    /** Units of a product a lot sold to an order and has not had back. */
    private record Returnable(UUID productId, int units) {}

    /** Per lot, what the order's sales took out and its returns have not put back yet. */
    private Map<UUID, Returnable> returnableFor(UUID orderId) {
        Field<Integer> units = sum(INVENTORY_HISTORY.QUANTITY_CHANGE).neg().cast(Integer.class);
        return tx.select(INVENTORY_HISTORY.INVENTORY_ITEM_ID, INVENTORY_HISTORY.PRODUCT_ID, units)
                .from(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.ORDER_ID.eq(orderId))
                .and(INVENTORY_HISTORY.REASON.in(InventoryChangeReason.SALE, InventoryChangeReason.RETURN))
                .groupBy(INVENTORY_HISTORY.INVENTORY_ITEM_ID, INVENTORY_HISTORY.PRODUCT_ID)
                .having(sum(INVENTORY_HISTORY.QUANTITY_CHANGE).lt(BigDecimal.ZERO))
                .fetchMap(INVENTORY_HISTORY.INVENTORY_ITEM_ID, row -> new Returnable(row.value2(), row.value3()));
    }

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
     * The whole write: {@code inventory_ledger_apply} (V12) as a table of the history rows it appended, qualified
     * with the schema the generated classes render (schema mapping included). The changes travel as four arrays and
     * three values, so 1 or 10,000 lots take the same SQL.
     */
    private static ResultQuery<?> applyQuery(Inputs<Changes> changes) {
        Table<?> appended = DSL.table(
                        "{0}.{1}({2}, {3}, {4}, {5}, {6}, {7}, {8})",
                        INVENTORY_HISTORY.getSchema(),
                        DSL.name("inventory_ledger_apply"),
                        changes.value(Changes::lots, SQLDataType.UUID.array()),
                        changes.value(Changes::quantityChanges, SQLDataType.INTEGER.array()),
                        changes.value(Changes::reservedChanges, SQLDataType.INTEGER.array()),
                        changes.value(Changes::notes, SQLDataType.CLOB.array()),
                        changes.value(change -> change.cause().reason(), INVENTORY_HISTORY.REASON),
                        changes.value(change -> change.cause().orderId(), INVENTORY_HISTORY.ORDER_ID),
                        changes.value(change -> change.cause().changedBy(), INVENTORY_HISTORY.CHANGED_BY))
                .as(APPENDED);
        return DSL.select(StockRows.STOCK_CHANGE_COLUMNS.stream()
                        .map(column -> field(name(APPENDED, column.getName()), column.getDataType()))
                        .toList())
                .from(appended);
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
