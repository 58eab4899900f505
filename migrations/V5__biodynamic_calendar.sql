-- V5: the biodynamic (lunar) planting calendar.

CREATE TYPE biodynamic_day_type AS ENUM ('root', 'flower', 'leaf', 'fruit');

CREATE TYPE moon_phase AS ENUM (
    'new_moon', 'waxing_crescent', 'first_quarter', 'waxing_gibbous',
    'full_moon', 'waning_gibbous', 'last_quarter', 'waning_crescent'
);

CREATE TABLE biodynamic_calendar (
    id            uuid                NOT NULL DEFAULT gen_random_uuid(),
    starts_at     timestamptz         NOT NULL,
    ends_at       timestamptz         NOT NULL,
    -- NULL marks an unfavourable period: no planting.
    day_type      biodynamic_day_type,
    moon_phase    moon_phase          NOT NULL,
    constellation text                NOT NULL,
    is_ascending  boolean             NOT NULL,
    notes         text,
    created_at    timestamptz         NOT NULL DEFAULT now(),
    updated_at    timestamptz         NOT NULL DEFAULT now(),
    CONSTRAINT biodynamic_calendar_pkey PRIMARY KEY (id),
    CONSTRAINT biodynamic_calendar_ends_at_check CHECK (ends_at > starts_at),
    -- Periods must not overlap. Ranges are half-open [starts_at, ends_at), so back-to-back periods are fine.
    -- Range types have built-in GiST support: no btree_gist extension needed.
    CONSTRAINT biodynamic_calendar_no_overlap EXCLUDE USING gist (tstzrange(starts_at, ends_at) WITH &&)
);

COMMENT ON TABLE biodynamic_calendar IS 'Lunar planting calendar: periods with their day type, moon phase and constellation.';
COMMENT ON COLUMN biodynamic_calendar.day_type IS 'Favoured plant part for the period; NULL = unfavourable period, no planting.';

CREATE INDEX biodynamic_calendar_starts_at_idx ON biodynamic_calendar (starts_at);

CREATE TRIGGER biodynamic_calendar_set_updated_at
    BEFORE UPDATE ON biodynamic_calendar
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
