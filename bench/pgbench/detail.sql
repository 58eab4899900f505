\set i random(1, 5000)
SELECT p.id, p.vendor_id, p.category_id, p.name, p.slug, p.description, p.price, p.currency, p.unit,
       p.status, p.is_organic, p.created_at, p.updated_at, v.id, v.business_name, v.slug,
       s.available_stock, r.average_rating, r.review_count, r.s1, r.s2, r.s3, r.s4, r.s5
FROM products p
JOIN vendor_profiles v ON v.id = p.vendor_id
CROSS JOIN LATERAL (SELECT coalesce(sum(quantity_on_hand - quantity_reserved), 0)::int AS available_stock
                    FROM inventory_items WHERE product_id = p.id) s
CROSS JOIN LATERAL (SELECT round(avg(rating), 2) AS average_rating, count(*) AS review_count,
                           count(*) FILTER (WHERE rating = 1) AS s1, count(*) FILTER (WHERE rating = 2) AS s2,
                           count(*) FILTER (WHERE rating = 3) AS s3, count(*) FILTER (WHERE rating = 4) AS s4,
                           count(*) FILTER (WHERE rating = 5) AS s5
                    FROM reviews WHERE product_id = p.id) r
WHERE p.id = md5('p' || :i)::uuid;
WITH RECURSIVE path AS (
    SELECT c.id, c.parent_id, c.name, c.slug, 0 AS depth FROM categories c
    WHERE c.id = (SELECT category_id FROM products WHERE id = md5('p' || :i)::uuid)
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.slug, path.depth + 1 FROM categories c
    JOIN path ON c.id = path.parent_id WHERE path.depth < 100)
SELECT id, parent_id, name, slug FROM path ORDER BY depth DESC;
SELECT id, product_id, user_id, rating, title, body, created_at FROM reviews
WHERE product_id = md5('p' || :i)::uuid ORDER BY created_at DESC, id DESC LIMIT 5;
