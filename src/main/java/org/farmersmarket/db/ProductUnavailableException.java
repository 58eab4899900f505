package org.farmersmarket.db;

import java.util.UUID;
import org.farmersmarket.db.jooq.enums.ProductStatus;

/** A product exists but cannot be sold because it is not active (draft, inactive or archived). */
public final class ProductUnavailableException extends FarmersMarketDbException {

    private static final long serialVersionUID = 1L;

    private final UUID productId;
    private final ProductStatus status;

    /**
     * @param productId the product
     * @param status its current status
     */
    public ProductUnavailableException(UUID productId, ProductStatus status) {
        super("Product " + productId + " is " + String.valueOf(status).toLowerCase(java.util.Locale.ROOT)
                + ", not active: it cannot be ordered");
        this.productId = productId;
        this.status = status;
    }

    /** The product that cannot be sold. */
    public UUID productId() {
        return productId;
    }

    /** Its current status, such as {@link ProductStatus#ARCHIVED}. */
    public ProductStatus status() {
        return status;
    }
}
