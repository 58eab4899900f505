-- squawk-disable-assume-in-transaction
-- V22: inventory().listHistory of the changes with some reasons, newest first, is read reason by reason (each
-- reason's newest rows, then the newest of those): an index that ends in the history's sort key and id gives each
-- reason's rows in the page's order, so a page reads its own rows instead of every change with that reason. It
-- replaces the (reason, created_at DESC) index of V2, which it begins with. Touches an existing table, so it follows
-- the rules for a live shop: runs outside a transaction (V22__history_reason_index.sql.conf) and builds and drops
-- CONCURRENTLY, never blocking writers.
-- DROP first: a build interrupted earlier leaves an INVALID index behind that IF NOT EXISTS would keep.
DROP INDEX CONCURRENTLY IF EXISTS inventory_history_reason_created_at_id_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS inventory_history_reason_created_at_id_idx
    ON inventory_history (reason, created_at DESC, id DESC);

DROP INDEX CONCURRENTLY IF EXISTS inventory_history_reason_created_at_idx;
