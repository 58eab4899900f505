package org.farmersmarket.db.orders;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * Which sales {@link OrderRepository#salesSummary} adds up: a vendor's, over a range of days in a time zone.
 *
 * @param vendorId the vendor
 * @param from the first day, inclusive
 * @param to the day after the last, exclusive; at most {@value #MAX_DAYS} days after {@code from}
 * @param zone where the days begin and end, such as the market's {@code America/Chicago}
 */
public record SalesQuery(UUID vendorId, LocalDate from, LocalDate to, ZoneId zone) {

    /** The longest range one summary covers, in days. */
    public static final int MAX_DAYS = 366;

    /**
     * Validates the fields before anything reaches the database.
     *
     * @throws InvalidInputException naming the first field that is null or out of PostgreSQL's date range, or
     *     {@code to} when it is not after {@code from} or more than {@value #MAX_DAYS} days after it
     */
    public SalesQuery {
        Arguments.required(vendorId, "vendorId");
        Arguments.date(from, "from");
        Arguments.date(to, "to");
        Arguments.required(zone, "zone");
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "The range end " + to + " must be after its start " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new InvalidInputException(
                    "to", "A sales summary covers at most " + MAX_DAYS + " days, got " + from + " to " + to);
        }
    }
}
