-- V9: validates V8's constraints. VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE, which blocks
-- neither reads nor writes; lock_timeout bounds the wait for that lock behind DDL or VACUUM. If a row stored before
-- V8 breaks a limit, this migration fails naming the constraint: shorten that row, then migrate again.
SET LOCAL lock_timeout = '5s';

ALTER TABLE products VALIDATE CONSTRAINT products_name_length_check;
ALTER TABLE products VALIDATE CONSTRAINT products_slug_length_check;
ALTER TABLE products VALIDATE CONSTRAINT products_description_length_check;
ALTER TABLE categories VALIDATE CONSTRAINT categories_name_length_check;
ALTER TABLE categories VALIDATE CONSTRAINT categories_slug_length_check;
ALTER TABLE categories VALIDATE CONSTRAINT categories_description_length_check;
ALTER TABLE reviews VALIDATE CONSTRAINT reviews_title_length_check;
ALTER TABLE reviews VALIDATE CONSTRAINT reviews_body_length_check;
ALTER TABLE inventory_items VALIDATE CONSTRAINT inventory_items_lot_code_length_check;
ALTER TABLE inventory_history VALIDATE CONSTRAINT inventory_history_note_length_check;
ALTER TABLE orders VALIDATE CONSTRAINT orders_delivery_address_length_check;
ALTER TABLE orders VALIDATE CONSTRAINT orders_notes_length_check;
ALTER TABLE payments VALIDATE CONSTRAINT payments_provider_length_check;
ALTER TABLE payments VALIDATE CONSTRAINT payments_provider_payment_id_length_check;
ALTER TABLE payments VALIDATE CONSTRAINT payments_failure_reason_length_check;
