\set c random(1, 5)
\set lo random(1, 30)
\set page 21
-- The statement shape jOOQ renders for ours (subtree CTE inside IN, row limit as a bind value); see JdbcPeer.SEARCH.
SELECT p.id, p.vendor_id, p.category_id, p.name, p.slug, p.price, p.currency, p.unit, p.status,
       p.is_organic, p.created_at, r.average_rating, r.review_count, s.available_stock
FROM products p
CROSS JOIN LATERAL (SELECT round(avg(rating), 2) AS average_rating, count(*) AS review_count
                    FROM reviews WHERE product_id = p.id) r
CROSS JOIN LATERAL (SELECT coalesce(sum(quantity_on_hand - quantity_reserved), 0)::int AS available_stock
                    FROM inventory_items WHERE product_id = p.id) s
WHERE p.category_id IN (
        WITH RECURSIVE subtree(id) AS (
            SELECT id FROM categories WHERE id = md5('c' || :c)::uuid
            UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
        SELECT id FROM subtree)
  AND p.status = 'active'
  AND p.price >= :lo::numeric AND p.price <= (:lo + 10)::numeric
ORDER BY p.price, p.id
FETCH NEXT :page ROWS ONLY;
