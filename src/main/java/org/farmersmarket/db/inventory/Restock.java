package org.farmersmarket.db.inventory;

import java.util.UUID;
import org.farmersmarket.db.internal.Arguments;

/**
 * Units received for one lot, for {@link InventoryRepository#restock} and {@link InventoryRepository#restockAll}.
 *
 * @param itemId the lot
 * @param quantity units received, more than 0
 * @param note optional free text, such as a delivery note, at most {@value InventoryRepository#MAX_NOTE_LENGTH}
 *     characters; null or blank for none (stored as none)
 */
public record Restock(UUID itemId, int quantity, String note) {

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws org.farmersmarket.db.InvalidInputException naming the lot id when it is null, the quantity when it is
     *     not more than 0, the note when it is too long or not storable text
     */
    public Restock {
        Arguments.required(itemId, "itemId");
        Arguments.positive(quantity, "quantity");
        note = Arguments.nullableText(note, "note", InventoryRepository.MAX_NOTE_LENGTH);
    }

    /** Units received for a lot, without a note. */
    public Restock(UUID itemId, int quantity) {
        this(itemId, quantity, null);
    }
}
