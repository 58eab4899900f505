package org.farmersmarket.db.inventory;

import static org.farmersmarket.db.jooq.Tables.INVENTORY_HISTORY;
import static org.farmersmarket.db.jooq.Tables.INVENTORY_ITEMS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Errors;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;
import org.farmersmarket.db.jooq.tables.records.InventoryItemsRecord;
import org.jooq.DSLContext;

/**
 * Stock lots and every change to them. Each change updates the lot and appends an {@code inventory_history} row in
 * one transaction, with the lot locked, so concurrent writers can neither oversell nor lose an update, and the sum of
 * a lot's history always equals its stock on hand.
 *
 * <p>Parameters named {@code changedBy} take the id of the user making the change, or {@code null} when the system
 * makes it.
 */
public final class InventoryRepository {

    private final DSLContext dsl;

    /** Creates a repository on a jOOQ context; inside a transaction pass the transaction's context. */
    public InventoryRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    /**
     * Adds an empty lot to a product. One round trip.
     *
     * @throws org.farmersmarket.db.NotFoundException when the product does not exist
     * @throws org.farmersmarket.db.DuplicateException when the product already has a lot with that code
     */
    public InventoryItem addItem(NewInventoryItem item) {
        return Errors.translate(() -> StockLedger.toInventoryItem(dsl.insertInto(INVENTORY_ITEMS)
                .set(INVENTORY_ITEMS.PRODUCT_ID, item.productId())
                .set(INVENTORY_ITEMS.LOT_CODE, item.lotCode())
                .set(INVENTORY_ITEMS.LOW_STOCK_THRESHOLD, item.lowStockThreshold())
                .set(INVENTORY_ITEMS.HARVESTED_ON, item.harvestedOn().orElse(null))
                .set(INVENTORY_ITEMS.EXPIRES_ON, item.expiresOn().orElse(null))
                .returning()
                .fetchSingle()));
    }

    /** The lot with this id, if any. One round trip. */
    public Optional<InventoryItem> findItem(UUID itemId) {
        return Errors.translate(() -> dsl.selectFrom(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.ID.eq(itemId))
                .fetchOptional(StockLedger::toInventoryItem));
    }

    /** The lots of a product, those that expire first first. One round trip. */
    public List<InventoryItem> itemsOfProduct(UUID productId) {
        return Errors.translate(() -> dsl.selectFrom(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .orderBy(INVENTORY_ITEMS.EXPIRES_ON.asc().nullsLast(), INVENTORY_ITEMS.CREATED_AT, INVENTORY_ITEMS.ID)
                .fetch(StockLedger::toInventoryItem));
    }

    /** Units of a product that can still be sold, over all its lots (0 when it has none). One round trip. */
    public int availableQuantity(UUID productId) {
        return Errors.translate(() -> dsl.select(
                        coalesce(sum(INVENTORY_ITEMS.QUANTITY_ON_HAND.minus(INVENTORY_ITEMS.QUANTITY_RESERVED)), 0))
                .from(INVENTORY_ITEMS)
                .where(INVENTORY_ITEMS.PRODUCT_ID.eq(productId))
                .fetchSingle(0, Integer.class));
    }

    /**
     * Adds units to a lot. Two round trips plus the transaction.
     *
     * @param quantity units received, more than 0
     * @param note optional free text, such as a delivery note; may be null
     * @throws org.farmersmarket.db.NotFoundException when the lot does not exist
     */
    public StockChange restock(UUID itemId, int quantity, UUID changedBy, String note) {
        requirePositive("quantity", quantity);
        return changeItem(
                itemId, new StockLedger.Change(quantity, 0, InventoryChangeReason.restock, note, null, changedBy));
    }

    /**
     * Corrects a lot's stock on hand after a count, by a signed amount, with the reason written down.
     *
     * @param delta units to add (positive) or remove (negative), not 0
     * @param reason why, for the audit log; required
     * @throws InsufficientStockException when removing more than the unreserved units of the lot
     */
    public StockChange adjust(UUID itemId, int delta, String reason, UUID changedBy) {
        if (delta == 0) {
            throw new InvalidInputException("delta", "An adjustment must change the stock: delta is 0");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "An adjustment needs a reason for the audit log");
        }
        return changeItem(
                itemId, new StockLedger.Change(delta, 0, InventoryChangeReason.adjustment, reason, null, changedBy));
    }

    /**
     * Removes spoiled units from a lot.
     *
     * @param quantity units spoiled, more than 0
     * @throws InsufficientStockException when the lot has fewer unreserved units
     */
    public StockChange recordSpoilage(UUID itemId, int quantity, UUID changedBy, String note) {
        requirePositive("quantity", quantity);
        return changeItem(
                itemId, new StockLedger.Change(-quantity, 0, InventoryChangeReason.spoilage, note, null, changedBy));
    }

