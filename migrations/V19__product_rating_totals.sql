-- V19: each product's review count and rating total on its own row, kept by the database in the same transaction as
-- every review written, changed or deleted, so a listing sorted by rating walks an index (V20) instead of averaging
-- the reviews of every candidate product before it can sort, and listings read the average without a join.
--
-- Touches existing tables, so it follows the rules for a live shop: the columns are added with a constant default
-- (a catalog change, no rewrite and no scan); creating and replacing triggers takes each table's lock for a moment
-- and gives up after the migration's lock_timeout. V20 fills in the existing products in batches and builds the
-- indexes concurrently. Until it has run, a product reviewed before V19 shows totals of only its newer reviews.

ALTER TABLE products
    ADD COLUMN review_count integer NOT NULL DEFAULT 0,
    ADD COLUMN rating_total integer NOT NULL DEFAULT 0,
    ADD COLUMN rating_average numeric(3, 2) NOT NULL DEFAULT 0;

COMMENT ON COLUMN products.review_count IS 'How many reviews the product has; kept by the reviews triggers.';
COMMENT ON COLUMN products.rating_total IS 'The sum of its reviews'' ratings; kept by the reviews triggers.';
COMMENT ON COLUMN products.rating_average IS
    'rating_total / review_count rounded to 2 decimals, 0 without reviews: the rating sort key.';

-- Moves products' totals by per-review differences: one UPDATE per statement (a bulk insert of reviews updates each
-- product once), each product's totals moved by the sum of its differences, so concurrent reviews of one product
-- queue on its row and none is lost. The average is rounded as round(avg(rating), 2) rounds it.
CREATE FUNCTION products_move_rating_totals(product_ids uuid[], review_changes integer[], rating_changes integer[])
RETURNS void
LANGUAGE sql
AS $$
    UPDATE products p
    SET review_count = p.review_count + d.reviews,
        rating_total = p.rating_total + d.ratings,
        rating_average = CASE WHEN p.review_count + d.reviews > 0
            THEN round((p.rating_total + d.ratings)::numeric / (p.review_count + d.reviews), 2)
            ELSE 0 END
    FROM (
        SELECT c.product_id, sum(c.reviews)::integer AS reviews, sum(c.ratings)::integer AS ratings
        FROM unnest(product_ids, review_changes, rating_changes) AS c (product_id, reviews, ratings)
        GROUP BY c.product_id
        HAVING sum(c.reviews) <> 0 OR sum(c.ratings) <> 0
    ) d
    WHERE p.id = d.product_id;
$$;

COMMENT ON FUNCTION products_move_rating_totals(uuid[], integer[], integer[]) IS
    'Adds per-review differences to products.review_count, rating_total and rating_average.';

-- The statement trigger function on reviews. Each branch names only the transition tables its event has (PL/pgSQL
-- plans a statement when it first runs it, so the others never need to exist).
CREATE FUNCTION products_apply_review_changes() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM products_move_rating_totals(array_agg(product_id), array_agg(1), array_agg(rating::integer))
        FROM added_reviews;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM products_move_rating_totals(array_agg(product_id), array_agg(-1), array_agg(-rating::integer))
        FROM removed_reviews;
    ELSE
        PERFORM products_move_rating_totals(array_agg(product_id), array_agg(reviews), array_agg(ratings))
        FROM (
            SELECT product_id, 1 AS reviews, rating::integer AS ratings FROM added_reviews
            UNION ALL
            SELECT product_id, -1, -rating::integer FROM removed_reviews
        ) moved;
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION products_apply_review_changes() IS
    'Statement trigger function on reviews: keeps products.review_count, rating_total and rating_average.';

-- One trigger per event: a trigger with transition tables fires for one event only. INSERT and DELETE see only the
-- table they name; the UPDATE trigger sees both, so a review moved to another product or re-rated counts right.
CREATE TRIGGER reviews_count_inserted
    AFTER INSERT ON reviews
    REFERENCING NEW TABLE AS added_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION products_apply_review_changes();

CREATE TRIGGER reviews_count_updated
    AFTER UPDATE ON reviews
    REFERENCING OLD TABLE AS removed_reviews NEW TABLE AS added_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION products_apply_review_changes();

CREATE TRIGGER reviews_count_deleted
    AFTER DELETE ON reviews
    REFERENCING OLD TABLE AS removed_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION products_apply_review_changes();

-- A review changes its product's totals, not the product: updated_at stays what the product's own last change set.
DROP TRIGGER products_set_updated_at ON products;

CREATE TRIGGER products_set_updated_at
    BEFORE UPDATE ON products
    FOR EACH ROW
    WHEN (OLD.review_count = NEW.review_count AND OLD.rating_total = NEW.rating_total)
    EXECUTE FUNCTION set_updated_at();
