package org.farmersmarket.db.orders;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidStateTransitionException;
import org.farmersmarket.db.jooq.enums.OrderStatus;

/**
 * The order life cycle: pending, confirmed, preparing, ready, completed; cancelled from any open status; refunded
 * only from completed (an order that was never handed over is cancelled, not refunded). Cancelled and refunded are
 * final.
 */
final class OrderStatusTransitions {

    /** What a status change does to the order's reserved stock. */
    enum StockEffect {
        NONE,
        /** The reservations end and the units become available again. */
        RELEASE,
        /** The reserved units leave stock: they were handed over. */
        SALE
    }

    private OrderStatusTransitions() {}

    /** The statuses an order may move to from {@code from}. */
    static Set<OrderStatus> next(OrderStatus from) {
        // An exhaustive switch: a new status in the schema fails the compile here until its transitions are decided.
        return switch (from) {
            case PENDING -> EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
            case CONFIRMED -> EnumSet.of(OrderStatus.PREPARING, OrderStatus.CANCELLED);
            case PREPARING -> EnumSet.of(OrderStatus.READY, OrderStatus.CANCELLED);
            case READY -> EnumSet.of(OrderStatus.COMPLETED, OrderStatus.CANCELLED);
            case COMPLETED -> EnumSet.of(OrderStatus.REFUNDED);
            case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    static boolean allows(OrderStatus from, OrderStatus to) {
        return next(from).contains(to);
    }

    /** Throws unless the order may move from {@code from} to {@code to}. */
    static void require(UUID orderId, OrderStatus from, OrderStatus to) {
        if (!allows(from, to)) {
            throw new InvalidStateTransitionException(Entity.ORDER, orderId, from, to);
        }
    }

    /** The stock effect of entering {@code to}, given the transition is allowed. */
    static StockEffect stockEffectOf(OrderStatus to) {
        return switch (to) {
            case CANCELLED -> StockEffect.RELEASE;
            case COMPLETED -> StockEffect.SALE;
            // Refunded follows completed only: the units were sold and stay sold.
            case PENDING, CONFIRMED, PREPARING, READY, REFUNDED -> StockEffect.NONE;
        };
    }
}
