package org.farmersmarket.db.calendar;

import java.util.Optional;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.farmersmarket.db.jooq.enums.MoonPhase;

/**
 * A period to add to the calendar; see {@link CalendarRepository#create(NewCalendarPeriod)}.
 *
 * @param range when it is: start inclusive, end exclusive
 * @param dayType the plant part it favours; empty for an unfavourable period
 * @param moonPhase the moon's phase
 * @param constellation the constellation the moon stands in, not blank
 * @param ascending whether the moon is ascending
 * @param notes notes, if any; a blank one counts as none
 */
public record NewCalendarPeriod(
        TimeRange range,
        Optional<BiodynamicDayType> dayType,
        MoonPhase moonPhase,
        String constellation,
        boolean ascending,
        Optional<String> notes) {

    /** The longest constellation name, in characters. */
    public static final int MAX_CONSTELLATION_LENGTH = 50;

    /** The longest notes, in characters. */
    public static final int MAX_NOTES_LENGTH = 2_000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing or invalid
     */
    public NewCalendarPeriod {
        Arguments.required(range, "range");
        Arguments.required(dayType, "dayType");
        Arguments.required(moonPhase, "moonPhase");
        Arguments.notBlankText(constellation, "constellation", MAX_CONSTELLATION_LENGTH);
        notes = Arguments.optionalText(notes, "notes", MAX_NOTES_LENGTH);
    }

    /** A period favouring {@code dayType} (null: an unfavourable one), without notes. */
    public static NewCalendarPeriod of(
            TimeRange range, BiodynamicDayType dayType, MoonPhase moonPhase, String constellation, boolean ascending) {
        return new NewCalendarPeriod(
                range, Optional.ofNullable(dayType), moonPhase, constellation, ascending, Optional.empty());
    }

    /** This period with notes. */
    public NewCalendarPeriod withNotes(String text) {
        return new NewCalendarPeriod(
                range, dayType, moonPhase, constellation, ascending, Optional.of(Arguments.required(text, "notes")));
    }
}
