\set c random(1, 5)
\set lo random(1, 30)
\set page 21
-- The statement shape jOOQ renders for ours (each category of the subtree along its own index, merged, the stock
-- summed for the page's rows alone; the rating from the totals kept on products); see JdbcPeer.SEARCH.
SELECT page.*, s.available_stock
FROM (
    WITH RECURSIVE subtree(id) AS (
        SELECT id FROM categories WHERE id = md5('c' || :c)::uuid
        UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
    SELECT r.id, r.vendor_id, r.category_id, r.name, r.slug, r.price, r.currency, r.unit, r.status,
           r.is_organic, r.created_at, r.average_rating, r.review_count
    FROM subtree
    CROSS JOIN LATERAL (
        SELECT p.id, p.vendor_id, p.category_id, p.name, p.slug, p.price, p.currency, p.unit, p.status,
               p.is_organic, p.created_at, CASE WHEN p.review_count > 0 THEN p.rating_average END AS average_rating,
               p.review_count
        FROM products p
        WHERE p.category_id = subtree.id AND p.status = 'active'
          AND p.price >= :lo::numeric AND p.price <= (:lo + 10)::numeric
        ORDER BY p.price, p.id
        FETCH NEXT :page ROWS ONLY) r
    ORDER BY r.price, r.id
    FETCH NEXT :page ROWS ONLY) page
CROSS JOIN LATERAL (SELECT coalesce(sum(quantity_on_hand - quantity_reserved), 0)::int AS available_stock
                    FROM inventory_items WHERE product_id = page.id) s
ORDER BY page.price, page.id;
