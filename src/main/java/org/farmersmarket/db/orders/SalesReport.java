package org.farmersmarket.db.orders;

import static org.farmersmarket.db.jooq.Tables.ORDERS;
import static org.farmersmarket.db.jooq.Tables.ORDER_ITEMS;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.values;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Records;
import org.jooq.Row3;
import org.jooq.Table;

/**
 * Daily sales of a vendor. The days' boundaries are computed in Java from a {@link ZoneId} and sent as a VALUES
 * table: the database never has to interpret a Java zone id (PostgreSQL reads {@code +02:00} as POSIX, the other
 * way round), and days of 23 or 25 hours come out right.
 */
final class SalesReport {

    private SalesReport() {}

    static List<DailySales> daily(DSLContext dsl, SalesQuery query) {
        LocalDate from = query.from();
        LocalDate to = query.to();
        ZoneId zone = query.zone();
        Table<Record3<LocalDate, Instant, Instant>> days =
                days(from, to, zone).as("days", "day", "starts_at", "ends_at");
        Field<LocalDate> day = days.field("day", LocalDate.class);
        Field<Instant> startsAt = days.field("starts_at", Instant.class);
        Field<Instant> endsAt = days.field("ends_at", Instant.class);
        return dsl.select(
                        day,
                        countDistinct(ORDERS.ID),
                        sum(ORDER_ITEMS.QUANTITY).cast(Integer.class),
                        row(sum(ORDER_ITEMS.LINE_TOTAL), ORDERS.CURRENCY).mapping(Money::new))
                .from(ORDER_ITEMS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(ORDER_ITEMS.ORDER_ID))
                .join(days)
                .on(ORDERS.PLACED_AT.ge(startsAt).and(ORDERS.PLACED_AT.lt(endsAt)))
                .where(ORDER_ITEMS.VENDOR_ID.eq(query.vendorId()))
                .and(ORDERS.STATUS.notIn(OrderStatus.CANCELLED, OrderStatus.REFUNDED))
                .and(ORDERS.PLACED_AT.ge(startOf(from, zone)))
                .and(ORDERS.PLACED_AT.lt(startOf(to, zone)))
                .groupBy(day, ORDERS.CURRENCY)
                .orderBy(day, ORDERS.CURRENCY)
                .fetch(Records.mapping(DailySales::new));
    }

    @SuppressWarnings("unchecked") // jOOQ takes the typed rows as varargs; the array holds only Row3s.
    private static Table<Record3<LocalDate, Instant, Instant>> days(LocalDate from, LocalDate to, ZoneId zone) {
        List<Row3<LocalDate, Instant, Instant>> rows = from.datesUntil(to)
                .map(day -> row(val(day), val(startOf(day, zone)), val(startOf(day.plusDays(1), zone))))
                .toList();
        return values(rows.toArray(Row3[]::new));
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
