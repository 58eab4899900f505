package org.farmersmarket.db.internal.stock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.inventory.InventoryItem;

/**
 * A stock lot as the ledger reads it under its row lock: the public {@link InventoryItem}, when it was created (which
 * breaks ties between lots that expire on the same day), and whether it has expired: its {@code expires_on} is before
 * the database's {@code current_date}, so no reservation may draw from it. Its chain head is the database's alone: the write
 * ({@code inventory_ledger_apply}) links each row to it under the same lock.
 */
public record Lot(InventoryItem item, Instant createdAt, boolean expired) {

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
