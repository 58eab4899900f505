package org.farmersmarket.db.internal.stock;

import java.util.UUID;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;

/**
 * Why lots change: the same reason, note, order and person for every lot of one ledger write.
 *
 * @param reason the history rows' reason
 * @param note free text, or null
 * @param orderId the order that caused the change, or null
 * @param changedBy the user who made the change, or null for the system
 */
public record Cause(InventoryChangeReason reason, String note, UUID orderId, UUID changedBy) {}
