-- squawk-disable-assume-in-transaction
-- V21: inventory().listHistory of one user's changes, newest first: an index that ends in the history's sort key and
-- id, so a page reads its own rows instead of walking the whole history by date and filtering by user (or sorting
-- all of a user's changes). It replaces the plain changed_by index, which it begins with, so the foreign key's
-- look-ups keep an index. Touches an existing table, so it follows the rules for a live shop: runs outside a
-- transaction (V21__history_changed_by_index.sql.conf) and builds and drops CONCURRENTLY, never blocking writers.
-- DROP first: a build interrupted earlier leaves an INVALID index behind that IF NOT EXISTS would keep.
DROP INDEX CONCURRENTLY IF EXISTS inventory_history_changed_by_created_at_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS inventory_history_changed_by_created_at_idx
    ON inventory_history (changed_by, created_at DESC, id DESC);

DROP INDEX CONCURRENTLY IF EXISTS inventory_history_changed_by_idx;
