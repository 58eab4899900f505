package org.farmersmarket.db.orders;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.OrderStatus;

/**
 * Which orders a listing returns. Every part is optional; an empty filter matches every order.
 *
 * @param statuses the statuses to include; empty means every status
 * @param from the earliest creation instant to include (inclusive), if any
 * @param to the creation instant to stop before (exclusive), if any
 */
public record OrderFilter(Set<OrderStatus> statuses, Optional<Instant> from, Optional<Instant> to) {

    /**
     * Validates the filter and copies the statuses.
     *
     * @throws InvalidInputException when a part is null or {@code from} is not before {@code to}
     */
    public OrderFilter {
        Arguments.required(statuses, "statuses");
        Arguments.required(from, "from").ifPresent(instant -> Arguments.instant(instant, "from"));
        Arguments.required(to, "to").ifPresent(instant -> Arguments.instant(instant, "to"));
        // Set.of(...).contains(null) throws, so look for null by hand.
        if (statuses.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("statuses", "The statuses must not contain null");
        }
        statuses = Set.copyOf(statuses);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidInputException(
                    "to", "The range end " + to.get() + " must be after its start " + from.get());
        }
    }

    /** Matches every order. */
    public static OrderFilter all() {
        return new OrderFilter(Set.of(), Optional.empty(), Optional.empty());
    }

    /** The same filter, keeping only orders in one of these statuses. */
    public OrderFilter withStatuses(OrderStatus first, OrderStatus... more) {
        Arguments.required(first, "statuses");
        if (Arguments.required(more, "statuses").length > 0
                && java.util.Arrays.stream(more).anyMatch(Objects::isNull)) {
            throw new InvalidInputException("statuses", "The statuses must not contain null");
        }
        return new OrderFilter(EnumSet.of(first, more), from, to);
    }

    /** The same filter, keeping only orders created in {@code [from, to)}. */
    public OrderFilter createdBetween(Instant from, Instant to) {
        return new OrderFilter(statuses, Optional.ofNullable(from), Optional.ofNullable(to));
    }
}
