package org.farmersmarket.db.inventory;

import java.util.UUID;
import org.farmersmarket.db.internal.Arguments;

/**
 * Units of a lot that spoiled, for {@link InventoryRepository#recordSpoilage}.
 *
 * @param itemId the lot
 * @param quantity units spoiled, more than 0
 * @param note optional free text, such as the cause, at most {@value InventoryRepository#MAX_NOTE_LENGTH} characters;
 *     null or blank for none
 */
public record Spoilage(UUID itemId, int quantity, String note) {

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws org.farmersmarket.db.InvalidInputException naming the lot id when it is null, the quantity when it is
     *     not more than 0, the note when it is too long or not storable text
     */
    public Spoilage {
        Arguments.required(itemId, "itemId");
        Arguments.positive(quantity, "quantity");
        note = Arguments.nullableText(note, "note", InventoryRepository.MAX_NOTE_LENGTH);
    }

    /** Units of a lot that spoiled, without a note. */
    public Spoilage(UUID itemId, int quantity) {
        this(itemId, quantity, null);
    }
}
