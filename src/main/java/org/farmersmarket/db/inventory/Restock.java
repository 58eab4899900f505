package org.farmersmarket.db.inventory;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;

/**
 * Units received for one lot, for {@link InventoryRepository#restockAll}.
 *
 * @param itemId the lot
 * @param quantity units received, more than 0
 */
public record Restock(UUID itemId, int quantity) {

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws InvalidInputException when the lot id is null or the quantity is not more than 0
     */
    public Restock {
        if (itemId == null) {
            throw new InvalidInputException("itemId", "A restock needs the id of its lot");
        }
        if (quantity <= 0) {
            throw new InvalidInputException(
                    "quantity", "The quantity of lot " + itemId + " must be more than 0, got " + quantity);
        }
    }
}
