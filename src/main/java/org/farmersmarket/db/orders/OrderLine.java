package org.farmersmarket.db.orders;

import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * One line of an order a customer places: which product and how many units. There is deliberately no price: the
 * price is always read from the product when the order is placed.
 *
 * @param productId the product to buy
 * @param quantity how many units, more than 0
 */
public record OrderLine(UUID productId, int quantity) {

    /**
     * Validates the line.
     *
     * @throws InvalidInputException when the product id is null or the quantity is not more than 0
     */
    public OrderLine {
        Arguments.required(productId, "productId");
        if (quantity <= 0) {
            throw new InvalidInputException(
                    "quantity", "The quantity of product " + productId + " must be more than 0, got " + quantity);
        }
    }
}
