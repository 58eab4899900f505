package org.farmersmarket.db;

import java.util.UUID;

/** Fewer units are available than a caller asked to take; nothing was changed. */
public final class InsufficientStockException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final UUID productId;
    private final int requested;
    private final int available;

    /**
     * @param productId the product that is short
     * @param requested how many units were asked for
     * @param available how many units were available (on hand minus reserved)
     */
    public InsufficientStockException(UUID productId, int requested, int available) {
        super("Insufficient stock for product " + productId + ": requested " + requested + ", available " + available);
        this.productId = productId;
        this.requested = requested;
        this.available = available;
    }

    /** The product that is short. */
    public UUID productId() {
        return productId;
    }

    /** How many units were asked for. */
    public int requested() {
        return requested;
    }

    /** How many units were available. */
    public int available() {
        return available;
    }
}
