package org.farmersmarket.db.calendar;

import java.time.Instant;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A half-open span of time, {@code [from, to)}: back-to-back ranges do not overlap.
 *
 * @param from the start, inclusive
 * @param to the end, exclusive; after {@code from}
 */
public record TimeRange(Instant from, Instant to) {

    /**
     * Validates the range.
     *
     * @throws InvalidInputException naming {@code from} or {@code to} when missing or out of range, or {@code to}
     *     when it is not after {@code from}
     */
    public TimeRange {
        Arguments.instant(from, "from");
        Arguments.instant(to, "to");
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "The range must end after it starts: " + from + " to " + to);
        }
    }

    /** The range {@code [from, to)}. */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }
}
