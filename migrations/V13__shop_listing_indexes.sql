-- squawk-disable-assume-in-transaction
-- V13: the indexes the whole-shop API's listings walk, so each page reads a bounded number of rows however large the
-- tables grow. Touches existing tables, so it follows the rules for a live shop: runs outside a transaction
-- (V13__shop_listing_indexes.sql.conf) and builds every index CONCURRENTLY, never blocking writers. Each is dropped
-- first: a build interrupted earlier leaves an INVALID index behind that IF NOT EXISTS would keep.

-- vendors().listVerified: verified vendors by slug, however many are not verified.
DROP INDEX CONCURRENTLY IF EXISTS vendor_profiles_verified_slug_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS vendor_profiles_verified_slug_idx
    ON vendor_profiles (slug) WHERE is_verified;

-- products().listForVendor: a vendor's products, newest first, with the id breaking ties as the keyset does.
DROP INDEX CONCURRENTLY IF EXISTS products_vendor_id_created_at_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_vendor_id_created_at_idx
    ON products (vendor_id, created_at DESC, id DESC);

-- accounts().deleteExpired: expired verification tokens oldest first, without a scan (sessions have theirs since V1).
DROP INDEX CONCURRENTLY IF EXISTS verification_tokens_expires_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS verification_tokens_expires_idx
    ON verification_tokens (expires);
