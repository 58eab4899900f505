-- squawk-disable-assume-in-transaction
-- V16: fills chat_participants.last_activity_at (V15) for the rows that existed before it, 500 at a time, each batch
-- its own transaction; then builds the index a user's conversations are listed along. Runs outside a transaction
-- (V16__chat_activity_backfill.sql.conf): the procedure commits between batches, and the index is built
-- CONCURRENTLY, so no writer waits for more than one batch.

CREATE PROCEDURE chat_participants_fill_activity(batch_size integer)
LANGUAGE plpgsql
AS $$
DECLARE
    after uuid;
    last_of_batch uuid;
BEGIN
    LOOP
        -- Walks the primary key, so each batch reads only its own rows however far the walk has come.
        WITH batch AS (
            SELECT p.id FROM chat_participants p
            WHERE after IS NULL OR p.id > after
            ORDER BY p.id
            LIMIT batch_size
        ), filled AS (
            UPDATE chat_participants p
            SET last_activity_at = greatest(
                p.joined_at, (SELECT max(m.created_at) FROM chat_messages m WHERE m.chat_id = p.chat_id))
            FROM batch
            WHERE p.id = batch.id AND p.last_activity_at IS NULL
        )
        SELECT batch.id INTO last_of_batch FROM batch ORDER BY batch.id DESC LIMIT 1;
        EXIT WHEN last_of_batch IS NULL;
        after := last_of_batch;
        COMMIT;
    END LOOP;
END;
$$;

CALL chat_participants_fill_activity(500);

DROP PROCEDURE chat_participants_fill_activity(integer);

-- chats().listConversations: a user's conversations, most recent activity first, the chat breaking ties.
-- DROP first: a build interrupted earlier leaves an INVALID index behind that IF NOT EXISTS would keep.
DROP INDEX CONCURRENTLY IF EXISTS chat_participants_user_id_activity_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS chat_participants_user_id_activity_idx
    ON chat_participants (user_id, last_activity_at DESC, chat_id DESC);
