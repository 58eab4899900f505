package org.farmersmarket.db.inventory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A stock lot of a product.
 *
 * @param id the lot's id
 * @param productId the product it holds
 * @param lotCode the lot's code, unique per product ({@code "default"} when a product has one lot)
 * @param quantityOnHand units physically in stock
 * @param quantityReserved units promised to open orders (never above on hand)
 * @param lowStockThreshold the available quantity at or below which the lot counts as low on stock
 * @param harvestedOn when the lot was harvested, if known
 * @param expiresOn when the lot expires, if known; reservations take the lots that expire first
 */
public record InventoryItem(
        UUID id,
        UUID productId,
        String lotCode,
        int quantityOnHand,
        int quantityReserved,
        int lowStockThreshold,
        Optional<LocalDate> harvestedOn,
        Optional<LocalDate> expiresOn) {

    /** Units that can still be sold: on hand minus reserved. */
    public int available() {
        return quantityOnHand - quantityReserved;
    }
}
