-- V6: full-text product search and the indexes the storefront's search sorts need.

-- Generated and STORED so the database keeps it in step with name and description on every write, and the GIN
-- index below can serve `search_vector @@ websearch_to_tsquery('english', ...)` without recomputing vectors.
-- Weight A for the name and B for the description lets a relevance rank prefer name matches.
-- coalesce: a NULL description would otherwise make the whole concatenation NULL and hide the name.
ALTER TABLE products
    ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(name, '')), 'A')
            || setweight(to_tsvector('english', coalesce(description, '')), 'B')
        ) STORED;

COMMENT ON COLUMN products.search_vector IS
    'Full-text search document: name (weight A) and description (weight B), English configuration; generated.';

CREATE INDEX products_search_vector_idx ON products USING gin (search_vector);

-- Keyset pages sorted by price walk (price, id) in either direction; id breaks ties between equal prices so the
-- row comparison `(price, id) > (?, ?)` is a single index range scan.
CREATE INDEX products_price_id_idx ON products (price, id);

-- The same for the newest-first sort: `(created_at, id) < (?, ?)` with id as the tie-breaker. The older
-- products_created_at_idx (created_at alone) cannot end that comparison on id, so this one replaces it.
CREATE INDEX products_created_at_id_idx ON products (created_at DESC, id DESC);
DROP INDEX products_created_at_idx;
