package org.farmersmarket.db.orders;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.IdempotentWrites;
import org.farmersmarket.db.jooq.enums.FulfillmentMethod;

/**
 * A customer's request to place an order.
 *
 * <p>Several lines for the same product are merged into one line with the summed quantity (a cart may well add the
 * same product twice); the order then has one item per product.
 *
 * @param customerId the user who places the order
 * @param lines what to buy, 1 to {@value #MAX_LINES} lines
 * @param fulfillment pickup at the market or delivery
 * @param deliveryAddress where to deliver: required for delivery, must be empty for pickup
 * @param notes free text from the customer, if any
 */
public record PlaceOrder(
        UUID customerId,
        List<OrderLine> lines,
        FulfillmentMethod fulfillment,
        Optional<String> deliveryAddress,
        Optional<String> notes) {

    /** The most lines one order may have. */
    public static final int MAX_LINES = 100;

    /** The longest delivery address, in characters. */
    public static final int MAX_ADDRESS_LENGTH = 500;

    /** The longest notes, in characters; blank notes are none. */
    public static final int MAX_NOTES_LENGTH = 1000;

    /**
     * Validates the request and copies the lines.
     *
     * @throws InvalidInputException when a field is missing, there are no lines or more than {@value #MAX_LINES},
     *     a delivery has no address or a pickup has one
     */
    public PlaceOrder {
        Arguments.required(customerId, "customerId");
        Arguments.required(fulfillment, "fulfillment");
        Arguments.required(deliveryAddress, "deliveryAddress")
                .ifPresent(address -> Arguments.text(address, "deliveryAddress", MAX_ADDRESS_LENGTH));
        notes = Arguments.optionalText(notes, "notes", MAX_NOTES_LENGTH);
        if (Arguments.required(lines, "lines").stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("lines", "The lines must not contain null");
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new InvalidInputException(
                    "lines", "An order needs 1 to " + MAX_LINES + " lines, got " + lines.size());
        }
        requireAddressMatchesFulfillment(fulfillment, deliveryAddress);
    }

    /** An order picked up at the market, without notes. */
    public static PlaceOrder pickup(UUID customerId, List<OrderLine> lines) {
        return new PlaceOrder(customerId, lines, FulfillmentMethod.PICKUP, Optional.empty(), Optional.empty());
    }

    /** An order delivered to an address, without notes. */
    public static PlaceOrder delivery(UUID customerId, List<OrderLine> lines, String deliveryAddress) {
        return new PlaceOrder(
                customerId, lines, FulfillmentMethod.DELIVERY, Optional.ofNullable(deliveryAddress), Optional.empty());
    }

    /** The same request with the customer's notes. */
    public PlaceOrder withNotes(String notes) {
        return new PlaceOrder(customerId, lines, fulfillment, deliveryAddress, Optional.ofNullable(notes));
    }

    /** The quantity per product, lines for the same product summed; an overflowing sum is invalid input. */
    Map<UUID, Integer> quantitiesByProduct() {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            quantities.merge(line.productId(), line.quantity(), PlaceOrder::addQuantities);
        }
        return Collections.unmodifiableMap(quantities);
    }

    /** The request as an idempotency key compares it: lines merged per product and sorted, so their order is free. */
    IdempotentWrites.Request canonicalForm() {
        IdempotentWrites.Request form = new IdempotentWrites.Request()
                .with(customerId)
                .with(fulfillment)
                .with(deliveryAddress.orElse(null))
                .with(notes.orElse(null));
        new TreeMap<>(quantitiesByProduct())
                .forEach((product, quantity) -> form.with(product).with(quantity));
        return form;
    }

    private static int addQuantities(int first, int second) {
        try {
            return Math.addExact(first, second);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("quantity", "The summed quantity of a product is too large");
        }
    }

    private static void requireAddressMatchesFulfillment(FulfillmentMethod fulfillment, Optional<String> address) {
        if (fulfillment == FulfillmentMethod.DELIVERY
                && address.filter(a -> !a.isBlank()).isEmpty()) {
            throw new InvalidInputException("deliveryAddress", "A delivery order needs a delivery address");
        }
        if (fulfillment == FulfillmentMethod.PICKUP && address.isPresent()) {
            throw new InvalidInputException("deliveryAddress", "A pickup order takes no delivery address");
        }
    }
}
