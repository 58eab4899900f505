package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.farmersmarket.db.IdempotencyKey;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.Page;
import org.farmersmarket.db.PageRequest;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.IdempotentWrites;
import org.farmersmarket.db.internal.IdempotentWrites.Recorded;
import org.farmersmarket.db.internal.Keyset;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Uuids;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.internal.stock.Cause;
import org.farmersmarket.db.internal.stock.Delta;
import org.farmersmarket.db.internal.stock.Lot;
import org.farmersmarket.db.internal.stock.StockLedger;
import org.farmersmarket.db.internal.stock.StockRows;
import org.farmersmarket.db.jooq.enums.IdempotentOperation;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.jooq.DSLContext;
import org.jooq.Records;

/**
 * Stock lots and every change to them. Each change updates the lot and appends an {@code inventory_history} row in
 * one transaction, with the lot locked, so concurrent writers can neither oversell nor lose an update, and the sum of
 * a lot's history always equals its stock on hand.
 *
 * <p>Parameters named {@code changedBy} take the id of the user making the change, or {@code null} when the system
 * makes it.
 */
public final class InventoryRepository {

    /** The longest note or adjustment reason of a stock change, in characters; a blank note is stored as none. */
    public static final int MAX_NOTE_LENGTH = 1000;

    private final DSLContext dsl;

    /** Creates a repository on a jOOQ context; inside a transaction pass the transaction's context. */
    public InventoryRepository(DSLContext dsl) {
        this.dsl = Arguments.required(dsl, "dsl");
    }

    /**
     * Adds an empty lot to a product. One statement, in a transaction of its own so that a lost commit is resolved (see {@link
     * org.farmersmarket.db.FarmersMarketDb}).
     *
     * @throws org.farmersmarket.db.NotFoundException when the product does not exist
     * @throws org.farmersmarket.db.DuplicateException when the product already has a lot with that code
     */
    public InventoryItem addItem(NewInventoryItem item) {
        Arguments.required(item, "item");
        return Work.write(
                dsl,
                tx -> tx.insertInto(INVENTORY_ITEMS)
                        .set(INVENTORY_ITEMS.PRODUCT_ID, item.productId())
                        .set(INVENTORY_ITEMS.LOT_CODE, item.lotCode())
                        .set(INVENTORY_ITEMS.LOW_STOCK_THRESHOLD, item.lowStockThreshold())
                        .set(INVENTORY_ITEMS.HARVESTED_ON, item.harvestedOn().orElse(null))
                        .set(INVENTORY_ITEMS.EXPIRES_ON, item.expiresOn().orElse(null))
                        .returningResult(StockRows.LOT_COLUMNS)
                        .fetchSingle(ResultRow.mapping(StockRows::inventoryItem)));
    }

