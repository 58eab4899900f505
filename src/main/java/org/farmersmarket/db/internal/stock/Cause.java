package org.farmersmarket.db.internal.stock;

import java.util.UUID;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;

/**
 * Why lots change: the same reason, order and person for every lot of one ledger write, and the same note unless a
 * lot's {@link Delta} has its own.
 *
 * @param reason the history rows' reason
 * @param note free text, or null
 * @param orderId the order that caused the change, or null
 * @param changedBy the user who made the change, or null for the system
 */
public record Cause(InventoryChangeReason reason, String note, UUID orderId, UUID changedBy) {

    /** This cause with the delta's own note, if it has one. */
    Cause of(Delta delta) {
        return delta.note() == null ? this : new Cause(reason, delta.note(), orderId, changedBy);
    }
}
