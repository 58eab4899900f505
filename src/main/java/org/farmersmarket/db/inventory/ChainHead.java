package org.farmersmarket.db.inventory;

import java.util.HexFormat;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A lot's chain head as it was at some moment: how many history rows its hash chain had and the newest row's hash.
 * Saved away from the database (with each backup: {@code fmdb backup} writes them beside the archive), heads catch
 * what the chain alone cannot: an owner who rewrites history and recomputes every later link and the head. See
 * {@link InventoryRepository#reconcile(java.util.Collection)}.
 *
 * @param inventoryItemId the lot
 * @param historySeq its number of chained history rows, 1 or more
 * @param historyHash the newest chained row's hash, 64 hexadecimal digits (SHA-256)
 */
public record ChainHead(UUID inventoryItemId, long historySeq, String historyHash) {

    /**
     * Validates the fields.
     *
     * @throws InvalidInputException naming the field that is missing or malformed
     */
    public ChainHead {
        Arguments.required(inventoryItemId, "inventoryItemId");
        if (historySeq < 1) {
            throw new InvalidInputException("historySeq", "A chain head counts 1 row or more, got " + historySeq);
        }
        Arguments.required(historyHash, "historyHash");
        if (!historyHash.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException(
                    "historyHash",
                    "A chain head's hash is 64 lower-case hexadecimal digits, got '" + historyHash + "'");
        }
    }

    /** The hash as bytes. */
    byte[] hashBytes() {
        return HexFormat.of().parseHex(historyHash);
    }
}
