package org.farmersmarket.db.inventory;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.InventoryChangeReason;

/**
 * Which stock history rows to list with {@link InventoryRepository#listHistory}: every filter that is present must
 * match, so filters combine with AND. Start from {@link #all()} and narrow it, for example
 * {@code HistoryQuery.all().forProduct(id).withReasons(InventoryChangeReason.SALE).since(monday)}.
 *
 * @param productId only changes of this product's lots
 * @param inventoryItemId only changes of this lot
 * @param reasons only changes with one of these reasons; empty for any reason
 * @param from only changes made at or after this instant (inclusive)
 * @param to only changes made before this instant (exclusive)
 * @param orderId only changes caused by this order
 * @param changedBy only changes made by this user
 */
public record HistoryQuery(
        Optional<UUID> productId,
        Optional<UUID> inventoryItemId,
        Set<InventoryChangeReason> reasons,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<UUID> orderId,
        Optional<UUID> changedBy) {

    /**
     * Validates the filters and copies the reasons.
     *
     * @throws InvalidInputException when a component is null, a reason is null, or {@code from} is not before
     *     {@code to}
     */
    public HistoryQuery {
        requirePresent("productId", productId);
        requirePresent("inventoryItemId", inventoryItemId);
        requirePresent("reasons", reasons);
        requirePresent("from", from).ifPresent(instant -> Arguments.instant(instant, "from"));
        requirePresent("to", to).ifPresent(instant -> Arguments.instant(instant, "to"));
        requirePresent("orderId", orderId);
        requirePresent("changedBy", changedBy);
        if (reasons.stream().anyMatch(reason -> reason == null)) {
            throw new InvalidInputException("reasons", "The reasons must not contain null");
        }
        reasons = Set.copyOf(reasons);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidInputException(
                    "to", "The range end " + to.get() + " must be after its start " + from.get());
        }
    }

    /** Every history row: no filter at all. */
    public static HistoryQuery all() {
        return new HistoryQuery(
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** This query narrowed to the lots of one product. */
    public HistoryQuery forProduct(UUID productId) {
        return new HistoryQuery(
                Optional.of(required("productId", productId)), inventoryItemId, reasons, from, to, orderId, changedBy);
    }

    /** This query narrowed to one lot. */
    public HistoryQuery forItem(UUID inventoryItemId) {
        return new HistoryQuery(
                productId,
                Optional.of(required("inventoryItemId", inventoryItemId)),
                reasons,
                from,
                to,
                orderId,
                changedBy);
    }

    /**
     * This query narrowed to changes with any of these reasons (replacing earlier reasons).
     *
     * @throws InvalidInputException when no reason is given or one is null
     */
    public HistoryQuery withReasons(InventoryChangeReason... reasons) {
        required("reasons", reasons);
        if (reasons.length == 0) {
            throw new InvalidInputException("reasons", "Name at least one reason; HistoryQuery.all() has none");
        }
        if (Arrays.stream(reasons).anyMatch(reason -> reason == null)) {
            throw new InvalidInputException("reasons", "The reasons must not contain null");
        }
        return new HistoryQuery(
                productId, inventoryItemId, EnumSet.copyOf(Arrays.asList(reasons)), from, to, orderId, changedBy);
    }

    /** This query narrowed to changes made at or after {@code from}. */
    public HistoryQuery since(Instant from) {
        return new HistoryQuery(
                productId, inventoryItemId, reasons, Optional.of(required("from", from)), to, orderId, changedBy);
    }

    /** This query narrowed to changes made before {@code to}. */
    public HistoryQuery before(Instant to) {
        return new HistoryQuery(
                productId, inventoryItemId, reasons, from, Optional.of(required("to", to)), orderId, changedBy);
    }

    /** This query narrowed to changes made in {@code [from, to)}. */
    public HistoryQuery between(Instant from, Instant to) {
        // Both ends at once: narrowing one end after the other could fail against an old bound.
        return new HistoryQuery(
                productId,
                inventoryItemId,
                reasons,
                Optional.of(required("from", from)),
                Optional.of(required("to", to)),
                orderId,
                changedBy);
    }

    /** This query narrowed to changes caused by one order. */
    public HistoryQuery forOrder(UUID orderId) {
        return new HistoryQuery(
                productId, inventoryItemId, reasons, from, to, Optional.of(required("orderId", orderId)), changedBy);
    }

    /** This query narrowed to changes made by one user. */
    public HistoryQuery changedByUser(UUID userId) {
        return new HistoryQuery(
                productId, inventoryItemId, reasons, from, to, orderId, Optional.of(required("changedBy", userId)));
    }

    private static <T> T requirePresent(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "The " + field + " filter must not be null; use Optional.empty()");
        }
        return value;
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "The " + field + " filter value must not be null");
        }
        return value;
    }
}
