package org.farmersmarket.db;

import java.util.UUID;

/** A product exists but cannot be sold because it is not active (draft, inactive or archived). */
public final class ProductUnavailableException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final UUID productId;
    private final String status;

    /**
     * @param productId the product
     * @param status its current status
     */
    public ProductUnavailableException(UUID productId, Object status) {
        super("Product " + productId + " is " + status + ", not active: it cannot be ordered");
        this.productId = productId;
        this.status = String.valueOf(status);
    }

    /** The product that cannot be sold. */
    public UUID productId() {
        return productId;
    }

    /** Its current status, such as {@code archived}. */
    public String status() {
        return status;
    }
}
