package org.farmersmarket.db.calendar;

import static org.farmersmarket.db.jooq.Tables.BIODYNAMIC_CALENDAR;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Work;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The biodynamic planting calendar. Periods never overlap (the schema's exclusion constraint {@code
 * biodynamic_calendar_no_overlap} keeps them apart), so at any instant at most one period applies.
 */
public final class CalendarRepository {

    /** The longest range {@link #periodsIn} answers for: a year and a day (a year holds some 150 periods). */
    public static final Duration MAX_RANGE = Duration.ofDays(366);

    /** The most periods {@link #nextPeriods} returns at once. */
    public static final int MAX_NEXT = 100;

    private static final List<Field<?>> COLUMNS = List.of(
            BIODYNAMIC_CALENDAR.ID,
            BIODYNAMIC_CALENDAR.STARTS_AT,
            BIODYNAMIC_CALENDAR.ENDS_AT,
            BIODYNAMIC_CALENDAR.DAY_TYPE,
            BIODYNAMIC_CALENDAR.MOON_PHASE,
            BIODYNAMIC_CALENDAR.CONSTELLATION,
            BIODYNAMIC_CALENDAR.IS_ASCENDING,
            BIODYNAMIC_CALENDAR.NOTES);

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public CalendarRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Adds a period. One round trip.
     *
     * @return the stored period
     * @throws InvalidInputException if {@code period} is null; with rule {@code biodynamic_calendar_no_overlap} if
     *     it overlaps a stored period (touching one, end to start, is fine)
     */
    public CalendarPeriod create(NewCalendarPeriod period) {
        Arguments.required(period, "period");
        return Work.write(
                dsl,
                tx -> tx.insertInto(BIODYNAMIC_CALENDAR)
                        .set(BIODYNAMIC_CALENDAR.STARTS_AT, period.range().from())
                        .set(BIODYNAMIC_CALENDAR.ENDS_AT, period.range().to())
                        .set(BIODYNAMIC_CALENDAR.DAY_TYPE, period.dayType().orElse(null))
                        .set(BIODYNAMIC_CALENDAR.MOON_PHASE, period.moonPhase())
                        .set(BIODYNAMIC_CALENDAR.CONSTELLATION, period.constellation())
                        .set(BIODYNAMIC_CALENDAR.IS_ASCENDING, period.ascending())
                        .set(BIODYNAMIC_CALENDAR.NOTES, period.notes().orElse(null))
                        .returningResult(COLUMNS)
                        .fetchSingle(ResultRow.mapping(CalendarRepository::period)));
    }

    /**
     * The period that applies at an instant: the last one starting at or before it, if it has not ended. One round
     * trip, one index probe (periods never overlap).
     *
     * @return the period; empty where the calendar has a gap
     * @throws InvalidInputException if {@code instant} is null or out of range
     */
    public Optional<CalendarPeriod> findAt(Instant instant) {
        Arguments.instant(instant, "instant");
        return Work.read(() -> dsl.select(COLUMNS)
                        .from(BIODYNAMIC_CALENDAR)
                        .where(BIODYNAMIC_CALENDAR.STARTS_AT.le(instant))
                        .orderBy(BIODYNAMIC_CALENDAR.STARTS_AT.desc())
                        .limit(1)
                        .fetchOptional(ResultRow.mapping(CalendarRepository::period)))
                .filter(period -> period.endsAt().isAfter(instant));
    }

    /**
     * The periods that overlap a range, in order: the one under way at its start included. One round trip, on the
     * exclusion constraint's GiST index.
     *
     * @throws InvalidInputException if {@code range} is null; with rule {@code range} when it spans more than
     *     {@link #MAX_RANGE}
     */
    public List<CalendarPeriod> periodsIn(TimeRange range) {
        Arguments.required(range, "range");
        if (Duration.between(range.from(), range.to()).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException(
                    "range", "The range must span at most " + MAX_RANGE.toDays() + " days: " + range);
        }
        return Work.read(() -> dsl.select(COLUMNS)
                .from(BIODYNAMIC_CALENDAR)
                .where(overlaps(range))
                .orderBy(BIODYNAMIC_CALENDAR.STARTS_AT)
                .fetch(ResultRow.mapping(CalendarRepository::period)));
    }

    /**
     * The next periods of a kind: those favouring {@code dayType} that have not ended at {@code from} (the one under
     * way included), in order. One round trip.
     *
     * @param count how many, 1 to {@value #MAX_NEXT}
     * @throws InvalidInputException naming an argument that is null or out of range
     */
    public List<CalendarPeriod> nextPeriods(BiodynamicDayType dayType, Instant from, int count) {
        Arguments.required(dayType, "dayType");
        Arguments.instant(from, "from");
        Arguments.between(count, 1, MAX_NEXT, "count");
        return Work.read(() -> dsl.select(COLUMNS)
                .from(BIODYNAMIC_CALENDAR)
                .where(BIODYNAMIC_CALENDAR.DAY_TYPE.eq(dayType))
                .and(BIODYNAMIC_CALENDAR.ENDS_AT.gt(from))
                .orderBy(BIODYNAMIC_CALENDAR.STARTS_AT)
                .limit(count)
                .fetch(ResultRow.mapping(CalendarRepository::period)));
    }

    /** The exclusion constraint's own expression, so the planner can use its GiST index. */
    private static Condition overlaps(TimeRange range) {
        return DSL.condition(
                "tstzrange({0}, {1}) && tstzrange({2}, {3})",
                BIODYNAMIC_CALENDAR.STARTS_AT,
                BIODYNAMIC_CALENDAR.ENDS_AT,
                DSL.val(range.from(), BIODYNAMIC_CALENDAR.STARTS_AT),
                DSL.val(range.to(), BIODYNAMIC_CALENDAR.ENDS_AT));
    }

    private static CalendarPeriod period(ResultRow row) {
        return new CalendarPeriod(
                row.get(BIODYNAMIC_CALENDAR.ID),
                row.get(BIODYNAMIC_CALENDAR.STARTS_AT),
                row.get(BIODYNAMIC_CALENDAR.ENDS_AT),
                Optional.ofNullable(row.get(BIODYNAMIC_CALENDAR.DAY_TYPE)),
                row.get(BIODYNAMIC_CALENDAR.MOON_PHASE),
                row.get(BIODYNAMIC_CALENDAR.CONSTELLATION),
                row.get(BIODYNAMIC_CALENDAR.IS_ASCENDING),
                Optional.ofNullable(row.get(BIODYNAMIC_CALENDAR.NOTES)));
    }
}
