package org.farmersmarket.db.inventory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A new, empty stock lot; add units with {@link InventoryRepository#restock}.
 *
 * @param productId the product the lot holds
 * @param lotCode a code unique per product, such as a harvest batch
 * @param lowStockThreshold the available quantity at or below which the lot is low on stock, 0 or more
 * @param harvestedOn when the lot was harvested, if known
 * @param expiresOn when the lot expires, if known
 */
public record NewInventoryItem(
        UUID productId,
        String lotCode,
        int lowStockThreshold,
        Optional<LocalDate> harvestedOn,
        Optional<LocalDate> expiresOn) {

    /** The longest lot code, in characters. */
    public static final int MAX_LOT_CODE_LENGTH = 100;

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws InvalidInputException naming the first field that is missing, blank, too long, not storable text or
     *     negative
     */
    public NewInventoryItem {
        Arguments.required(productId, "productId");
        Arguments.required(harvestedOn, "harvestedOn").ifPresent(day -> Arguments.date(day, "harvestedOn"));
        Arguments.required(expiresOn, "expiresOn").ifPresent(day -> Arguments.date(day, "expiresOn"));
        Arguments.notBlankText(lotCode, "lotCode", MAX_LOT_CODE_LENGTH);
        if (lowStockThreshold < 0) {
            throw new InvalidInputException(
                    "lowStockThreshold", "Low-stock threshold must be 0 or more, got " + lowStockThreshold);
        }
    }

    /** The single default lot of a product, with a low-stock threshold of 5 and no dates. */
    public static NewInventoryItem defaultLot(UUID productId) {
        return new NewInventoryItem(productId, "default", 5, Optional.empty(), Optional.empty());
    }
}