    /** The lot with this id, if any. One round trip. */
    public Optional<InventoryItem> findItem(UUID itemId) {
        Arguments.required(itemId, "itemId");
        return Work.read(() -> dsl.select(StockRows.LOT_COLUMNS)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.eq(itemId))
                .fetchOptional(ResultRow.mapping(StockRows::inventoryItem)));
    }

    /** The lots of a product, those that expire first first. One round trip. */
    public List<InventoryItem> itemsOfProduct(UUID productId) {
        Arguments.required(productId, "productId");
        return Work.read(() -> dsl.select(StockRows.LOT_COLUMNS)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .orderBy(INVENTORY_ITEMS.EXPIRES_ON.asc().nullsLast(), INVENTORY_ITEMS.CREATED_AT, INVENTORY_ITEMS.ID)
                .fetch(ResultRow.mapping(StockRows::inventoryItem)));
    }

    /** Units of a product that can still be sold, over all its lots (0 when it has none). One round trip. */
    public int availableQuantity(UUID productId) {
        Arguments.required(productId, "productId");
        return Work.read(() -> dsl.select(
                        coalesce(sum(INVENTORY_ITEMS.QUANTITY_ON_HAND.minus(INVENTORY_ITEMS.QUANTITY_RESERVED)), 0))
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .fetchSingle(0, Integer.class));
    }

    /**
     * Adds units to a lot. Two round trips (lock; update with its history insert) plus the transaction.
     *
     * @param quantity units received, more than 0
     * @param note optional free text, such as a delivery note; may be null
     * @throws InvalidInputException when the lot id is null or the quantity is not more than 0
     * @throws NotFoundException when the lot does not exist
     */
    public StockChange restock(UUID itemId, int quantity, UUID changedBy, String note) {
        return changeItem(itemId, quantity, restockCause(itemId, quantity, changedBy, note));
    }

    /**
     * {@link #restock(UUID, int, UUID, String)} at most once per key: a retry with the same key and the same
     * arguments writes nothing and returns the first call's stock change; see {@link IdempotencyKey}. Two round trips
     * more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public StockChange restock(UUID itemId, int quantity, UUID changedBy, String note, IdempotencyKey key) {
        Cause cause = restockCause(itemId, quantity, changedBy, note);
        return changeItemOnce(key, IdempotentOperation.restock, itemId, quantity, cause);
    }

    private static Cause restockCause(UUID itemId, int quantity, UUID changedBy, String note) {
        Arguments.required(itemId, "itemId");
        Arguments.positive(quantity, "quantity");
        return new Cause(
                InventoryChangeReason.restock, Arguments.nullableText(note, "note", MAX_NOTE_LENGTH), null, changedBy);
    }

    /**
     * Restocks many lots at once, all or nothing, in one transaction: one {@code SELECT ... FOR UPDATE} locks every
     * lot in id order, then one statement updates them all and appends their history rows (the lots travel as three
     * arrays, so 10,000 lots are three bind values): two round trips plus the transaction, however many lots. Writes
     * one {@code restock} history row per lot.
     *
     * @param restocks the lots and their units, each lot at most once; empty does nothing
     * @param changedBy the user making the change, or null
     * @return how many lots were restocked
     * @throws InvalidInputException when the list or an element is null, or a lot appears twice (quantities are
     *     validated by {@link Restock})
     * @throws NotFoundException naming one of the lots that do not exist; nothing is written then
     */
    public int restockAll(List<Restock> restocks, UUID changedBy) {
        List<Delta> deltas = restockDeltas(restocks);
        if (deltas.isEmpty()) {
            return 0;
        }
        return inTransaction(ledger -> restockAll(ledger, deltas, changedBy));
    }

    /**
     * {@link #restockAll(List, UUID)} at most once per key: a retry with the same key and the same restocks (in any
     * order) writes nothing and returns the first call's count; see {@link IdempotencyKey}. Two round trips more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public int restockAll(List<Restock> restocks, UUID changedBy, IdempotencyKey key) {
        List<Delta> deltas = restockDeltas(restocks);
        Arguments.required(key, "idempotencyKey");
        IdempotentWrites.Request request = new IdempotentWrites.Request().with(changedBy);
        deltas.stream()
                .sorted(Comparator.comparing(Delta::itemId, Uuids.POSTGRES_ORDER))
                .forEach(delta -> request.with(delta.itemId()).with(delta.quantityChange()));
        return Work.write(
                dsl,
                trx -> IdempotentWrites.once(
                        trx,
                        key,
                        IdempotentOperation.restock_all,
                        request,
                        () -> deltas.isEmpty() ? 0 : restockAll(new StockLedger(trx), deltas, changedBy),
                        Recorded::count,
                        Recorded::count));
    }

    private static int restockAll(StockLedger ledger, List<Delta> deltas, UUID changedBy) {
        List<Lot> locked = ledger.lockLots(deltas.stream().map(Delta::itemId).toList());
        requireAllExist(deltas, locked);
        return ledger.apply(deltas, locked, new Cause(InventoryChangeReason.restock, null, null, changedBy))
                .size();
    }

    /**
     * Corrects a lot's stock on hand after a count, by a signed amount, with the reason written down. Two round
     * trips (lock; update with its history insert) plus the transaction.
     *
     * @param delta units to add (positive) or remove (negative), not 0
     * @param reason why, for the audit log; required
     * @throws InvalidInputException when the lot id is null, delta is 0 or the reason is blank
     * @throws NotFoundException when the lot does not exist
     * @throws InsufficientStockException when removing more than the unreserved units of the lot
     */
    public StockChange adjust(UUID itemId, int delta, String reason, UUID changedBy) {
        return changeItem(itemId, delta, adjustmentCause(itemId, delta, reason, changedBy));
    }

    /**
     * {@link #adjust(UUID, int, String, UUID)} at most once per key: a retry with the same key and the same arguments
     * writes nothing and returns the first call's stock change; see {@link IdempotencyKey}. Two round trips more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public StockChange adjust(UUID itemId, int delta, String reason, UUID changedBy, IdempotencyKey key) {
        Cause cause = adjustmentCause(itemId, delta, reason, changedBy);
        return changeItemOnce(key, IdempotentOperation.adjust, itemId, delta, cause);
    }

    private static Cause adjustmentCause(UUID itemId, int delta, String reason, UUID changedBy) {
        Arguments.required(itemId, "itemId");
        if (delta == 0) {
            throw new InvalidInputException("delta", "An adjustment must change the stock: delta is 0");
        }
        if (delta == Integer.MIN_VALUE) {
            // Its negation, the shortage an InsufficientStockException reports, does not exist as an int.
            throw new InvalidInputException(
                    "delta", "The delta must be between " + -Integer.MAX_VALUE + " and " + Integer.MAX_VALUE);
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "An adjustment needs a reason for the audit log");
        }
        return new Cause(
                InventoryChangeReason.adjustment, Arguments.text(reason, "reason", MAX_NOTE_LENGTH), null, changedBy);
    }

    /**
     * Removes spoiled units from a lot. Two round trips plus the transaction.
     *
     * @param quantity units spoiled, more than 0
     * @throws InvalidInputException when the lot id is null or the quantity is not more than 0
     * @throws NotFoundException when the lot does not exist
     * @throws InsufficientStockException when the lot has fewer unreserved units
     */
    public StockChange recordSpoilage(UUID itemId, int quantity, UUID changedBy, String note) {
        Arguments.required(itemId, "itemId");
        Arguments.positive(quantity, "quantity");
        Cause cause = new Cause(
                InventoryChangeReason.spoilage, Arguments.nullableText(note, "note", MAX_NOTE_LENGTH), null, changedBy);
        return changeItem(itemId, -quantity, cause);
    }

    /**
     * Reserves units of a product for an order, from the lots that expire first. All or nothing: either the whole
     * quantity is reserved or nothing changes. Locks every lot of the product for the transaction. Two round
     * trips (lock; update with its history insert) plus the transaction, however many lots it draws from.
     *
     * @return one history row per lot drawn from, soonest-expiring first
     * @throws InvalidInputException when the product or order id is null or the quantity is not more than 0
     * @throws InsufficientStockException when the product's lots together have fewer available units
     * @throws NotFoundException when the order does not exist
     */
    public List<StockChange> reserve(UUID productId, int quantity, UUID orderId, UUID changedBy) {
        Arguments.required(productId, "productId");
        return reserveAll(Map.of(productId, quantity), orderId, changedBy);
    }

    /**
     * Reserves units of several products for one order, all or nothing, from the lots that expire first. Every lot of
     * every product is locked by one statement, in lot id order, the same order every other stock change locks in,
     * so concurrent orders and settlements never deadlock. Two round trips plus the transaction.
     *
     * @param quantitiesByProduct units to reserve per product id, each more than 0
     * @return one history row per lot drawn from
     * @throws InvalidInputException when an id is null, the map is empty, or a quantity is not more than 0
     * @throws InsufficientStockException for the first product (in id order) whose lots have fewer available units
     * @throws NotFoundException when the order or a product does not exist
     */
    public List<StockChange> reserveAll(Map<UUID, Integer> quantitiesByProduct, UUID orderId, UUID changedBy) {
        Arguments.required(quantitiesByProduct, "quantitiesByProduct");
        if (quantitiesByProduct.isEmpty()) {
            throw new InvalidInputException("quantitiesByProduct", "Nothing to reserve: no products given");
        }
        quantitiesByProduct.forEach((productId, quantity) -> {
            Arguments.required(productId, "productId");
            Arguments.positive(Arguments.required(quantity, "quantity"), "quantity");
        });
        Arguments.required(orderId, "orderId");
        return inTransaction(ledger -> ledger.reserve(inIdOrder(quantitiesByProduct), orderId, changedBy));
    }

    /**
     * Releases everything still reserved for an order (it was cancelled). Returns nothing to do as an empty list.
     * Four round trips (what is reserved, lock, what is reserved under the lock, update with its history insert) plus the
     * transaction; two when nothing is reserved.
     *
     * @return one history row per lot released, in lot id order
     * @throws InvalidInputException when the order id is null
     */
    public List<StockChange> releaseReservations(UUID orderId, UUID changedBy) {
        Arguments.required(orderId, "orderId");
        return settleReservations(orderId, InventoryChangeReason.release, changedBy);
    }

    /**
     * Records the sale of everything reserved for an order (it was handed over): the units leave stock on hand and
     * the reservation ends. Round trips as {@link #releaseReservations}.
     *
     * @return one history row per lot sold from, in lot id order
     * @throws InvalidInputException when the order id is null
     */
    public List<StockChange> recordSale(UUID orderId, UUID changedBy) {
        Arguments.required(orderId, "orderId");
        return settleReservations(orderId, InventoryChangeReason.sale, changedBy);
    }

    /**
     * One page of the stock history, newest first (by time, then id), keyset-paginated: pages never skip or repeat
     * a row when changes are appended meanwhile. One round trip; every filter is served by an index of
     * {@code inventory_history}.
     *
     * @param query the filters, such as {@code HistoryQuery.all().forProduct(id)}
     * @param page how many rows, and the cursor of the previous page
     * @throws InvalidInputException when an argument is null or the cursor is malformed
     */
    public Page<StockChange> history(HistoryQuery query, PageRequest page) {
        Arguments.required(query, "query");
        Arguments.required(page, "page");
        return Work.read(() -> Keyset.page(
                InventoryQueries.historyPage(query, page).fetch(dsl), page, InventoryQueries::historyCursor));
    }

    /**
     * Every lot whose quantity on hand differs from the sum of its history's quantity changes, whose quantity
     * reserved differs from the sum of its reserved changes, or whose history departs from its hash chain (a history
     * row rewritten, deleted, inserted or reordered, even by the owner or a superuser with the triggers disabled; see
     * {@link LedgerBreak}), in lot id order; a lot without history counts as summing to 0. Empty when every change
     * went through this repository. One round trip, reading all lots and the whole history once (a sort of the
     * history by lot: an audit, not a request path).
     */
    public List<ReconciliationMismatch> reconcile() {
        return Work.read(() -> InventoryQueries.reconciliation(dsl).fetch(InventoryQueries::mismatch));
    }

    /**
     * The vendor's lots that are low on stock: available units (on hand minus reserved) at or below the lot's
     * low-stock threshold. Per lot, not per product, because each lot has its own threshold; lots of archived
     * products are left out. Shortest first (threshold minus available, descending), then by product name and lot
     * code. One round trip.
     *
     * @throws InvalidInputException when the vendor id is null
     * @throws NotFoundException when the vendor does not exist
     */
    public List<LowStockItem> lowStock(UUID vendorId) {
        Arguments.required(vendorId, "vendorId");
        return Work.read(() -> {
            var rows = InventoryQueries.lowStock(dsl, vendorId).fetch();
            if (rows.isEmpty()) {
                throw new NotFoundException("vendor", vendorId);
            }
            // A vendor without low lots comes back as one row of nulls from the outer join.
            return rows.stream()
                    .filter(row -> row.value1() != null)
                    .map(Records.mapping(LowStockItem::new))
                    .toList();
        });
    }

    private StockChange changeItem(UUID itemId, int quantityChange, Cause cause) {
        return inTransaction(ledger -> ledger.changeOnHand(itemId, quantityChange, cause));
    }

    private StockChange changeItemOnce(
            IdempotencyKey key, IdempotentOperation operation, UUID itemId, int quantityChange, Cause cause) {
        Arguments.required(key, "idempotencyKey");
        IdempotentWrites.Request request = new IdempotentWrites.Request()
                .with(itemId)
                .with(quantityChange)
                .with(cause.note())
                .with(cause.changedBy());
        return Work.write(dsl, trx -> {
            StockLedger ledger = new StockLedger(trx);
            return IdempotentWrites.once(
                    trx,
                    key,
                    operation,
                    request,
                    () -> ledger.changeOnHand(itemId, quantityChange, cause),
                    change -> Recorded.history(change.id()),
                    recorded -> ledger.historyRow(recorded.historyId()));
        });
    }

    private List<StockChange> settleReservations(UUID orderId, InventoryChangeReason reason, UUID changedBy) {
        return inTransaction(ledger -> ledger.settle(orderId, reason, changedBy));
    }

    /** The restocks as ledger deltas, after checking the list, its elements and that no lot appears twice. */
    private static List<Delta> restockDeltas(List<Restock> restocks) {
        Arguments.required(restocks, "restocks");
        Set<UUID> seen = new HashSet<>();
        List<Delta> deltas = new ArrayList<>(restocks.size());
        for (Restock restock : restocks) {
            Arguments.required(restock, "restocks");
            if (!seen.add(restock.itemId())) {
                throw new InvalidInputException(
                        "restocks", "Lot " + restock.itemId() + " appears more than once; restock it once");
            }
            deltas.add(new Delta(restock.itemId(), restock.quantity(), 0));
        }
        return deltas;
    }

    private static void requireAllExist(List<Delta> deltas, Collection<Lot> locked) {
        Set<UUID> found = locked.stream().map(Lot::id).collect(Collectors.toSet());
        for (Delta delta : deltas) {
            if (!found.contains(delta.itemId())) {
                throw new NotFoundException("inventory item", delta.itemId());
            }
        }
    }

    /** The quantities by product id in the database's uuid order, the order the ledger reports shortages in. */
    private static SortedMap<UUID, Integer> inIdOrder(Map<UUID, Integer> quantitiesByProduct) {
        SortedMap<UUID, Integer> sorted = new TreeMap<>(Uuids.POSTGRES_ORDER);
        sorted.putAll(quantitiesByProduct);
        return sorted;
    }

    private <T> T inTransaction(Function<StockLedger, T> work) {
        return Work.write(dsl, trx -> work.apply(new StockLedger(trx)));
    }
}
