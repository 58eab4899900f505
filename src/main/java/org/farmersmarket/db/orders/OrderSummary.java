package org.farmersmarket.db.orders;

import java.time.Instant;
import java.util.UUID;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.FulfillmentMethod;
import org.farmersmarket.db.jooq.enums.OrderStatus;

/**
 * An order as a row of a listing, without its lines and payments; fetch those with
 * {@link OrderRepository#findById}.
 *
 * @param id the order's id
 * @param orderNumber the human-readable number, such as {@code FM-00000042}
 * @param customerId the user who placed it
 * @param status where it is in its life cycle
 * @param fulfillment pickup or delivery
 * @param total what the customer pays for the whole order
 * @param createdAt when it was placed; listings sort by it, newest first
 */
public record OrderSummary(
        UUID id,
        String orderNumber,
        UUID customerId,
        OrderStatus status,
        FulfillmentMethod fulfillment,
        Money total,
        Instant createdAt) {}
