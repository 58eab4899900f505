-- Every one of the 10,000 lots of the 5,000 products, +1 each, with one history row per lot, in one transaction (the
-- Java peers pass the same 10,000 ids as parameters; pgbench says "every lot but the small leaf's" without shipping
-- them: the generator's small leaf category adds 10 products and 20 lots that no peer restocks).
BEGIN;
SELECT count(*) FROM (SELECT id FROM inventory_items
                      WHERE product_id NOT IN (SELECT id FROM products WHERE category_id = md5('small')::uuid)
                      ORDER BY id FOR UPDATE) locked;
UPDATE inventory_items SET quantity_on_hand = quantity_on_hand + 1
WHERE product_id NOT IN (SELECT id FROM products WHERE category_id = md5('small')::uuid);
INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, reserved_change, quantity_after,
                               reserved_after, reason)
SELECT id, product_id, 1, 0, quantity_on_hand, quantity_reserved, 'restock' FROM inventory_items
WHERE product_id NOT IN (SELECT id FROM products WHERE category_id = md5('small')::uuid);
END;
