package org.farmersmarket.db.calendar;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.jooq.enums.BiodynamicDayType;
import org.farmersmarket.db.jooq.enums.MoonPhase;

/**
 * A period of the planting calendar: from {@code startsAt} (inclusive) to {@code endsAt} (exclusive).
 *
 * @param id the period's id
 * @param startsAt when it starts
 * @param endsAt when it ends (the next period may start then)
 * @param dayType the plant part it favours; empty for an unfavourable period (no planting)
 * @param moonPhase the moon's phase
 * @param constellation the constellation the moon stands in
 * @param ascending whether the moon is ascending
 * @param notes notes, if any
 */
public record CalendarPeriod(
        UUID id,
        Instant startsAt,
        Instant endsAt,
        Optional<BiodynamicDayType> dayType,
        MoonPhase moonPhase,
        String constellation,
        boolean ascending,
        Optional<String> notes) {}
