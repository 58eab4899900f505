package org.farmersmarket.db.internal.stock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.inventory.InventoryItem;

/**
 * A stock lot as the ledger reads it under its row lock: the public {@link InventoryItem}, when it was created (which
 * breaks ties between lots that expire on the same day), and what the next history row chains to.
 *
 * @param historySeq how many history rows the lot's chain has (its head)
 * @param historyHash the hash of the chain's newest row, or null when it has none
 * @param lockedAtMicros the locking transaction's start, {@code now()}, in microseconds since the epoch: the {@code
 *     created_at} of the rows it writes
 */
public record Lot(InventoryItem item, Instant createdAt, long historySeq, byte[] historyHash, long lockedAtMicros) {

    public UUID id() {
        return item.id();
    }

    public UUID productId() {
        return item.productId();
    }

    /** Units that can still be reserved or removed: on hand minus reserved. */
    public int available() {
        return item.available();
    }

    public Optional<LocalDate> expiresOn() {
        return item.expiresOn();
    }
}
