-- Reproducible benchmark data: every value derives from md5 of a fixed label, so two runs produce identical rows
-- (ids included). Sizes at scale 1 (psql -v scale=N multiplies them; default 1): 1,000 customers (each with a
-- session, 10 notifications, and every second one a conversation of 10 messages with a vendor), 50 vendors, 86
-- categories (5 roots x 4 x 3, and one small leaf of 10 products), 5,010 products, 10,020 stock lots (2 per
-- product), 200,400 history rows (40 per product; 10 per product from scale 4 up, so 5,000,000 at scale 100),
-- 25,050 reviews, 20,000 orders (1-3 lines, 1 payment; at most 10 times as many at any scale).
\set ON_ERROR_STOP on
SET synchronous_commit = off;

\if :{?scale}
\else
\set scale 1
\endif
SELECT 1000 * :scale AS customers, 50 * :scale AS vendors, 5000 * :scale AS products,
       greatest(10, 40 / :scale) AS history_per_product, 20000 * least(:scale, 10) AS orders \gset

CREATE FUNCTION pg_temp.r(label text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(md5(label), 1, 12))::bit(48)::bigint / 281474976710656.0 $$;
CREATE FUNCTION pg_temp.id(label text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5(label)::uuid $$;

INSERT INTO users (id, email, name, role, created_at)
SELECT pg_temp.id('u' || i), 'customer' || i || '@bench.example', 'Customer ' || i, 'customer',
       timestamptz '2025-01-01' + i * interval '1 minute'
FROM generate_series(1, :customers) i;
INSERT INTO users (id, email, name, role, created_at)
SELECT pg_temp.id('vu' || i), 'vendor' || i || '@bench.example', 'Vendor ' || i, 'vendor', timestamptz '2025-01-01'
FROM generate_series(1, :vendors) i;
-- One database session per customer, kept as the library keeps it: the SHA-256 of its token, in hex.
INSERT INTO sessions (id, session_token, user_id, expires, created_at)
SELECT pg_temp.id('s' || i), encode(sha256(convert_to('bench-session-token-' || i, 'UTF8')), 'hex'),
       pg_temp.id('u' || i), timestamptz '2100-01-01', timestamptz '2025-01-01'
FROM generate_series(1, :customers) i;
INSERT INTO vendor_profiles (id, user_id, business_name, slug, city, is_verified)
SELECT pg_temp.id('v' || i), pg_temp.id('vu' || i), 'Farm ' || i, 'farm-' || i, 'Town ' || (i % 7), i % 3 = 0
FROM generate_series(1, :vendors) i;

INSERT INTO categories (id, parent_id, name, slug, sort_order)
SELECT pg_temp.id('c' || a), NULL, 'Root ' || a, 'root-' || a, a FROM generate_series(1, 5) a;
INSERT INTO categories (id, parent_id, name, slug, sort_order)
SELECT pg_temp.id('c' || a || '-' || b), pg_temp.id('c' || a), 'Cat ' || a || '.' || b, 'cat-' || a || '-' || b, b
FROM generate_series(1, 5) a, generate_series(1, 4) b;
INSERT INTO categories (id, parent_id, name, slug, sort_order)
SELECT pg_temp.id('c' || a || '-' || b || '-' || c), pg_temp.id('c' || a || '-' || b),
       'Cat ' || a || '.' || b || '.' || c, 'cat-' || a || '-' || b || '-' || c, c
FROM generate_series(1, 5) a, generate_series(1, 4) b, generate_series(1, 3) c;
-- A small leaf beside the others: 10 products however large the catalogue (a search's worst case).
INSERT INTO categories (id, parent_id, name, slug, sort_order)
VALUES (pg_temp.id('small'), pg_temp.id('c1-1'), 'Small', 'small', 9);

-- Product i sits in leaf (a, b, c) = ((i % 60) / 12 + 1, (i % 12) / 3 + 1, i % 3 + 1), the last 10 in the small
-- leaf; 1 in 10 is inactive; each description names two of 2,000 kinds (a vocabulary whose statistics look like a
-- real catalogue's); 10 mention quince (a rare search term, at every scale).
INSERT INTO products (id, vendor_id, category_id, name, slug, description, price, unit, status, is_organic, created_at)
SELECT pg_temp.id('p' || i),
       pg_temp.id('v' || (i % :vendors + 1)),
       CASE WHEN i > :products THEN pg_temp.id('small')
            ELSE pg_temp.id('c' || ((i % 60) / 12 + 1) || '-' || ((i % 12) / 3 + 1) || '-' || (i % 3 + 1)) END,
       'Product ' || i, 'product-' || i,
       'Fresh produce number ' || i || ', kinds k' || (pg_temp.r('k1-' || i) * 2000)::int
           || ' and k' || (pg_temp.r('k2-' || i) * 2000)::int
           || CASE WHEN i % (:products / 10) = 7 THEN ', with quince' ELSE '' END,
       round((0.5 + pg_temp.r('price' || i) * 49.5)::numeric, 2),
       'each', CASE WHEN i % 10 = 0 THEN 'inactive' ELSE 'active' END::product_status,
       i % 4 = 0,
       timestamptz '2025-02-01' + i * interval '10 minutes'
FROM generate_series(1, :products + 10) i;

INSERT INTO inventory_items (id, product_id, lot_code, quantity_on_hand, quantity_reserved)
SELECT pg_temp.id('l' || i || '-' || k), pg_temp.id('p' || i), 'lot-' || k, 1000000, 0
FROM generate_series(1, :products + 10) i, generate_series(1, 2) k;

-- history_per_product rows per product, half per lot, newest at distinct instants.
INSERT INTO inventory_history (id, inventory_item_id, product_id, quantity_change, reserved_change, quantity_after,
                               reserved_after, reason, note, changed_by, created_at)
SELECT pg_temp.id('h' || i || '-' || j), pg_temp.id('l' || i || '-' || (j % 2 + 1)), pg_temp.id('p' || i),
       1 + (pg_temp.r('hq' || i || '-' || j) * 50)::int, 0, 1000000, 0,
       (ARRAY['restock', 'adjustment', 'spoilage'])[j % 3 + 1]::inventory_change_reason,
       CASE WHEN j % 5 = 0 THEN 'delivery ' || j END,
       pg_temp.id('vu' || (i % :vendors + 1)),
       timestamptz '2025-03-01' + (j * (:products + 10) + i) * interval '1 second'
FROM generate_series(1, :products + 10) i, generate_series(1, :history_per_product) j;

-- Rows written around the library have no hash chain yet: seal them as V11 seals a shop's existing history, so the
-- workloads meet a chained ledger (every lot's head at its newest row) as a real database has it.
CALL inventory_history_seal_all(500);

-- 5 reviews per product from distinct customers.
INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at)
SELECT pg_temp.id('r' || i || '-' || k), pg_temp.id('p' || i), pg_temp.id('u' || ((i * 7 + k * 131) % :customers + 1)),
       1 + floor(pg_temp.r('rating' || i || '-' || k) * 5)::int, 'Review ' || k, 'Tasty, would buy again (' || k || ')',
       timestamptz '2025-04-01' + (k * (:products + 10) + i) * interval '1 minute'
FROM generate_series(1, :products + 10) i, generate_series(1, 5) k;

-- Orders: o has 1 + o % 3 lines of distinct products; tax 8 % of the subtotal (the library's default policy).
CREATE TEMP TABLE bench_lines AS
SELECT o, k, p, 1 + (pg_temp.r('q' || o || '-' || k) * 4)::int AS quantity
FROM (SELECT o, k, (o * 3 + k * 1667) % :products + 1 AS p FROM generate_series(1, :orders) o, generate_series(1, 3) k
      WHERE k <= 1 + o % 3) l;
CREATE TEMP TABLE bench_orders AS
SELECT o, sum(l.quantity * pr.price) AS subtotal, round(sum(l.quantity * pr.price) * 0.08, 2) AS tax
FROM bench_lines l JOIN products pr ON pr.id = pg_temp.id('p' || l.p) GROUP BY o;
INSERT INTO orders (id, order_number, customer_id, status, subtotal, tax, fees, total, placed_at, created_at)
SELECT pg_temp.id('o' || o), 'BENCH-' || lpad(o::text, 6, '0'), pg_temp.id('u' || (o % :customers + 1)),
       'confirmed', subtotal, tax, 0, subtotal + tax,
       timestamptz '2025-05-01' + o * interval '3 minutes', timestamptz '2025-05-01' + o * interval '3 minutes'
FROM bench_orders;
INSERT INTO order_items (id, order_id, product_id, vendor_id, product_name, quantity, unit_price, line_total, created_at)
SELECT pg_temp.id('oi' || l.o || '-' || l.k), pg_temp.id('o' || l.o), pr.id, pr.vendor_id, pr.name, l.quantity,
       pr.price, l.quantity * pr.price, timestamptz '2025-05-01' + l.o * interval '3 minutes'
FROM bench_lines l JOIN products pr ON pr.id = pg_temp.id('p' || l.p);
INSERT INTO payments (id, order_id, amount, status, provider, provider_payment_id, paid_at, created_at)
SELECT pg_temp.id('pay' || o), pg_temp.id('o' || o), subtotal + tax, 'succeeded', 'stripe', 'pi_' || o,
       timestamptz '2025-05-01' + o * interval '3 minutes', timestamptz '2025-05-01' + o * interval '3 minutes'
FROM bench_orders;

-- Every second customer talks with the vendor of product i: 10 messages, alternating, the customer having read the
-- first 5; every customer has 10 notifications, the newest 3 unread.
INSERT INTO chats (id, subject, created_at)
SELECT pg_temp.id('chat' || i), 'About product ' || i, timestamptz '2025-06-01' + i * interval '1 minute'
FROM generate_series(2, :customers, 2) i;
INSERT INTO chat_participants (id, chat_id, user_id, joined_at, last_read_at, last_activity_at)
SELECT pg_temp.id('cp' || i || '-' || side), pg_temp.id('chat' || i),
       CASE side WHEN 1 THEN pg_temp.id('u' || i) ELSE pg_temp.id('vu' || (i % :vendors + 1)) END,
       timestamptz '2025-06-01' + i * interval '1 minute',
       timestamptz '2025-06-01' + i * interval '1 minute' + 5 * interval '1 second',
       timestamptz '2025-06-01' + i * interval '1 minute' + 10 * interval '1 second'
FROM generate_series(2, :customers, 2) i, generate_series(1, 2) side;
INSERT INTO chat_messages (id, chat_id, sender_id, body, created_at)
SELECT pg_temp.id('m' || i || '-' || m), pg_temp.id('chat' || i),
       CASE WHEN m % 2 = 1 THEN pg_temp.id('u' || i) ELSE pg_temp.id('vu' || (i % :vendors + 1)) END,
       'Message ' || m, timestamptz '2025-06-01' + i * interval '1 minute' + m * interval '1 second'
FROM generate_series(2, :customers, 2) i, generate_series(1, 10) m;
INSERT INTO notifications (id, user_id, type, title, read_at, created_at)
SELECT pg_temp.id('n' || i || '-' || k), pg_temp.id('u' || i), 'system', 'Notice ' || k,
       CASE WHEN k <= 7 THEN timestamptz '2025-07-01' END, timestamptz '2025-06-01' + (k * :customers + i) * interval '1 second'
FROM generate_series(1, :customers) i, generate_series(1, 10) k;

ANALYZE;
SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM inventory_items) AS lots,
       (SELECT count(*) FROM inventory_history) AS history, (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM order_items) AS order_items, (SELECT count(*) FROM reviews) AS reviews;
