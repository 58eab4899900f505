-- squawk-disable-assume-in-transaction
-- V11: seals the history rows that existed before V10 into their lots' chains, in batches of 500 lots, each batch
-- its own transaction; then the index that finds rows without a chain. Runs outside a transaction
-- (V11__seal_inventory_history.sql.conf): the procedure commits between batches, and the index is built
-- CONCURRENTLY, so writers are never blocked for longer than one batch of their own lots.

-- Finds the unsealed rows (all rows at first, none afterwards: the index then stays empty and costs nothing).
-- DROP first: a build interrupted earlier leaves an INVALID index behind that IF NOT EXISTS would keep.
DROP INDEX CONCURRENTLY IF EXISTS inventory_history_unsealed_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS inventory_history_unsealed_idx
    ON inventory_history (inventory_item_id) WHERE chain_hash IS NULL;

CALL inventory_history_seal_all(500);
