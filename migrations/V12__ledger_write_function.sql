-- V12: the stock ledger's one write becomes a function that runs with its owner's rights, so that the application
-- role needs no INSERT on inventory_history and no UPDATE of a lot's quantities or chain head. Before, the
-- application role wrote both tables itself: it could append a history row with a chain link it computed and a
-- created_at it chose (back-dated), move the lot's head to match, and reconcile() saw nothing wrong. Now the
-- database computes every link, from the head it holds under the UPDATE's row lock, with created_at = now(); the
-- application role may only call this function (every migrate grants EXECUTE and revokes the rest, see
-- internal.migration.Roles), so a row it tries to append any other way is refused.
--
-- Creates a new function only: no existing table is locked, rewritten or indexed, so the online-safe rules for
-- migrations that touch existing tables (bounded locks, CONCURRENTLY) do not apply here.

-- The library's StockLedger.apply: per lot (ids unique, the caller holds their row locks) a change of stock on hand
-- and of reserved units, and the lot's note (NULL for none); one reason, order and person for the whole write.
-- The UPDATE moves each lot's quantities and chain head, the INSERT appends the history rows the RETURNING
-- describes: one statement for 1 or 10,000 lots. search_path is pinned, pg_temp last, so a caller's temporary
-- tables cannot stand in for the real ones while it runs as the owner.
CREATE FUNCTION inventory_ledger_apply(
    lot_ids uuid[], on_hand_changes integer[], reserved_changes integer[], lot_notes text[],
    change_reason inventory_change_reason, change_order uuid, change_actor uuid)
RETURNS SETOF inventory_history
-- plpgsql, not sql: PL/pgSQL keeps the statement's plan for the session (PostgreSQL before 18 plans a SQL function's
-- statements on every call); the write runs on every order and stock change.
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH delta AS (
        SELECT d.lot_id, d.on_hand_change, d.reserved_change, d.lot_note
        FROM unnest(lot_ids, on_hand_changes, reserved_changes, lot_notes)
            AS d (lot_id, on_hand_change, reserved_change, lot_note)
    ), changed AS (
        UPDATE inventory_items i
        SET quantity_on_hand = i.quantity_on_hand + d.on_hand_change,
            quantity_reserved = i.quantity_reserved + d.reserved_change,
            history_seq = i.history_seq + 1,
            history_hash = inventory_history_link(
                i.history_hash, i.id, i.product_id, i.history_seq + 1, d.on_hand_change, d.reserved_change,
                i.quantity_on_hand + d.on_hand_change, i.quantity_reserved + d.reserved_change, change_reason,
                d.lot_note, change_order, change_actor, now())
        FROM delta d
        WHERE i.id = d.lot_id
        RETURNING i.id, i.product_id, d.on_hand_change, d.reserved_change, i.quantity_on_hand, i.quantity_reserved,
            d.lot_note, i.history_seq, i.history_hash
    )
    INSERT INTO inventory_history (
        inventory_item_id, product_id, quantity_change, reserved_change, quantity_after, reserved_after, reason,
        note, order_id, changed_by, chain_seq, chain_hash, created_at)
    SELECT c.id, c.product_id, c.on_hand_change, c.reserved_change, c.quantity_on_hand, c.quantity_reserved,
        change_reason, c.lot_note, change_order, change_actor, c.history_seq, c.history_hash, now()
    FROM changed c
    RETURNING *;
END;
$$;

COMMENT ON FUNCTION inventory_ledger_apply(uuid[], integer[], integer[], text[], inventory_change_reason, uuid, uuid)
    IS 'The one write of the stock ledger: lots and their chained history rows, with the owner''s rights.';

-- Functions are executable by PUBLIC by default; only the roles migrate grants may call this one.
REVOKE ALL ON FUNCTION inventory_ledger_apply(uuid[], integer[], integer[], text[], inventory_change_reason, uuid, uuid)
    FROM PUBLIC;
