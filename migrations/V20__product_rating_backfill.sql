-- squawk-disable-assume-in-transaction
-- V20: fills in the review totals V19 added for the products that existed before it, 1,000 products at a time, each
-- batch its own transaction; then builds the indexes every product listing's sort walks within a category, a vendor
-- or the whole catalogue, so a page reads about as many rows as it shows however large the catalogue grows. Runs
-- outside a transaction (V20__product_rating_backfill.sql.conf): the procedure commits between batches, and the
-- indexes are built CONCURRENTLY, so no writer waits for more than one batch.

CREATE OR REPLACE PROCEDURE products_fill_rating_totals(batch_size integer)
LANGUAGE plpgsql
AS $$
DECLARE
    after uuid;
    last_of_batch uuid;
BEGIN
    LOOP
        -- Review writes wait for this batch (one batch takes milliseconds): once the SHARE lock is granted no review
        -- change is in flight, so the totals counted below and the differences V19's triggers add afterwards
        -- neither miss nor double-count a review.
        LOCK TABLE reviews IN SHARE MODE;
        -- Walks the primary key, so each batch reads only its own rows however far the walk has come.
        WITH batch AS (
            SELECT p.id FROM products p
            WHERE after IS NULL OR p.id > after
            ORDER BY p.id
            LIMIT batch_size
        ), totals AS (
            SELECT batch.id, count(r.id)::integer AS reviews, coalesce(sum(r.rating), 0)::integer AS ratings
            FROM batch LEFT JOIN reviews r ON r.product_id = batch.id
            GROUP BY batch.id
        ), filled AS (
            UPDATE products p
            SET review_count = totals.reviews,
                rating_total = totals.ratings,
                rating_average = CASE WHEN totals.reviews > 0
                    THEN round(totals.ratings::numeric / totals.reviews, 2) ELSE 0 END
            FROM totals
            WHERE p.id = totals.id AND (p.review_count, p.rating_total) IS DISTINCT FROM (totals.reviews, totals.ratings)
        )
        SELECT batch.id INTO last_of_batch FROM batch ORDER BY batch.id DESC LIMIT 1;
        EXIT WHEN last_of_batch IS NULL;
        after := last_of_batch;
        COMMIT;
    END LOOP;
END;
$$;

CALL products_fill_rating_totals(1000);

DROP PROCEDURE products_fill_rating_totals(integer);

-- Every index below ends in the sort key and the id, as the keyset does, and is dropped first: a build interrupted
-- earlier leaves an INVALID index behind that IF NOT EXISTS would keep. Best rated first breaks ties by ascending id,
-- so its key is the negated average: ascending (-rating_average, id) is that order with both columns one way, and the
-- page after a cursor is then the single index range (-rating_average, id) > (-r, i).

-- products().search in a category's subtree: the search merges the first rows of each category of the subtree, read
-- along these in the order asked for (price either way, newest first, best rated first).
DROP INDEX CONCURRENTLY IF EXISTS products_category_id_price_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_category_id_price_idx
    ON products (category_id, price, id);
DROP INDEX CONCURRENTLY IF EXISTS products_category_id_created_at_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_category_id_created_at_idx
    ON products (category_id, created_at DESC, id DESC);
DROP INDEX CONCURRENTLY IF EXISTS products_category_id_rating_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_category_id_rating_idx
    ON products (category_id, (-rating_average), id);

-- products().search of one vendor, by price and by rating (newest first walks V13's products_vendor_id_created_at_idx).
DROP INDEX CONCURRENTLY IF EXISTS products_vendor_id_price_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_vendor_id_price_idx
    ON products (vendor_id, price, id);
DROP INDEX CONCURRENTLY IF EXISTS products_vendor_id_rating_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_vendor_id_rating_idx
    ON products (vendor_id, (-rating_average), id);

-- products().search of the whole catalogue, best rated first (price and newest have theirs since V6).
DROP INDEX CONCURRENTLY IF EXISTS products_rating_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_rating_idx
    ON products ((-rating_average), id);

-- The composite indexes above begin with the category and the vendor, so they serve the foreign keys' look-ups too.
DROP INDEX CONCURRENTLY IF EXISTS products_category_id_idx;
DROP INDEX CONCURRENTLY IF EXISTS products_vendor_id_idx;
