package org.farmersmarket.db.inventory;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A correction of a lot's stock on hand after a count, for {@link InventoryRepository#adjust}.
 *
 * @param itemId the lot
 * @param delta units to add (positive) or remove (negative), not 0
 * @param reason why, for the audit log: required, at most {@value InventoryRepository#MAX_NOTE_LENGTH} characters
 */
public record Adjustment(UUID itemId, int delta, String reason) {

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws InvalidInputException naming the lot id when it is null, the delta when it is 0, the reason when it is
     *     blank, too long or not storable text
     */
    public Adjustment {
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
        reason = Arguments.text(reason, "reason", InventoryRepository.MAX_NOTE_LENGTH);
    }
}
