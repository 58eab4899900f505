package org.farmersmarket.db.inventory;

import java.util.Optional;
import java.util.UUID;

/**
 * A lot whose stored quantities disagree with the sum of its history (a change bypassed the ledger, such as a
 * manual {@code UPDATE}), or whose history no longer matches its hash chain (the history itself was rewritten).
 * Listed by {@link InventoryRepository#reconcile()}.
 *
 * @param inventoryItemId the lot
 * @param productId the lot's product
 * @param lotCode the lot's code
 * @param quantityOnHand units on hand as stored on the lot
 * @param historyQuantity units on hand according to its history: the sum of its quantity changes (0 without history)
 * @param quantityReserved units reserved as stored on the lot
 * @param historyReserved units reserved according to its history: the sum of its reserved changes (0 without history)
 * @param ledgerBreak the first row where the lot's history departs from its hash chain; empty when it matches
 */
public record ReconciliationMismatch(
        UUID inventoryItemId,
        UUID productId,
        String lotCode,
        int quantityOnHand,
        long historyQuantity,
        int quantityReserved,
        long historyReserved,
        Optional<LedgerBreak> ledgerBreak) {

    /** Units on hand that the history does not explain: stored minus history (negative when units went missing). */
    public long quantityDifference() {
        return quantityOnHand - historyQuantity;
    }

    /** Reserved units that the history does not explain: stored minus history. */
    public long reservedDifference() {
        return quantityReserved - historyReserved;
    }
}
