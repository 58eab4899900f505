package org.farmersmarket.db.inventory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;

/**
 * One row of the append-only stock history: what changed on a lot, why, and the state after it.
 *
 * @param id the history row's id
 * @param inventoryItemId the lot that changed
 * @param productId the lot's product
 * @param quantityChange the change of units on hand (negative for spoilage and sales; 0 for reservations)
 * @param reservedChange the change of reserved units (positive for reservations, negative for releases and sales)
 * @param quantityAfter units on hand after the change
 * @param reservedAfter units reserved after the change
 * @param reason why the stock changed
 * @param note free text from the person who made the change, if any
 * @param orderId the order that caused the change, if any
 * @param changedBy the user who made the change, if known
 * @param createdAt when it happened
 */
public record StockChange(
        UUID id,
        UUID inventoryItemId,
        UUID productId,
        int quantityChange,
        int reservedChange,
        int quantityAfter,
        int reservedAfter,
        InventoryChangeReason reason,
        Optional<String> note,
        Optional<UUID> orderId,
        Optional<UUID> changedBy,
        Instant createdAt) {}
