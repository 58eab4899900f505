-- V2: vendors, the category tree, products and stock (with its append-only history).

CREATE TYPE product_status AS ENUM ('draft', 'active', 'inactive', 'archived');

CREATE TYPE product_unit AS ENUM (
    'each', 'lb', 'kg', 'oz', 'g', 'bunch', 'dozen', 'pint', 'quart', 'gallon', 'liter'
);

CREATE TYPE inventory_change_reason AS ENUM (
    'restock', 'adjustment', 'spoilage', 'reservation', 'release', 'sale', 'return'
);

CREATE TABLE vendor_profiles (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id       uuid        NOT NULL,
    business_name text        NOT NULL,
    slug          text        NOT NULL,
    description   text,
    contact_email text,
    phone         text,
    city          text,
    region        text,
    postal_code   text,
    is_verified   boolean     NOT NULL DEFAULT FALSE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vendor_profiles_pkey PRIMARY KEY (id),
    CONSTRAINT vendor_profiles_slug_key UNIQUE (slug),
    CONSTRAINT vendor_profiles_business_name_check CHECK (length(btrim(business_name)) > 0),
    -- URL-safe: lowercase words joined by single hyphens.
    CONSTRAINT vendor_profiles_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    -- RESTRICT: a vendor's products and sales history must not vanish with the user.
    CONSTRAINT vendor_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
);

COMMENT ON TABLE vendor_profiles IS 'Selling businesses; a user may run several.';

CREATE INDEX vendor_profiles_user_id_idx ON vendor_profiles (user_id);

CREATE TRIGGER vendor_profiles_set_updated_at
    BEFORE UPDATE ON vendor_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE categories (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    -- NULL for a top-level category.
    parent_id   uuid,
    name        text        NOT NULL,
    slug        text        NOT NULL,
    description text,
    sort_order  integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT categories_pkey PRIMARY KEY (id),
    CONSTRAINT categories_slug_key UNIQUE (slug),
    CONSTRAINT categories_name_check CHECK (length(btrim(name)) > 0),
    CONSTRAINT categories_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT categories_sort_order_check CHECK (sort_order >= 0),
    CONSTRAINT categories_not_own_parent_check CHECK (parent_id IS NULL OR parent_id <> id),
    -- RESTRICT: a category with children cannot be deleted; move or delete the children first.
    CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE RESTRICT
);

COMMENT ON TABLE categories IS 'Hierarchical product categories (self-referencing through parent_id).';

CREATE INDEX categories_parent_id_idx ON categories (parent_id);

CREATE TRIGGER categories_set_updated_at
    BEFORE UPDATE ON categories
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE products (
    id          uuid           NOT NULL DEFAULT gen_random_uuid(),
    vendor_id   uuid           NOT NULL,
    category_id uuid           NOT NULL,
    name        text           NOT NULL,
    slug        text           NOT NULL,
    description text,
    price       numeric(12, 2) NOT NULL,
    currency    char(3)        NOT NULL DEFAULT 'USD',
    unit        product_unit   NOT NULL DEFAULT 'each',
    status      product_status NOT NULL DEFAULT 'draft',
    is_organic  boolean        NOT NULL DEFAULT FALSE,
    created_at  timestamptz    NOT NULL DEFAULT now(),
    updated_at  timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT products_pkey PRIMARY KEY (id),
    CONSTRAINT products_slug_key UNIQUE (slug),
    CONSTRAINT products_name_check CHECK (length(btrim(name)) > 0),
    CONSTRAINT products_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT products_price_check CHECK (price >= 0),
    -- ISO 4217 alphabetic code.
    CONSTRAINT products_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    -- RESTRICT on both: products are referenced by order lines and stock history.
    CONSTRAINT products_vendor_id_fkey FOREIGN KEY (vendor_id) REFERENCES vendor_profiles (id) ON DELETE RESTRICT,
    CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE RESTRICT
);

COMMENT ON TABLE products IS 'Products offered by vendors, with price, unit and publication status.';

CREATE INDEX products_vendor_id_idx ON products (vendor_id);
CREATE INDEX products_category_id_idx ON products (category_id);
-- Hot path: the storefront lists active products, newest first.
CREATE INDEX products_status_created_at_idx ON products (status, created_at DESC);
CREATE INDEX products_created_at_idx ON products (created_at DESC);

