package org.farmersmarket.db.catalog;

import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.ProductStatus;

/**
 * Changes to a product; empty fields stay as they are. Start from {@link #none()}; see {@link
 * ProductRepository#update}.
 *
 * @param price the new price, not negative
 * @param description the new description; a blank one removes the description
 * @param status the new status
 */
public record ProductChanges(Optional<Money> price, Optional<String> description, Optional<ProductStatus> status) {

    /**
     * Validates the fields.
     *
     * @throws InvalidInputException if a field is null or the price is negative
     */
    public ProductChanges {
        Arguments.required(price, "price").ifPresent(amount -> Arguments.notNegative(amount, "price"));
        Arguments.required(description, "description")
                .ifPresent(text -> Arguments.text(text, "description", NewProduct.MAX_DESCRIPTION_LENGTH));
        Arguments.required(status, "status");
    }

    /** No changes at all. */
    public static ProductChanges none() {
        return new ProductChanges(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These changes plus a new price. */
    public ProductChanges withPrice(Money newPrice) {
        return new ProductChanges(Optional.of(Arguments.required(newPrice, "price")), description, status);
    }

    /** These changes plus a new description; a blank one removes the description. */
    public ProductChanges withDescription(String newDescription) {
        return new ProductChanges(price, Optional.of(Arguments.required(newDescription, "description")), status);
    }

    /** These changes plus a new status. */
    public ProductChanges withStatus(ProductStatus newStatus) {
        return new ProductChanges(price, description, Optional.of(Arguments.required(newStatus, "status")));
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return price.isEmpty() && description.isEmpty() && status.isEmpty();
    }
}