    /**
     * Reserves units of a product for an order, from the lots that expire first. All or nothing: either the whole
     * quantity is reserved or nothing changes. Locks every lot of the product for the transaction.
     *
     * @return one history row per lot drawn from
     * @throws InsufficientStockException when the product's lots together have fewer available units
     */
    public List<StockChange> reserve(UUID productId, int quantity, UUID orderId, UUID changedBy) {
        requirePositive("quantity", quantity);
        Objects.requireNonNull(orderId, "orderId");
        return inTransaction(ledger -> reserveLocked(ledger, productId, quantity, orderId, changedBy));
    }

    /**
     * Releases everything still reserved for an order (it was cancelled). Returns nothing to do as an empty list.
     *
     * @return one history row per lot released
     */
    public List<StockChange> releaseReservations(UUID orderId, UUID changedBy) {
        Objects.requireNonNull(orderId, "orderId");
        return settleReservations(orderId, InventoryChangeReason.release, changedBy);
    }

    /**
     * Records the sale of everything reserved for an order (it was handed over): the units leave stock on hand and
     * the reservation ends.
     *
     * @return one history row per lot sold from
     */
    public List<StockChange> recordSale(UUID orderId, UUID changedBy) {
        Objects.requireNonNull(orderId, "orderId");
        return settleReservations(orderId, InventoryChangeReason.sale, changedBy);
    }

    private StockChange changeItem(UUID itemId, StockLedger.Change change) {
        return inTransaction(ledger -> {
            InventoryItemsRecord lot = ledger.lockItem(itemId);
            int unreserved = lot.getQuantityOnHand() - lot.getQuantityReserved();
            if (unreserved + change.quantityChange() < 0) {
                throw new InsufficientStockException(lot.getProductId(), -change.quantityChange(), unreserved);
            }
            return ledger.apply(lot, change);
        });
    }

    private static List<StockChange> reserveLocked(
            StockLedger ledger, UUID productId, int quantity, UUID orderId, UUID changedBy) {
        List<InventoryItemsRecord> lots = new ArrayList<>(ledger.lockLotsOfProduct(productId));
        int available = lots.stream()
                .mapToInt(lot -> lot.getQuantityOnHand() - lot.getQuantityReserved())
                .sum();
        if (available < quantity) {
            throw new InsufficientStockException(productId, quantity, available);
        }
        lots.sort(Comparator.comparing(
                        InventoryItemsRecord::getExpiresOn, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(InventoryItemsRecord::getCreatedAt));
        List<StockChange> changes = new ArrayList<>();
        int remaining = quantity;
        for (InventoryItemsRecord lot : lots) {
            int take = Math.min(remaining, lot.getQuantityOnHand() - lot.getQuantityReserved());
            if (take > 0) {
                changes.add(ledger.apply(
                        lot,
                        new StockLedger.Change(0, take, InventoryChangeReason.reservation, null, orderId, changedBy)));
                remaining -= take;
            }
        }
        return changes;
    }

    private List<StockChange> settleReservations(UUID orderId, InventoryChangeReason reason, UUID changedBy) {
        return inTransaction(ledger -> {
            Map<UUID, Integer> reservedPerLot = reservedFor(ledger, orderId);
            if (reservedPerLot.isEmpty()) {
                return List.of();
            }
            List<StockChange> changes = new ArrayList<>();
            for (InventoryItemsRecord lot : ledger.lockLots(List.copyOf(reservedPerLot.keySet()))) {
                int reserved = reservedPerLot.get(lot.getId());
                int quantityChange = reason == InventoryChangeReason.sale ? -reserved : 0;
                changes.add(ledger.apply(
                        lot, new StockLedger.Change(quantityChange, -reserved, reason, null, orderId, changedBy)));
            }
            return changes;
        });
    }

    /** Units still reserved for an order, per lot: the sum of its history's reservation changes. */
    private static Map<UUID, Integer> reservedFor(StockLedger ledger, UUID orderId) {
        return ledger.dsl()
                .select(
                        INVENTORY_HISTORY.INVENTORY_ITEM_ID,
                        sum(INVENTORY_HISTORY.RESERVED_CHANGE).cast(Integer.class))
                .from(INVENTORY_HISTORY)
                .where(INVENTORY_HISTORY.ORDER_ID.eq(orderId))
                .groupBy(INVENTORY_HISTORY.INVENTORY_ITEM_ID)
                .having(sum(INVENTORY_HISTORY.RESERVED_CHANGE).gt(BigDecimal.ZERO))
                .fetchMap(INVENTORY_HISTORY.INVENTORY_ITEM_ID, r -> r.value2());
    }

    private <T> T inTransaction(Function<StockLedger, T> work) {
        return Errors.translate(() -> dsl.transactionResult(trx -> work.apply(new StockLedger(trx.dsl()))));
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new InvalidInputException(field, "The " + field + " must be more than 0, got " + value);
        }
    }
}
