-- The plan tests' catalogue: large enough that reading a whole table costs the planner far more than an index walk,
-- as in production, and shaped like the benchmark's data (bench/sql/generate.sql) with the cases that trap a
-- planner: 60,000 products in 60 leaf categories (5 roots x 4 x 3), one extra leaf of 10 products, a word that 10
-- products' descriptions contain, 200 vendors, products without reviews and without stock, 20,000 orders, 120,000
-- history rows, 1,000 conversations and 10,000 notifications. Every value derives from md5 of a label, so each run
-- gets the same rows.
SET synchronous_commit = off;

CREATE FUNCTION pg_temp.r(label text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(md5(label), 1, 12))::bit(48)::bigint / 281474976710656.0 $$;
CREATE FUNCTION pg_temp.id(label text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5(label)::uuid $$;

INSERT INTO users (id, email, name, role)
SELECT pg_temp.id('u' || i), 'customer' || i || '@plans.example', 'Customer ' || i, 'customer'
FROM generate_series(1, 1000) i;
INSERT INTO users (id, email, name, role)
SELECT pg_temp.id('vu' || i), 'vendor' || i || '@plans.example', 'Vendor ' || i, 'vendor'
FROM generate_series(1, 200) i;
INSERT INTO vendor_profiles (id, user_id, business_name, slug, is_verified)
SELECT pg_temp.id('v' || i), pg_temp.id('vu' || i), 'Farm ' || i, 'farm-' || i, i % 3 = 0
FROM generate_series(1, 200) i;

INSERT INTO categories (id, parent_id, name, slug, sort_order)
SELECT pg_temp.id('c' || a), NULL, 'Root ' || a, 'root-' || a, a FROM generate_series(1, 5) a;
INSERT INTO categories (id, parent_id, name, slug, sort_order)
SELECT pg_temp.id('c' || a || '-' || b), pg_temp.id('c' || a), 'Cat ' || a || '.' || b, 'cat-' || a || '-' || b, b
FROM generate_series(1, 5) a, generate_series(1, 4) b;
INSERT INTO categories (id, parent_id, name, slug, sort_order)
SELECT pg_temp.id('c' || a || '-' || b || '-' || c), pg_temp.id('c' || a || '-' || b),
       'Cat ' || a || '.' || b || '.' || c, 'cat-' || a || '-' || b || '-' || c, c
FROM generate_series(1, 5) a, generate_series(1, 4) b, generate_series(1, 3) c;
INSERT INTO categories (id, parent_id, name, slug, sort_order)
VALUES (pg_temp.id('small'), pg_temp.id('c1-1'), 'Small', 'small', 9);

-- Product i sits in leaf ((i % 60) / 12 + 1, (i % 12) / 3 + 1, i % 3 + 1), products 60,001-60,010 in the small one;
-- 1 in 7 is inactive (7 and 11 share no factor with the 60 leaves, so every leaf has a share of both). Each
-- description names two of 2,000 kinds, a vocabulary whose statistics look like a real catalogue's (the planner
-- estimates a word it has no statistics for from the rarest word it has, capped at 0.5 % of the rows); products 7,
-- 6,007, ..., 54,007 mention quince.
INSERT INTO products (id, vendor_id, category_id, name, slug, description, price, unit, status, is_organic, created_at)
SELECT pg_temp.id('p' || i),
       pg_temp.id('v' || (i % 200 + 1)),
       CASE WHEN i > 60000 THEN pg_temp.id('small')
            ELSE pg_temp.id('c' || ((i % 60) / 12 + 1) || '-' || ((i % 12) / 3 + 1) || '-' || (i % 3 + 1)) END,
       'Product ' || i, 'product-' || i,
       'Fresh produce number ' || i || ', kinds k' || (pg_temp.r('k1-' || i) * 2000)::int
           || ' and k' || (pg_temp.r('k2-' || i) * 2000)::int || CASE WHEN i % 6000 = 7 THEN ', with quince' ELSE '' END,
       round((0.5 + pg_temp.r('price' || i) * 49.5)::numeric, 2),
       'each', CASE WHEN i % 7 = 0 THEN 'inactive' ELSE 'active' END::product_status,
       i % 4 = 0,
       timestamptz '2025-02-01' + i * interval '10 minutes'
FROM generate_series(1, 60010) i;

