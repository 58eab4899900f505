package org.farmersmarket.db.orders;

import java.time.LocalDate;
import org.farmersmarket.db.Money;

/**
 * One vendor's sales on one day, from the lines of its orders that were not cancelled or refunded.
 *
 * @param day the calendar day, in the time zone the report was asked for
 * @param orderCount how many orders contained the vendor's products
 * @param units how many units of the vendor's products they contained
 * @param revenue the sum of those line totals (before tax and fees)
 */
public record DailySales(LocalDate day, int orderCount, int units, Money revenue) {}
