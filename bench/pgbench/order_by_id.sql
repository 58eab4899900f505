\set o random(1, 20000)
SELECT id, order_number, customer_id, status, fulfillment, delivery_address, subtotal, tax, fees, total,
       currency, notes, placed_at, status_changed_at, created_at, updated_at
FROM orders WHERE id = md5('o' || :o)::uuid;
SELECT id, product_id, vendor_id, product_name, quantity, unit_price, line_total
FROM order_items WHERE order_id = md5('o' || :o)::uuid ORDER BY created_at, id;
SELECT id, order_id, amount, refunded_amount, currency, status, provider, provider_payment_id,
       failure_reason, paid_at, created_at, updated_at
FROM payments WHERE order_id = md5('o' || :o)::uuid ORDER BY created_at, id;
