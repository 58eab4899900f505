-- V8: the text limits the API enforces (NewProduct.MAX_NAME_LENGTH and the rest), as CHECK constraints, so no
-- client can store more either.
--
-- Touches existing tables, so it follows the rules for a live shop: each ALTER takes its ACCESS EXCLUSIVE lock for
-- a moment only (NOT VALID: no scan of the existing rows), and gives up after lock_timeout rather than queueing
-- every other session behind it. V9 validates the constraints in a transaction of its own, under a lock that lets
-- reads and writes go on. New rows are checked from this migration on.
SET LOCAL lock_timeout = '5s';

ALTER TABLE products
    ADD CONSTRAINT products_name_length_check CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT products_slug_length_check CHECK (char_length(slug) <= 100) NOT VALID,
    ADD CONSTRAINT products_description_length_check CHECK (char_length(description) <= 5000) NOT VALID;

ALTER TABLE categories
    ADD CONSTRAINT categories_name_length_check CHECK (char_length(name) <= 100) NOT VALID,
    ADD CONSTRAINT categories_slug_length_check CHECK (char_length(slug) <= 100) NOT VALID,
    ADD CONSTRAINT categories_description_length_check CHECK (char_length(description) <= 2000) NOT VALID;

ALTER TABLE reviews
    ADD CONSTRAINT reviews_title_length_check CHECK (char_length(title) <= 200) NOT VALID,
    ADD CONSTRAINT reviews_body_length_check CHECK (char_length(body) <= 10000) NOT VALID;

ALTER TABLE inventory_items
    ADD CONSTRAINT inventory_items_lot_code_length_check CHECK (char_length(lot_code) <= 100) NOT VALID;

ALTER TABLE inventory_history
    ADD CONSTRAINT inventory_history_note_length_check CHECK (char_length(note) <= 1000) NOT VALID;

ALTER TABLE orders
    ADD CONSTRAINT orders_delivery_address_length_check CHECK (char_length(delivery_address) <= 500) NOT VALID,
    ADD CONSTRAINT orders_notes_length_check CHECK (char_length(notes) <= 1000) NOT VALID;

ALTER TABLE payments
    ADD CONSTRAINT payments_provider_length_check CHECK (char_length(provider) <= 50) NOT VALID,
    ADD CONSTRAINT payments_provider_payment_id_length_check
        CHECK (char_length(provider_payment_id) <= 200) NOT VALID,
    ADD CONSTRAINT payments_failure_reason_length_check CHECK (char_length(failure_reason) <= 1000) NOT VALID;
