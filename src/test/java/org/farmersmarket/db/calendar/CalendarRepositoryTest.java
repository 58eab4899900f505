package org.farmersmarket.db.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.farmersmarket.db.jooq.enums.MoonPhase;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The methods share the class's database: each test adds its periods on days of its own. */
@MigratedDatabase
class CalendarRepositoryTest {

    private CalendarRepository calendar;

    @BeforeEach
    void setUp(TestDatabase db) {
        calendar = FarmersMarketDb.using(db.dataSource()).calendar();
    }

    private static final Instant START = Instant.parse("2901-03-01T00:00:00Z");

    private static TimeRange days(int fromDay, int toDay) {
        return TimeRange.of(START.plus(Duration.ofDays(fromDay)), START.plus(Duration.ofDays(toDay)));
    }

    private CalendarPeriod add(int fromDay, int toDay, BiodynamicDayType type) {
        return calendar.create(
                NewCalendarPeriod.of(days(fromDay, toDay), type, MoonPhase.WAXING_CRESCENT, "Taurus", true));
    }

    @Test
    void periods_areFoundAtAnInstant_inARange_andByKind() {
        CalendarPeriod root = add(0, 2, BiodynamicDayType.ROOT);
        CalendarPeriod none = add(2, 3, null);
        CalendarPeriod leaf = add(3, 5, BiodynamicDayType.LEAF);
        CalendarPeriod root2 = add(6, 8, BiodynamicDayType.ROOT);

        assertThat(calendar.findAt(START)).contains(root);
        assertThat(calendar.findAt(START.plus(Duration.ofDays(2)))).contains(none);
        assertThat(none.dayType()).isEmpty();
        assertThat(calendar.findAt(START.plus(Duration.ofDays(5)).plusSeconds(1)))
                .isEmpty();
        assertThat(calendar.periodsIn(TimeRange.of(START.plus(Duration.ofHours(36)), START.plus(Duration.ofDays(4)))))
                .containsExactly(root, none, leaf);
        assertThat(calendar.nextPeriods(BiodynamicDayType.ROOT, START.plus(Duration.ofDays(1)), 5))
                .containsExactly(root, root2);
        assertThat(calendar.nextPeriods(BiodynamicDayType.ROOT, START.plus(Duration.ofDays(2)), 1))
                .containsExactly(root2);
    }

    @Test
    void anOverlappingPeriod_isRefusedNamingTheRule_andBackToBackIsFine() {
        add(10, 12, BiodynamicDayType.FRUIT);
        add(12, 13, BiodynamicDayType.FLOWER);

        assertThatThrownBy(() -> add(11, 14, BiodynamicDayType.LEAF))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.rule()).isEqualTo("biodynamic_calendar_no_overlap"));
    }

    @Test
    void badInput_isRefusedByName() {
        assertThatThrownBy(() -> days(3, 3))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("to"));
        assertThatThrownBy(() -> calendar.periodsIn(days(0, 400)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("range"));
        assertThatThrownBy(() -> calendar.nextPeriods(BiodynamicDayType.ROOT, START, 0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("count"));
        assertThatThrownBy(() -> calendar.findAt(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("instant"));
    }
}
