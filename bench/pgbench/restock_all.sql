-- Every one of the 10,000 lots, +1 each, with one history row per lot, in one transaction (the Java peers pass
-- the same 10,000 ids as parameters; pgbench can say "all lots" without shipping them).
BEGIN;
SELECT count(*) FROM (SELECT id FROM inventory_items ORDER BY id FOR UPDATE) locked;
UPDATE inventory_items SET quantity_on_hand = quantity_on_hand + 1;
INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, reserved_change, quantity_after,
                               reserved_after, reason)
SELECT id, product_id, 1, 0, quantity_on_hand, quantity_reserved, 'restock' FROM inventory_items;
END;
