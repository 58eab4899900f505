-- A migration as later ones will be written: an index on a table with data and writers, built CONCURRENTLY, so it
-- needs no transaction (executeInTransaction=false beside it). Used by OnlineMigrationTest only.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_status_test_idx ON orders (created_at, status);
