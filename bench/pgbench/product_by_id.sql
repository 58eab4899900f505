\set i random(1, 5000)
SELECT id, vendor_id, category_id, name, slug, description, price, currency, unit, status, is_organic,
       created_at, updated_at
FROM products WHERE id = md5('p' || :i)::uuid;
