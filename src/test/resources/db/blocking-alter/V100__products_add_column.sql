-- Needs ACCESS EXCLUSIVE on products for a moment: with a long transaction holding products, it must give up after
-- the lock timeout instead of queueing the shop's queries behind it. Used by OnlineMigrationTest only.
ALTER TABLE products ADD COLUMN online_test_note text;