CREATE TRIGGER products_set_updated_at
    BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE inventory_items (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    product_id          uuid        NOT NULL,
    lot_code            text        NOT NULL DEFAULT 'default',
    quantity_on_hand    integer     NOT NULL DEFAULT 0,
    quantity_reserved   integer     NOT NULL DEFAULT 0,
    low_stock_threshold integer     NOT NULL DEFAULT 5,
    harvested_on        date,
    expires_on          date,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inventory_items_pkey PRIMARY KEY (id),
    -- Also serves as the index for the product_id foreign key.
    CONSTRAINT inventory_items_product_id_lot_code_key UNIQUE (product_id, lot_code),
    CONSTRAINT inventory_items_quantity_on_hand_check CHECK (quantity_on_hand >= 0),
    CONSTRAINT inventory_items_quantity_reserved_check CHECK (quantity_reserved >= 0),
    -- Reservations can never promise more than is in stock.
    CONSTRAINT inventory_items_reserved_within_on_hand_check CHECK (quantity_reserved <= quantity_on_hand),
    CONSTRAINT inventory_items_low_stock_threshold_check CHECK (low_stock_threshold >= 0),
    CONSTRAINT inventory_items_expires_on_check
        CHECK (expires_on IS NULL OR harvested_on IS NULL OR expires_on >= harvested_on),
    -- RESTRICT: inventory_history refers to the lot.
    CONSTRAINT inventory_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT
);

COMMENT ON TABLE inventory_items IS 'Stock lots of a product: quantity on hand and reserved per lot.';

CREATE TRIGGER inventory_items_set_updated_at
    BEFORE UPDATE ON inventory_items
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Append-only audit log: rows are never updated, so no updated_at.
CREATE TABLE inventory_history (
    id                uuid                    NOT NULL DEFAULT gen_random_uuid(),
    inventory_item_id uuid                    NOT NULL,
    -- Denormalised from the lot so per-product history pages need no join.
    product_id        uuid                    NOT NULL,
    quantity_change   integer                 NOT NULL,
    reserved_change   integer                 NOT NULL DEFAULT 0,
    quantity_after    integer                 NOT NULL,
    reserved_after    integer                 NOT NULL,
    reason            inventory_change_reason NOT NULL,
    note              text,
    -- Its foreign key is added in V3, once orders exists.
    order_id          uuid,
    changed_by        uuid,
    created_at        timestamptz             NOT NULL DEFAULT now(),
    CONSTRAINT inventory_history_pkey PRIMARY KEY (id),
    -- A row that changes nothing records nothing.
    CONSTRAINT inventory_history_nonzero_change_check CHECK (quantity_change <> 0 OR reserved_change <> 0),
    CONSTRAINT inventory_history_quantity_after_check CHECK (quantity_after >= 0),
    CONSTRAINT inventory_history_reserved_after_check CHECK (reserved_after >= 0),
    -- RESTRICT everywhere: nothing the audit trail refers to may be deleted.
    CONSTRAINT inventory_history_inventory_item_id_fkey
        FOREIGN KEY (inventory_item_id) REFERENCES inventory_items (id) ON DELETE RESTRICT,
    CONSTRAINT inventory_history_product_id_fkey
        FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT,
    -- Not SET NULL: that would be an UPDATE, which the append-only trigger refuses anyway.
    CONSTRAINT inventory_history_changed_by_fkey
        FOREIGN KEY (changed_by) REFERENCES users (id) ON DELETE RESTRICT
);

COMMENT ON TABLE inventory_history IS 'Append-only audit log of stock changes (deltas and resulting levels).';
COMMENT ON COLUMN inventory_history.quantity_change IS 'Delta of inventory_items.quantity_on_hand.';
COMMENT ON COLUMN inventory_history.reserved_change IS 'Delta of inventory_items.quantity_reserved.';

CREATE INDEX inventory_history_inventory_item_id_created_at_idx ON inventory_history (inventory_item_id, created_at DESC);
CREATE INDEX inventory_history_product_id_created_at_idx ON inventory_history (product_id, created_at DESC);
CREATE INDEX inventory_history_order_id_idx ON inventory_history (order_id);
CREATE INDEX inventory_history_changed_by_idx ON inventory_history (changed_by);
CREATE INDEX inventory_history_reason_created_at_idx ON inventory_history (reason, created_at DESC);
CREATE INDEX inventory_history_created_at_idx ON inventory_history (created_at);

-- Enforces append-only in the database, so no client (or bug) can rewrite the audit trail.
-- 55000 = object_not_in_prerequisite_state. Returns NULL for the statement-level TRUNCATE trigger.
CREATE FUNCTION inventory_history_reject_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'inventory_history is append-only: % is not allowed', TG_OP
        USING ERRCODE = '55000';
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION inventory_history_reject_change() IS 'Trigger function: refuses UPDATE, DELETE and TRUNCATE on inventory_history.';

CREATE TRIGGER inventory_history_reject_update_delete
    BEFORE UPDATE OR DELETE ON inventory_history
    FOR EACH ROW EXECUTE FUNCTION inventory_history_reject_change();

-- Row triggers do not fire on TRUNCATE, so it needs its own statement-level trigger.
CREATE TRIGGER inventory_history_reject_truncate
    BEFORE TRUNCATE ON inventory_history
    FOR EACH STATEMENT EXECUTE FUNCTION inventory_history_reject_change();
