package org.farmersmarket.db.inventory;

import java.util.UUID;

/**
 * A lot that is low on stock: its available units (on hand minus reserved) are at or below its low-stock
 * threshold. Listed by {@link InventoryRepository#listLowStock}.
 *
 * @param inventoryItemId the lot
 * @param productId the lot's product
 * @param productName the product's current name
 * @param lotCode the lot's code
 * @param available units that can still be sold: on hand minus reserved
 * @param lowStockThreshold the lot's threshold
 */
public record LowStockItem(
        UUID inventoryItemId,
        UUID productId,
        String productName,
        String lotCode,
        int available,
        int lowStockThreshold) {

    /** How far the lot is below its threshold: threshold minus available, 0 when exactly at it. */
    public int shortfall() {
        return lowStockThreshold - available;
    }
}
