-- V15: when each participant's conversation last saw activity (its newest message, or the participant joining), so
-- a user's conversations are listed most recent first along an index of their own rows (V16) instead of sorting
-- all of them. Kept by chats().postMessage for every participant of the chat.
--
-- Touches an existing table, so it follows the rules for a live shop: the column is added nullable with no default
-- (a catalog change, no rewrite and no scan), and the default for new rows is set on its own; both ALTERs take
-- their lock for a moment and give up after the migration's lock_timeout. V16 fills in the existing rows in
-- batches and builds the index concurrently.
ALTER TABLE chat_participants ADD COLUMN last_activity_at timestamptz;

ALTER TABLE chat_participants ALTER COLUMN last_activity_at SET DEFAULT now();

COMMENT ON COLUMN chat_participants.last_activity_at IS
    'The chat''s newest message or the participant''s joining, whichever is later: orders a user''s conversations.';