-- One lot per product; 1 in 11 is sold out.
INSERT INTO inventory_items (id, product_id, lot_code, quantity_on_hand, quantity_reserved)
SELECT pg_temp.id('l' || i), pg_temp.id('p' || i), 'lot-1', CASE WHEN i % 11 = 0 THEN 0 ELSE 100 END, 0
FROM generate_series(1, 60010) i;

-- Three reviews of each product but every fourth (V19's triggers keep the products' totals).
INSERT INTO reviews (id, product_id, user_id, rating, created_at)
SELECT pg_temp.id('r' || i || '-' || k), pg_temp.id('p' || i), pg_temp.id('u' || k),
       1 + floor(pg_temp.r('rating' || i || '-' || k) * 5)::int, timestamptz '2025-04-01' + i * interval '1 minute'
FROM generate_series(1, 60010) i, generate_series(1, 3) k
WHERE i % 4 <> 0;

-- Order o: customer o % 1,000 + 1, 1 + o % 3 lines of distinct products.
INSERT INTO orders (id, order_number, customer_id, status, subtotal, tax, fees, total, placed_at, created_at)
SELECT pg_temp.id('o' || o), 'PLAN-' || lpad(o::text, 6, '0'), pg_temp.id('u' || (o % 1000 + 1)), 'confirmed',
       10, 0, 0, 10, timestamptz '2025-05-01' + o * interval '3 minutes', timestamptz '2025-05-01' + o * interval '3 minutes'
FROM generate_series(1, 20000) o;
INSERT INTO order_items (id, order_id, product_id, vendor_id, product_name, quantity, unit_price, line_total, created_at)
SELECT pg_temp.id('oi' || o || '-' || k), pg_temp.id('o' || o), pr.id, pr.vendor_id, pr.name, 1, pr.price, pr.price,
       timestamptz '2025-05-01' + o * interval '3 minutes'
FROM generate_series(1, 20000) o CROSS JOIN generate_series(1, 3) k
JOIN products pr ON pr.id = pg_temp.id('p' || ((o * 3 + k * 1667) % 60000 + 1))
WHERE k <= 1 + o % 3;

-- Two history rows per lot (unchained: the listings read no chain), one by the vendor's user, one for an order; one
-- row in 40 is a return, a reason too common to sort all its rows and too rare to find walking the history by date.
INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, quantity_after, reserved_after, reason,
                               order_id, changed_by, created_at)
SELECT pg_temp.id('l' || i), pg_temp.id('p' || i), 100, 100 * k, 0,
       CASE WHEN k = 1 AND i % 20 = 0 THEN 'return'
            ELSE (ARRAY['restock', 'adjustment', 'spoilage'])[(i + k) % 3 + 1] END::inventory_change_reason,
       CASE WHEN k = 2 THEN pg_temp.id('o' || (i % 20000 + 1)) END, pg_temp.id('vu' || (i % 200 + 1)),
       timestamptz '2025-03-01' + (k * 60010 + i) * interval '1 second'
FROM generate_series(1, 60010) i, generate_series(1, 2) k;

-- Every customer talks with one vendor (10 messages) and has 10 notifications, the newest 3 unread.
INSERT INTO chats (id, subject, created_at)
SELECT pg_temp.id('chat' || i), 'Chat ' || i, timestamptz '2025-06-01' + i * interval '1 minute'
FROM generate_series(1, 1000) i;
INSERT INTO chat_participants (chat_id, user_id, joined_at, last_read_at, last_activity_at)
SELECT pg_temp.id('chat' || i), CASE side WHEN 1 THEN pg_temp.id('u' || i) ELSE pg_temp.id('vu' || (i % 200 + 1)) END,
       timestamptz '2025-06-01' + i * interval '1 minute', NULL,
       timestamptz '2025-06-01' + i * interval '1 minute' + interval '10 seconds'
FROM generate_series(1, 1000) i, generate_series(1, 2) side;
INSERT INTO chat_messages (chat_id, sender_id, body, created_at)
SELECT pg_temp.id('chat' || i), pg_temp.id('u' || i), 'Message ' || m,
       timestamptz '2025-06-01' + i * interval '1 minute' + m * interval '1 second'
FROM generate_series(1, 1000) i, generate_series(1, 10) m;
INSERT INTO notifications (user_id, type, title, read_at, created_at)
SELECT pg_temp.id('u' || i), 'system', 'Notice ' || k, CASE WHEN k <= 7 THEN timestamptz '2025-07-01' END,
       timestamptz '2025-06-01' + (k * 1000 + i) * interval '1 second'
FROM generate_series(1, 1000) i, generate_series(1, 10) k;

ANALYZE;
