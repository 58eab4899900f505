package org.farmersmarket.db.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Units of a completed (or refunded) order coming back into stock; see {@link InventoryRepository#recordReturn}.
 * Start from {@link #everything(UUID)} or {@link #of(UUID, Map)}.
 *
 * @param orderId the order the units were sold with
 * @param quantitiesByProduct units per product, each more than 0; empty: everything sold and not returned yet
 * @param note why, if given; a blank one counts as none
 */
public record StockReturn(UUID orderId, Optional<Map<UUID, Integer>> quantitiesByProduct, Optional<String> note) {

    /** The longest note, in characters (as a stock change's note). */
    public static final int MAX_NOTE_LENGTH = 1_000;

    /**
     * Validates the fields and copies the quantities.
     *
     * @throws InvalidInputException naming the order id when it is null, the map when it is empty, a product id when
     *     one is null, a quantity when one is null or not more than 0, the note when it is too long
     */
    public StockReturn {
        Arguments.required(orderId, "orderId");
        Arguments.required(quantitiesByProduct, "quantitiesByProduct").ifPresent(quantities -> {
            if (quantities.isEmpty()) {
                throw new InvalidInputException(
                        "quantitiesByProduct", "Nothing to return: no products given (everything() returns all)");
            }
            quantities.forEach((productId, quantity) -> {
                Arguments.required(productId, "productId");
                Arguments.positive(Arguments.required(quantity, "quantity"), "quantity");
            });
        });
        quantitiesByProduct = quantitiesByProduct.map(Map::copyOf);
        note = Arguments.optionalText(note, "note", MAX_NOTE_LENGTH);
    }

    /** Every unit the order sold that has not come back yet. */
    public static StockReturn everything(UUID orderId) {
        return new StockReturn(orderId, Optional.empty(), Optional.empty());
    }

    /** These units per product. */
    public static StockReturn of(UUID orderId, Map<UUID, Integer> quantitiesByProduct) {
        return new StockReturn(
                orderId, Optional.of(Arguments.required(quantitiesByProduct, "quantitiesByProduct")), Optional.empty());
    }

    /** This return with a note. */
    public StockReturn withNote(String text) {
        return new StockReturn(orderId, quantitiesByProduct, Optional.of(Arguments.required(text, "note")));
    }
}
