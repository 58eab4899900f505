-- V10: a hash chain through each lot's stock history, so that a rewrite, a deletion or a reordering of
-- inventory_history is detected even when the owner or a superuser did it with the triggers disabled.
--
-- Each history row carries its place in its lot's chain (chain_seq: 1, 2, 3, ...) and chain_hash =
-- sha256(previous row's chain_hash || the row's contents); the lot keeps the head (history_seq, history_hash) so
-- that deleting the newest rows shows too. The library's one ledger statement advances the head and writes the row
-- together (the lot is locked by that UPDATE, so a lot's rows are chained one at a time). Rows written some other
-- way have no chain yet: inventory_history_seal() appends them to their lot's chain; V11 seals the rows that exist.
--
-- Touches existing tables, by the rules of CONTRIBUTING.md: nullable columns and a constant default only
-- (no table rewrite; each ALTER waits at most the session's lock_timeout), new functions, and CREATE OR REPLACE of
-- the append-only trigger's function (no table lock).

ALTER TABLE inventory_items
    ADD COLUMN history_seq bigint NOT NULL DEFAULT 0,
    ADD COLUMN history_hash bytea;

COMMENT ON COLUMN inventory_items.history_seq IS 'Number of history rows chained for this lot (the chain''s head).';
COMMENT ON COLUMN inventory_items.history_hash IS 'chain_hash of the lot''s newest chained history row.';

ALTER TABLE inventory_history
    ADD COLUMN chain_seq bigint,
    ADD COLUMN chain_hash bytea;

COMMENT ON COLUMN inventory_history.chain_seq IS 'Position in the lot''s hash chain, from 1; NULL until sealed.';
COMMENT ON COLUMN inventory_history.chain_hash IS 'sha256(previous chain_hash || this row), see inventory_history_link.';

-- The one definition of a link, used by the writes, the seal and the checks. The contents are written out
-- unambiguously: every value in a fixed place, NULL apart from any text (quote_nullable), the time as microseconds
-- since the epoch (independent of the session's TimeZone and DateStyle).
CREATE FUNCTION inventory_history_link(
    previous bytea, inventory_item_id uuid, product_id uuid, chain_seq bigint, quantity_change integer,
    reserved_change integer, quantity_after integer, reserved_after integer, reason inventory_change_reason,
    note text, order_id uuid, changed_by uuid, created_at timestamptz)
RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT sha256(coalesce(previous, '\x'::bytea) || convert_to(concat_ws('|',
        inventory_item_id, product_id, chain_seq, quantity_change, reserved_change, quantity_after, reserved_after,
        reason, quote_nullable(note), quote_nullable(order_id), quote_nullable(changed_by),
        (extract(epoch FROM created_at) * 1000000)::bigint), 'UTF8'))
$$;

COMMENT ON FUNCTION inventory_history_link(bytea, uuid, uuid, bigint, integer, integer, integer, integer,
    inventory_change_reason, text, uuid, uuid, timestamptz) IS 'Hash of one history row chained to the previous one of its lot.';

-- Sealing is the one UPDATE the ledger allows: setting the chain columns of a row that has none, nothing else.
CREATE OR REPLACE FUNCTION inventory_history_reject_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.chain_hash IS NULL AND NEW.chain_hash IS NOT NULL
            AND to_jsonb(OLD) - 'chain_seq' - 'chain_hash' = to_jsonb(NEW) - 'chain_seq' - 'chain_hash' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'inventory_history is append-only: % is not allowed', TG_OP
        USING ERRCODE = '55000';
    RETURN NULL;
END;
$$;

-- Appends the unsealed rows of one lot to its chain, oldest first; returns how many it sealed. The caller holds
-- the lot's row lock, as every writer of the lot's history does.
CREATE FUNCTION inventory_history_seal_lot(lot uuid) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    entry record;
    head_seq bigint;
    head_hash bytea;
    sealed integer := 0;
BEGIN
    SELECT i.history_seq, i.history_hash INTO head_seq, head_hash FROM inventory_items i WHERE i.id = lot;
    FOR entry IN
        SELECT h.* FROM inventory_history h
        WHERE h.inventory_item_id = lot AND h.chain_hash IS NULL
        ORDER BY h.created_at, h.id
    LOOP
        head_seq := head_seq + 1;
        head_hash := inventory_history_link(
            head_hash, entry.inventory_item_id, entry.product_id, head_seq, entry.quantity_change,
            entry.reserved_change, entry.quantity_after, entry.reserved_after, entry.reason, entry.note,
            entry.order_id, entry.changed_by, entry.created_at);
        UPDATE inventory_history SET chain_seq = head_seq, chain_hash = head_hash WHERE id = entry.id;
        sealed := sealed + 1;
    END LOOP;
    IF sealed > 0 THEN
        UPDATE inventory_items SET history_seq = head_seq, history_hash = head_hash WHERE id = lot;
    END IF;
    RETURN sealed;
END;
$$;

-- Seals the rows of up to batch_size lots that have unsealed rows; returns how many rows. Lots another transaction
-- holds are skipped (SKIP LOCKED) and left for the next call, so sealing never makes a writer wait. Safe to call at
-- any time and repeatedly, for rows written by code other than the library.
CREATE FUNCTION inventory_history_seal(batch_size integer) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    lot uuid;
    sealed integer := 0;
BEGIN
    FOR lot IN
        SELECT i.id FROM inventory_items i
        WHERE i.id IN (
            SELECT DISTINCT h.inventory_item_id FROM inventory_history h WHERE h.chain_hash IS NULL LIMIT batch_size)
        ORDER BY i.id
        FOR UPDATE OF i SKIP LOCKED
    LOOP
        sealed := sealed + inventory_history_seal_lot(lot);
    END LOOP;
    RETURN sealed;
END;
$$;

COMMENT ON FUNCTION inventory_history_seal(integer) IS 'Chains the history rows that have no chain yet; returns how many.';

-- Seals everything: walks the lots in id order, batch_size lots per transaction (a COMMIT after each, so no lot
-- stays locked for long and the walk costs one pass however big the tables), then retries the lots that were busy.
-- CALL it outside an explicit transaction (V11 does; so can an operator after rows were written by other code).
CREATE PROCEDURE inventory_history_seal_all(batch_size integer)
LANGUAGE plpgsql
AS $$
DECLARE
    after uuid;
    last_of_batch uuid;
    lot uuid;
BEGIN
    LOOP
        last_of_batch := NULL;
        FOR lot IN
            SELECT i.id FROM inventory_items i
            WHERE after IS NULL OR i.id > after
            ORDER BY i.id
            LIMIT batch_size
            FOR UPDATE SKIP LOCKED
        LOOP
            PERFORM inventory_history_seal_lot(lot);
            last_of_batch := lot;
        END LOOP;
        EXIT WHEN last_of_batch IS NULL;
        after := last_of_batch;
        COMMIT;
    END LOOP;
    COMMIT;
    WHILE EXISTS (SELECT FROM inventory_history WHERE chain_hash IS NULL) LOOP
        IF inventory_history_seal(batch_size) = 0 THEN
            -- Only lots busy in other transactions are left: give them a moment.
            PERFORM pg_sleep(0.05);
        END IF;
        COMMIT;
    END LOOP;
END;
$$;
