\set i random(1, 5000)
SELECT id, inventory_item_id, product_id, quantity_change, reserved_change, quantity_after,
       reserved_after, reason, note, order_id, changed_by, created_at
FROM inventory_history WHERE product_id = md5('p' || :i)::uuid ORDER BY created_at DESC, id DESC LIMIT 51;
