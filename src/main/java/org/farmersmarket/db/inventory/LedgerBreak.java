package org.farmersmarket.db.inventory;

import java.util.Optional;
import java.util.UUID;

/**
 * The first place where a lot's stock history stops matching its hash chain: the history was rewritten, rows were
 * deleted, inserted or reordered, or the lot's chain head was changed. Each history row's {@code chain_hash} is
 * {@code sha256} of the previous row's hash and the row's own values, and the lot keeps the newest hash, so such a
 * change shows even when it was made by the tables' owner or a superuser with the ledger's triggers disabled.
 *
 * @param kind what is wrong
 * @param historyId the first history row that does not fit; empty for {@link Kind#HEAD_MISMATCH}, and for
 *     {@link Kind#DIVERGED} when the row the saved head names is gone
 * @param position where the row comes in the lot's history (1 for the oldest), or for {@link Kind#HEAD_MISMATCH}
 *     how many chained rows the history has
 * @param chainSequence the row's stored place in the chain (0 when it has none), or for {@link Kind#HEAD_MISMATCH}
 *     how many rows the lot's head says were chained
 */
public record LedgerBreak(Kind kind, Optional<UUID> historyId, long position, long chainSequence) {

    /** How a lot's history departs from its hash chain. */
    public enum Kind {
        /** The row has no chain: it was written by something other than the library. */
        UNSEALED,
        /** The row's place in the chain is not where it comes: rows before it were deleted, inserted or reordered. */
        OUT_OF_SEQUENCE,
        /** The row's hash does not match its values and the previous row's hash: a row was changed. */
        REWRITTEN,
        /** The rows fit together, but not with the head the lot keeps: the newest rows were deleted. */
        HEAD_MISMATCH,
        /**
         * The chain fits together, but no longer holds the row a head saved earlier names: the history was rewritten
         * and every later link recomputed (by the owner) since that head was saved.
         */
        DIVERGED
    }

    /** One sentence naming the row and what it shows. */
    public String describe() {
        String row = historyId
                .map(id -> "history row " + id + " (number " + position + " of the lot)")
                .orElse("");
        return switch (kind) {
            case UNSEALED ->
                row + " has no place in the hash chain: it was written outside the library (as the owner, run SELECT"
                        + " inventory_history_seal(1000) to chain such rows)";
            case OUT_OF_SEQUENCE ->
                row + " says it is number " + chainSequence + " in the chain: rows before it"
                        + " were deleted, inserted or reordered";
            case REWRITTEN ->
                row + " does not match its hash: it or the row before it was changed after it was" + " written";
            case HEAD_MISMATCH ->
                "the lot's chain head counts " + chainSequence + " rows but its history chains " + position
                        + ": its newest rows were deleted, or the head was changed";
            case DIVERGED ->
                historyId.isPresent()
                        ? row + " does not have the hash of the chain head saved earlier: the history was rewritten"
                                + " and its chain recomputed since the heads were saved"
                        : "the lot has no history row number " + position + ", which the chain head saved earlier"
                                + " names: rows were deleted and the chain recomputed since the heads were saved";
        };
    }
}
