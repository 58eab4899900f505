package org.farmersmarket.db.internal.stock;

import java.util.UUID;

/**
 * How much one lot changes: units on hand and units reserved, either may be 0 but not both.
 *
 * @param itemId the lot
 * @param quantityChange units added to (positive) or removed from (negative) stock on hand
 * @param reservedChange units reserved (positive) or no longer reserved (negative)
 * @param note this lot's note, or null for the write's ({@link Cause#note()})
 */
public record Delta(UUID itemId, int quantityChange, int reservedChange, String note) {

    /** A change with the write's note. */
    public Delta(UUID itemId, int quantityChange, int reservedChange) {
        this(itemId, quantityChange, reservedChange, null);
    }
}
