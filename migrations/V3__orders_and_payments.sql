-- V3: orders, their lines and payments; links inventory_history to orders.

CREATE TYPE order_status AS ENUM (
    'pending', 'confirmed', 'preparing', 'ready', 'completed', 'cancelled', 'refunded'
);

CREATE TYPE fulfillment_method AS ENUM ('pickup', 'delivery');

CREATE TYPE payment_status AS ENUM ('pending', 'succeeded', 'failed', 'refunded');

-- Human-readable order numbers (FM-00000001). MAXVALUE matches the 8 padded digits:
-- past it nextval fails loudly instead of lpad silently truncating into a duplicate.
CREATE SEQUENCE order_number_seq AS bigint MAXVALUE 99999999;

CREATE TABLE orders (
    id                uuid               NOT NULL DEFAULT gen_random_uuid(),
    order_number      text               NOT NULL DEFAULT 'FM-' || lpad(nextval('order_number_seq')::text, 8, '0'),
    customer_id       uuid               NOT NULL,
    status            order_status       NOT NULL DEFAULT 'pending',
    fulfillment       fulfillment_method NOT NULL DEFAULT 'pickup',
    delivery_address  text,
    subtotal          numeric(12, 2)     NOT NULL,
    tax               numeric(12, 2)     NOT NULL,
    fees              numeric(12, 2)     NOT NULL,
    total             numeric(12, 2)     NOT NULL,
    currency          char(3)            NOT NULL DEFAULT 'USD',
    notes             text,
    placed_at         timestamptz        NOT NULL DEFAULT now(),
    status_changed_at timestamptz        NOT NULL DEFAULT now(),
    created_at        timestamptz        NOT NULL DEFAULT now(),
    updated_at        timestamptz        NOT NULL DEFAULT now(),
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_order_number_key UNIQUE (order_number),
    CONSTRAINT orders_delivery_address_check CHECK (fulfillment <> 'delivery' OR delivery_address IS NOT NULL),
    CONSTRAINT orders_subtotal_check CHECK (subtotal >= 0),
    CONSTRAINT orders_tax_check CHECK (tax >= 0),
    CONSTRAINT orders_fees_check CHECK (fees >= 0),
    -- Both rules on total share the one name orders_total_check (a second name would break the
    -- naming scheme); total >= 0 already follows from the three checks above.
    CONSTRAINT orders_total_check CHECK (total >= 0 AND total = subtotal + tax + fees),
    CONSTRAINT orders_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    -- RESTRICT: orders are financial records; a customer with orders cannot be deleted.
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES users (id) ON DELETE RESTRICT
);

COMMENT ON TABLE orders IS 'Customer orders with their totals, status and fulfillment method.';

-- Dropping orders drops its number sequence too.
ALTER SEQUENCE order_number_seq OWNED BY orders.order_number;

-- Hot paths: a customer's order history, and vendor/admin queues by status.
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at DESC);
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at DESC);
CREATE INDEX orders_created_at_idx ON orders (created_at);

CREATE TRIGGER orders_set_updated_at
    BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- inventory_history.order_id and its index exist since V2; only the constraint was waiting for orders.
ALTER TABLE inventory_history
    ADD CONSTRAINT inventory_history_order_id_fkey
    FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT;

-- Lines are snapshots taken at order time: no updated_at.
CREATE TABLE order_items (
    id           uuid           NOT NULL DEFAULT gen_random_uuid(),
    order_id     uuid           NOT NULL,
    product_id   uuid           NOT NULL,
    -- Denormalised from the product so vendor sales queries need no join.
    vendor_id    uuid           NOT NULL,
    -- The name at order time; the product may be renamed later.
    product_name text           NOT NULL,
    quantity     integer        NOT NULL,
    unit_price   numeric(12, 2) NOT NULL,
    line_total   numeric(12, 2) NOT NULL,
    created_at   timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT order_items_pkey PRIMARY KEY (id),
    -- Also serves as the index for the order_id foreign key.
    CONSTRAINT order_items_order_id_product_id_key UNIQUE (order_id, product_id),
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
    CONSTRAINT order_items_unit_price_check CHECK (unit_price >= 0),
    CONSTRAINT order_items_line_total_check CHECK (line_total = quantity * unit_price),
    -- CASCADE: lines are owned by their order.
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT,
    CONSTRAINT order_items_vendor_id_fkey FOREIGN KEY (vendor_id) REFERENCES vendor_profiles (id) ON DELETE RESTRICT
);

COMMENT ON TABLE order_items IS 'Order lines: product, quantity and price as sold.';

CREATE INDEX order_items_product_id_idx ON order_items (product_id);
CREATE INDEX order_items_vendor_id_created_at_idx ON order_items (vendor_id, created_at DESC);

CREATE TABLE payments (
    id                  uuid           NOT NULL DEFAULT gen_random_uuid(),
    order_id            uuid           NOT NULL,
    amount              numeric(12, 2) NOT NULL,
    refunded_amount     numeric(12, 2) NOT NULL DEFAULT 0,
    currency            char(3)        NOT NULL DEFAULT 'USD',
    status              payment_status NOT NULL DEFAULT 'pending',
    provider            text           NOT NULL DEFAULT 'manual',
    -- NULL until the provider assigns one (and always for manual payments).
    provider_payment_id text,
    failure_reason      text,
    paid_at             timestamptz,
    created_at          timestamptz    NOT NULL DEFAULT now(),
    updated_at          timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    -- Makes provider webhooks idempotent: one row per provider payment.
    CONSTRAINT payments_provider_payment_id_key UNIQUE (provider, provider_payment_id),
    CONSTRAINT payments_amount_check CHECK (amount >= 0),
    CONSTRAINT payments_refunded_amount_check CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CONSTRAINT payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    -- RESTRICT: payments are financial records.
    CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT
);

COMMENT ON TABLE payments IS 'Payments and refunds against an order, as reported by the payment provider.';

CREATE INDEX payments_order_id_idx ON payments (order_id);
CREATE INDEX payments_status_created_at_idx ON payments (status, created_at DESC);

CREATE TRIGGER payments_set_updated_at
    BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
