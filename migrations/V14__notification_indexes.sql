-- squawk-disable-assume-in-transaction
-- V14: the indexes notifications() pages and prunes along. Touches an existing table, so it follows the rules for a
-- live shop: runs outside a transaction (V14__notification_indexes.sql.conf) and builds each index CONCURRENTLY,
-- dropping an INVALID leftover of an interrupted build first.

-- listUnread: a user's unread notifications newest first, with the id breaking ties as the keyset does; read rows
-- drop out of it.
DROP INDEX CONCURRENTLY IF EXISTS notifications_unread_created_at_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_unread_created_at_idx
    ON notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;

-- deleteOlderThan: the oldest notifications of every user, in batches, without a scan.
DROP INDEX CONCURRENTLY IF EXISTS notifications_created_at_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_created_at_idx
    ON notifications (created_at);
