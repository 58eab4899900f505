\set u random(1, 1000)
\set a 10 * random(0, 499) + random(1, 3)
\set b 10 * random(0, 499) + random(4, 6)
\set c 10 * random(0, 499) + random(7, 9)
BEGIN;
SELECT EXISTS (SELECT 1 FROM users WHERE id = md5('u' || :u)::uuid);
SELECT id, vendor_id, name, price, currency, status FROM products
WHERE id IN (md5('p' || :a)::uuid, md5('p' || :b)::uuid, md5('p' || :c)::uuid) AND status = 'active' ORDER BY id FOR SHARE;
INSERT INTO orders (customer_id, fulfillment, subtotal, tax, fees, total, currency)
SELECT md5('u' || :u)::uuid, 'pickup', s, round(s * 0.08, 2), 0, s + round(s * 0.08, 2), 'USD'
FROM (SELECT sum(price) AS s FROM products WHERE id IN (md5('p' || :a)::uuid, md5('p' || :b)::uuid, md5('p' || :c)::uuid)) t
RETURNING id AS order_id \gset
SELECT id, product_id, quantity_on_hand, quantity_reserved FROM inventory_items
WHERE product_id IN (md5('p' || :a)::uuid, md5('p' || :b)::uuid, md5('p' || :c)::uuid) ORDER BY id FOR UPDATE;
WITH lots AS (
    SELECT DISTINCT ON (product_id) id FROM inventory_items
    WHERE product_id IN (md5('p' || :a)::uuid, md5('p' || :b)::uuid, md5('p' || :c)::uuid) AND quantity_on_hand - quantity_reserved >= 1
    ORDER BY product_id, expires_on NULLS LAST, created_at, id),
changed AS (
    UPDATE inventory_items i SET quantity_reserved = i.quantity_reserved + 1 FROM lots WHERE i.id = lots.id
    RETURNING i.id, i.product_id, i.quantity_on_hand, i.quantity_reserved)
INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, reserved_change, quantity_after,
                               reserved_after, reason, order_id, changed_by)
SELECT id, product_id, 0, 1, quantity_on_hand, quantity_reserved, 'reservation', :order_id::uuid,
       md5('u' || :u)::uuid
FROM changed;
INSERT INTO order_items (order_id, product_id, vendor_id, product_name, quantity, unit_price, line_total)
SELECT :order_id::uuid, id, vendor_id, name, 1, price, price FROM products WHERE id IN (md5('p' || :a)::uuid, md5('p' || :b)::uuid, md5('p' || :c)::uuid);
INSERT INTO payments (order_id, amount, currency) SELECT id, total, currency FROM orders WHERE id = :order_id::uuid;
SELECT id, order_number, customer_id, status, fulfillment, delivery_address, subtotal, tax, fees, total,
       currency, notes, placed_at, status_changed_at, created_at, updated_at
FROM orders WHERE id = :order_id::uuid;
SELECT id, product_id, vendor_id, product_name, quantity, unit_price, line_total
FROM order_items WHERE order_id = :order_id::uuid ORDER BY created_at, id;
SELECT id, order_id, amount, refunded_amount, currency, status, provider, provider_payment_id,
       failure_reason, paid_at, created_at, updated_at
FROM payments WHERE order_id = :order_id::uuid ORDER BY created_at, id;
END;
