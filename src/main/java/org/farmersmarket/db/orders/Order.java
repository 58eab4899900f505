package org.farmersmarket.db.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.FulfillmentMethod;
import org.farmersmarket.db.jooq.enums.OrderStatus;

/**
 * A customer's order with its lines and payments. All amounts are in the order's one currency, and {@code total}
 * is always {@code subtotal + tax + fees}.
 *
 * @param id the order's id
 * @param orderNumber the human-readable number, such as {@code FM-00000042}
 * @param customerId the user who placed it
 * @param status where it is in its life cycle
 * @param fulfillment pickup or delivery
 * @param deliveryAddress where to deliver, for deliveries
 * @param subtotal the sum of the line totals
 * @param tax the tax on the subtotal
 * @param fees the service fee plus, for deliveries, the delivery fee
 * @param total what the customer pays
 * @param notes the customer's notes, if any
 * @param placedAt when it was placed
 * @param statusChangedAt when its status last changed
 * @param createdAt when the row was written
 * @param updatedAt when the row last changed
 * @param items its lines, by product name
 * @param payments its payments, oldest first
 */
public record Order(
        UUID id,
        String orderNumber,
        UUID customerId,
        OrderStatus status,
        FulfillmentMethod fulfillment,
        Optional<String> deliveryAddress,
        Money subtotal,
        Money tax,
        Money fees,
        Money total,
        Optional<String> notes,
        Instant placedAt,
        Instant statusChangedAt,
        Instant createdAt,
        Instant updatedAt,
        List<OrderItem> items,
        List<Payment> payments) {

    /** Copies the lists so the order is immutable. */
    public Order {
        items = List.copyOf(items);
        payments = List.copyOf(payments);
    }
}
