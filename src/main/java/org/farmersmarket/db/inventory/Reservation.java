package org.farmersmarket.db.inventory;

import java.util.Map;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Units of products to hold for an order, for {@link InventoryRepository#reserve}: one product or many, reserved all
 * or nothing.
 *
 * @param orderId the order the units are held for
 * @param quantitiesByProduct units per product id, each more than 0, at least one product; copied
 */
public record Reservation(UUID orderId, Map<UUID, Integer> quantitiesByProduct) {

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws InvalidInputException naming the order id when it is null, the map when it is null or empty, a
     *     product id when one is null, a quantity when one is null or not more than 0
     */
    public Reservation {
        Arguments.required(orderId, "orderId");
        Arguments.required(quantitiesByProduct, "quantitiesByProduct");
        if (quantitiesByProduct.isEmpty()) {
            throw new InvalidInputException("quantitiesByProduct", "Nothing to reserve: no products given");
        }
        quantitiesByProduct.forEach((productId, quantity) -> {
            Arguments.required(productId, "productId");
            Arguments.positive(Arguments.required(quantity, "quantity"), "quantity");
        });
        quantitiesByProduct = Map.copyOf(quantitiesByProduct);
    }
}
