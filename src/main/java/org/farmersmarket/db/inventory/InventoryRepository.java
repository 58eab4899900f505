package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;
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
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.Entity;
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
 * <p>Every write takes the {@link Actor} making it, which the history records: {@code Actor.user(id)} or
 * {@link Actor#SYSTEM}.
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
     * Creates an empty lot of a product; add units with {@link #restock}. One statement, in a transaction of its own
     * so that a lost commit is resolved (see {@link org.farmersmarket.db.FarmersMarketDb}).
     *
     * @throws InvalidInputException when the item is null
     * @throws NotFoundException when the product does not exist
     * @throws org.farmersmarket.db.DuplicateException when the product already has a lot with that code
     */
    public InventoryItem createItem(NewInventoryItem item) {
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

    /**
     * The lot with this id, if any. One round trip.
     *
     * @throws InvalidInputException when the id is null
     */
    public Optional<InventoryItem> findItem(UUID itemId) {
        Arguments.required(itemId, "itemId");
        return Work.read(() -> dsl.select(StockRows.LOT_COLUMNS)
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.eq(itemId))
                .fetchOptional(ResultRow.mapping(StockRows::inventoryItem)));
    }

    /**
     * One page of a product's lots, those that expire first first (lots without an expiry date last, then by
     * id), keyset-paginated. One round trip. An unknown product has no lots: an empty page.
     *
     * @throws InvalidInputException when an argument is null or the cursor is malformed or another listing's
     */
    public Page<InventoryItem> listItems(UUID productId, PageRequest page) {
        Arguments.required(productId, "productId");
        Arguments.required(page, "page");
        return Work.read(() -> Keyset.page(
                InventoryQueries.itemsPage(dsl, productId, page).fetch(ResultRow.mapping(StockRows::inventoryItem)),
                page,
                item -> InventoryQueries.itemsCursor(productId, item)));
    }

    /**
     * Units of a product that can still be sold, over all its lots (0 when it has none). One round trip.
     *
     * @throws InvalidInputException when the id is null
     */
    public int availableQuantity(UUID productId) {
        Arguments.required(productId, "productId");
        return Work.read(() -> dsl.select(
                        coalesce(sum(INVENTORY_ITEMS.QUANTITY_ON_HAND.minus(INVENTORY_ITEMS.QUANTITY_RESERVED)), 0))
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .fetchSingle(0, Integer.class));
    }

    /**
     * Adds units to a lot, with the restock's note on its history row. Two round trips (lock; update with its
     * history insert) plus the transaction.
     *
     * @throws InvalidInputException when an argument is null
     * @throws NotFoundException when the lot does not exist
     */
    public StockChange restock(Restock restock, Actor changedBy) {
        return changeItem(restock.itemId(), restock.quantity(), restockCause(restock, changedBy));
    }

    /**
     * {@link #restock(Restock, Actor)} at most once per key: a retry with the same key and the same arguments writes
     * nothing and returns the first call's stock change; see {@link IdempotencyKey}. Two round trips more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public StockChange restock(Restock restock, Actor changedBy, IdempotencyKey key) {
        Cause cause = restockCause(restock, changedBy);
        return changeItemOnce(key, IdempotentOperation.RESTOCK, restock.itemId(), restock.quantity(), cause);
    }

    private static Cause restockCause(Restock restock, Actor changedBy) {
        Arguments.required(restock, "restock");
        return new Cause(InventoryChangeReason.RESTOCK, restock.note(), null, userOf(changedBy));
    }

    /**
     * Restocks many lots at once, all or nothing, in one transaction: one {@code SELECT ... FOR UPDATE} locks every
     * lot in id order, then one statement updates them all and appends their history rows (the lots travel as
     * arrays, so 10,000 lots are a handful of bind values): two round trips plus the transaction, however many lots.
     * Writes one {@code restock} history row per lot, with that restock's note.
     *
     * @param restocks the lots and their units, each lot at most once; empty does nothing
     * @return how many lots were restocked
     * @throws InvalidInputException when an argument or an element is null, or a lot appears twice
     * @throws NotFoundException naming one of the lots that do not exist; nothing is written then
     */
    public int restockAll(List<Restock> restocks, Actor changedBy) {
        List<Delta> deltas = restockDeltas(restocks);
        UUID user = userOf(changedBy);
        if (deltas.isEmpty()) {
            return 0;
        }
        return inTransaction(ledger -> restockAll(ledger, deltas, user));
    }

    /**
     * {@link #restockAll(List, Actor)} at most once per key: a retry with the same key and the same restocks (in any
     * order) writes nothing and returns the first call's count; see {@link IdempotencyKey}. Two round trips more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public int restockAll(List<Restock> restocks, Actor changedBy, IdempotencyKey key) {
        List<Delta> deltas = restockDeltas(restocks);
        UUID user = userOf(changedBy);
        Arguments.required(key, "idempotencyKey");
        IdempotentWrites.Request request = new IdempotentWrites.Request().with(user);
        deltas.stream()
                .sorted(Comparator.comparing(Delta::itemId, Uuids.POSTGRES_ORDER))
                .forEach(delta -> {
                    request.with(delta.itemId()).with(delta.quantityChange());
                    if (delta.note() != null) {
                        // Only when there is one: a restock without notes hashes as it did before notes existed.
                        request.with("note").with(delta.note());
                    }
                });
        return Work.write(
                dsl,
                trx -> IdempotentWrites.once(
                        trx,
                        key,
                        IdempotentOperation.RESTOCK_ALL,
                        request,
                        () -> deltas.isEmpty() ? 0 : restockAll(new StockLedger(trx), deltas, user),
                        Recorded::count,
                        Recorded::count));
    }

    private static int restockAll(StockLedger ledger, List<Delta> deltas, UUID changedBy) {
        List<Lot> locked = ledger.lockLots(deltas.stream().map(Delta::itemId).toList());
        requireAllExist(deltas, locked);
        return ledger.apply(deltas, locked, new Cause(InventoryChangeReason.RESTOCK, null, null, changedBy))
                .size();
    }

    /**
     * Corrects a lot's stock on hand after a count, by a signed amount, with the reason written down. Two round
     * trips (lock; update with its history insert) plus the transaction.
     *
     * @throws InvalidInputException when an argument is null
     * @throws NotFoundException when the lot does not exist
     * @throws InsufficientStockException when removing more than the unreserved units of the lot
     */
    public StockChange adjust(Adjustment adjustment, Actor changedBy) {
        return changeItem(adjustment.itemId(), adjustment.delta(), adjustmentCause(adjustment, changedBy));
    }

    /**
     * {@link #adjust(Adjustment, Actor)} at most once per key: a retry with the same key and the same arguments
     * writes nothing and returns the first call's stock change; see {@link IdempotencyKey}. Two round trips more.
     *
     * @throws org.farmersmarket.db.DuplicateException when the key was used for another request
     */
    public StockChange adjust(Adjustment adjustment, Actor changedBy, IdempotencyKey key) {
        Cause cause = adjustmentCause(adjustment, changedBy);
        return changeItemOnce(key, IdempotentOperation.ADJUST, adjustment.itemId(), adjustment.delta(), cause);
    }

    private static Cause adjustmentCause(Adjustment adjustment, Actor changedBy) {
        Arguments.required(adjustment, "adjustment");
        return new Cause(InventoryChangeReason.ADJUSTMENT, adjustment.reason(), null, userOf(changedBy));
    }

    /**
     * Removes spoiled units from a lot. Two round trips plus the transaction.
     *
     * @throws InvalidInputException when an argument is null
     * @throws NotFoundException when the lot does not exist
     * @throws InsufficientStockException when the lot has fewer unreserved units
     */
    public StockChange recordSpoilage(Spoilage spoilage, Actor changedBy) {
        Arguments.required(spoilage, "spoilage");
        Cause cause = new Cause(InventoryChangeReason.SPOILAGE, spoilage.note(), null, userOf(changedBy));
        return changeItem(spoilage.itemId(), -spoilage.quantity(), cause);
    }

    /**
     * Reserves units of one or more products for an order, all or nothing, from the lots that expire first. Every
     * lot of every product is locked by one statement, in lot id order, the same order every other stock change
     * locks in, so concurrent orders and settlements never deadlock. Two round trips (lock; update with its history
     * inserts) plus the transaction, however many lots it draws from.
     *
     * @return one history row per lot drawn from
     * @throws InvalidInputException when an argument is null
     * @throws InsufficientStockException for the first product (in id order) whose lots have fewer available units
     * @throws NotFoundException when the order or a product does not exist
     */
    public List<StockChange> reserve(Reservation reservation, Actor changedBy) {
        Arguments.required(reservation, "reservation");
        UUID user = userOf(changedBy);
        return inTransaction(
                ledger -> ledger.reserve(inIdOrder(reservation.quantitiesByProduct()), reservation.orderId(), user));
    }

    /**
     * Releases everything still reserved for an order (it was cancelled). Returns nothing to do as an empty list.
     * Four round trips (what is reserved, lock, what is reserved under the lock, update with its history insert) plus
     * the transaction; two when nothing is reserved.
     *
     * @return one history row per lot released, in lot id order
     * @throws InvalidInputException when an argument is null
     */
    public List<StockChange> releaseReservations(UUID orderId, Actor changedBy) {
        Arguments.required(orderId, "orderId");
        return settleReservations(orderId, InventoryChangeReason.RELEASE, userOf(changedBy));
    }

    /**
     * Records the sale of everything reserved for an order (it was handed over): the units leave stock on hand and
     * the reservation ends. Round trips as {@link #releaseReservations}.
     *
     * @return one history row per lot sold from, in lot id order
     * @throws InvalidInputException when an argument is null
     */
    public List<StockChange> recordSale(UUID orderId, Actor changedBy) {
        Arguments.required(orderId, "orderId");
        return settleReservations(orderId, InventoryChangeReason.SALE, userOf(changedBy));
    }

    /**
     * Puts units of a completed or refunded order back into stock (a customer returned them), as {@code return}
     * history rows on the lots they were sold from, all in the ledger's one write. A product's units go back to its
     * lots in lot id order, each lot taking at most what it sold to the order and has not had back; concurrent
     * returns of one order never return a unit twice. The payment's refund is {@code orders().refundPayment}, a
     * separate call. Five round trips plus the transaction.
     *
     * @return one history row per lot, in lot id order; empty for {@link StockReturn#everything} when everything has
     *     come back already
     * @throws InvalidInputException when an argument is null; with rule {@code orderId} when the order is not
     *     completed or refunded, {@code quantity} when a product's units exceed what the order sold and has not had
     *     back
     * @throws NotFoundException when the order does not exist
     */
    public List<StockChange> recordReturn(StockReturn stockReturn, Actor changedBy) {
        Arguments.required(stockReturn, "stockReturn");
        UUID user = userOf(changedBy);
        return inTransaction(ledger -> ledger.returnSold(
                stockReturn.orderId(),
                stockReturn.quantitiesByProduct(),
                stockReturn.note().orElse(null),
                user));
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
    public Page<StockChange> listHistory(HistoryQuery query, PageRequest page) {
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
     * {@link #reconcile()}, and besides every lot whose history no longer holds the row a head saved earlier names
     * ({@link LedgerBreak.Kind#DIVERGED}): the one rewrite the chain cannot show alone, history changed and every
     * later link and the head recomputed with {@code inventory_history_link}, by the tables' owner. Save the heads
     * with each backup ({@link #chainHeads()}; {@code fmdb backup} writes them beside the archive) and hold the
     * database against them ({@code fmdb verify --heads FILE}). Heads of lots that no longer exist are ignored. Two
     * round trips, three when a head diverged.
     *
     * @param saved heads saved earlier, at most one per lot
     * @throws InvalidInputException when the collection or a head is null
     */
    public List<ReconciliationMismatch> reconcile(Collection<ChainHead> saved) {
        Arguments.required(saved, "saved");
        saved.forEach(head -> Arguments.required(head, "saved"));
        return Work.read(() -> {
            List<ReconciliationMismatch> found =
                    new ArrayList<>(InventoryQueries.reconciliation(dsl).fetch(InventoryQueries::mismatch));
            Set<UUID> reported =
                    found.stream().map(ReconciliationMismatch::inventoryItemId).collect(Collectors.toSet());
            List<ChainHead> unreported = saved.stream()
                    .filter(head -> !reported.contains(head.inventoryItemId()))
                    .toList();
            found.addAll(InventoryQueries.divergedFrom(dsl, unreported));
            found.sort(Comparator.comparing(ReconciliationMismatch::inventoryItemId, Uuids.POSTGRES_ORDER));
            return found;
        });
    }

    /**
     * Every lot's chain head now, in lot id order, lots without chained history left out: what to save with a
     * backup for {@link #reconcile(Collection)}. One round trip reading every lot (an audit, not a request path).
     */
    public List<ChainHead> chainHeads() {
        return Work.read(() -> InventoryQueries.chainHeads(dsl));
    }

    /**
     * One page of the vendor's lots that are low on stock: available units (on hand minus reserved) at or below the
     * lot's low-stock threshold. Per lot, not per product, because each lot has its own threshold; lots of archived
     * products are left out. Shortest first (threshold minus available, descending), then by product name, lot code
     * and id, keyset-paginated. One round trip; two when the page is empty (to tell a vendor without low lots from an
     * unknown one).
     *
     * @throws InvalidInputException when an argument is null or the cursor is malformed or another listing's
     * @throws NotFoundException when the vendor does not exist
     */
    public Page<LowStockItem> listLowStock(UUID vendorId, PageRequest page) {
        Arguments.required(vendorId, "vendorId");
        Arguments.required(page, "page");
        return Work.read(() -> {
            List<LowStockItem> rows =
                    InventoryQueries.lowStockPage(dsl, vendorId, page).fetch(Records.mapping(LowStockItem::new));
            if (rows.isEmpty() && !dsl.fetchExists(VENDOR_PROFILES, VENDOR_PROFILES.ID.eq(vendorId))) {
                throw new NotFoundException(Entity.VENDOR, vendorId);
            }
            return Keyset.page(rows, page, row -> InventoryQueries.lowStockCursor(vendorId, row));
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
            deltas.add(new Delta(restock.itemId(), restock.quantity(), 0, restock.note()));
        }
        return deltas;
    }

    private static void requireAllExist(List<Delta> deltas, Collection<Lot> locked) {
        Set<UUID> found = locked.stream().map(Lot::id).collect(Collectors.toSet());
        for (Delta delta : deltas) {
            if (!found.contains(delta.itemId())) {
                throw new NotFoundException(Entity.INVENTORY_ITEM, delta.itemId());
            }
        }
    }

    /** The quantities by product id in the database's uuid order, the order the ledger reports shortages in. */
    private static SortedMap<UUID, Integer> inIdOrder(Map<UUID, Integer> quantitiesByProduct) {
        SortedMap<UUID, Integer> sorted = new TreeMap<>(Uuids.POSTGRES_ORDER);
        sorted.putAll(quantitiesByProduct);
        return sorted;
    }

    private static UUID userOf(Actor changedBy) {
        return Arguments.required(changedBy, "changedBy").userId().orElse(null);
    }

    private <T> T inTransaction(Function<StockLedger, T> work) {
        return Work.write(dsl, trx -> work.apply(new StockLedger(trx)));
    }
}
