package org.farmersmarket.db.internal.stock;

import java.util.UUID;

/**
 * How much one lot changes: units on hand and units reserved, either may be 0 but not both.
 *
 * @param itemId the lot
 * @param quantityChange units added to (positive) or removed from (negative) stock on hand
 * @param reservedChange units reserved (positive) or no longer reserved (negative)
 */
public record Delta(UUID itemId, int quantityChange, int reservedChange) {}
